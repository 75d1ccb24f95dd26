import { GRACE_SECONDS, HTTP_PORT, PRE_STOP_SECONDS, TOPOLOGY_MOUNT, unitEnvOf, type DeploymentPlan, type UnitDeployment } from './deploy-plan';
import { SECRETS, TOPOLOGY_CONFIGMAP, labelsOf, metadataOf, selectorOf, type K8sObject } from './kubernetes-objects';

type EnvVar = { name: string; value: string } | { name: string; valueFrom: { secretKeyRef: { name: string; key: string; optional?: boolean } } };

const secret = (name: string, secretName: string, key: string, optional = false): EnvVar => ({ name, valueFrom: { secretKeyRef: { name: secretName, key, ...(optional ? { optional } : {}) } } });

/** What a unit's container is told; credentials and URLs that may hold them come from Secrets only. */
function envOf(plan: DeploymentPlan, unit: UnitDeployment): EnvVar[] {
  const plain: Record<string, string> = {
    ...unitEnvOf(plan, unit),
    // Below the 512Mi limit, so the heap gives out (and the pod restarts) before the OOM killer strikes.
    NODE_OPTIONS: '--max-old-space-size=384',
    ...(unit.http ? { TRUST_PROXY: 'false' } : {}),
  };
  const env: EnvVar[] = Object.entries(plain).map(([name, value]) => ({ name, value }));
  // DATABASE_URL holds a password: postgres://user:pass@host/foodcourt_{domain} (one database per domain).
  if (unit.domains.length > 0 && plan.db === 'postgres') env.push(secret('DATABASE_URL', SECRETS.database, 'url'));
  // Every unit publishes or consumes over the topology's brokers, so each gets their URLs.
  if (plan.brokers.includes('nats')) env.push(secret('NATS_URL', SECRETS.brokers, 'nats-url'));
  if (plan.brokers.includes('rabbitmq')) env.push(secret('RABBITMQ_URL', SECRETS.brokers, 'rabbitmq-url'));
  // The first admin, optional (both keys or neither): the unit starts without the Secret.
  if (unit.domains.includes('identity')) {
    env.push(secret('IDENTITY_ADMIN_EMAIL', SECRETS.admin, 'email', true), secret('IDENTITY_ADMIN_PASSWORD', SECRETS.admin, 'password', true));
  }
  return env;
}

/** SQLite files live on a volume of the unit's own; on PostgreSQL a unit keeps nothing locally. */
export function hasVolume(plan: DeploymentPlan, unit: UnitDeployment): boolean {
  return plan.db === 'sqlite' && unit.domains.length > 0;
}

export function volumeClaimOf(unit: UnitDeployment): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: metadataOf(`${unit.name}-data`, unit),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
}

const httpProbe = (path: string, periodSeconds: number, failureThreshold: number) => ({
  httpGet: { path, port: 'http' },
  periodSeconds,
  timeoutSeconds: 2,
  failureThreshold,
});

export function deploymentOf(plan: DeploymentPlan, unit: UnitDeployment): K8sObject {
  const volume = hasVolume(plan, unit);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadataOf(unit.name, unit),
    spec: {
      replicas: unit.replicas,
      // One replica of a domain unit: one outbox relay and one SQLite writer (docs/adr/0002, 0003);
      // Recreate lets the old pod go of the volume before the new one starts.
      ...(unit.replicas === 1 && unit.domains.length > 0 ? { strategy: { type: 'Recreate' } } : {}),
      selector: { matchLabels: selectorOf(unit) },
      template: {
        metadata: { labels: labelsOf(unit) },
        spec: {
          automountServiceAccountToken: false,
          // SIGTERM drains the unit (docs/adr/0011): preStop pause + DRAIN_TIMEOUT_MS < grace period.
          terminationGracePeriodSeconds: GRACE_SECONDS,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: unit.name,
              // The image's default CMD starts its one app (docker/Dockerfile, ARG APP).
              image: unit.image,
              imagePullPolicy: 'IfNotPresent',
              env: envOf(plan, unit),
              ports: [{ name: 'http', containerPort: HTTP_PORT }, ...(unit.rpcPort === undefined ? [] : [{ name: 'rpc', containerPort: unit.rpcPort }])],
              // Endpoints take a moment to drop a terminating pod: keep serving while they do, then drain.
              lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SECONDS } } },
              startupProbe: { httpGet: { path: '/health/live', port: 'http' }, periodSeconds: 3, failureThreshold: 40 },
              // /health/ready answers for this unit's own databases: a unit down elsewhere makes only
              // the calls that need it answer 503, it does not take this one out of rotation.
              readinessProbe: httpProbe('/health/ready', 5, 3),
              livenessProbe: httpProbe('/health/live', 10, 3),
              // Seven units fit a 2-core node: 7 x 100m CPU and 7 x 256Mi requested; a burst may use a whole core.
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: false, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'topology', mountPath: TOPOLOGY_MOUNT, readOnly: true }, ...(volume ? [{ name: 'data', mountPath: '/data' }] : [])],
            },
          ],
          volumes: [
            { name: 'topology', configMap: { name: TOPOLOGY_CONFIGMAP } },
            ...(volume ? [{ name: 'data', persistentVolumeClaim: { claimName: `${unit.name}-data` } }] : []),
          ],
        },
      },
    },
  };
}
