import { HTTP_PORT, type UnitDeployment } from './deploy-plan';
import { metadataOf, selectorOf, type K8sObject } from './kubernetes-objects';

/**
 * The unit's in-cluster name: the topology's address `<unit>:<port>` points here (rpc), and
 * /health plus the messaging admin endpoints answer on http. ClusterIP: never reachable from outside.
 */
export function serviceOf(unit: UnitDeployment): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadataOf(unit.name, unit),
    spec: {
      type: 'ClusterIP',
      selector: selectorOf(unit),
      ports: [
        { name: 'http', port: HTTP_PORT, targetPort: 'http' },
        ...(unit.rpcPort === undefined ? [] : [{ name: 'rpc', port: unit.rpcPort, targetPort: 'rpc' }]),
      ],
    },
  };
}

/**
 * The public entry point of an HTTP unit: port 80 to its API, nothing else (its rpc port stays on
 * the ClusterIP Service). `Local` keeps the client's address for the per-address login limits.
 * Behind an Ingress instead, point it at Service <unit> port http and set TRUST_PROXY=true.
 */
export function publicServiceOf(unit: UnitDeployment): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadataOf(`${unit.name}-public`, unit),
    spec: {
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      selector: selectorOf(unit),
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  };
}

/**
 * Lets a node drain evict one pod at a time. maxUnavailable (not minAvailable) so a one-replica
 * unit does not block the drain forever; it restarts elsewhere, its callers see 503 meanwhile.
 */
export function disruptionBudgetOf(unit: UnitDeployment): K8sObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadataOf(unit.name, unit),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(unit) } },
  };
}

/** For a unit that declares replicas: never fewer than declared, up to twice as many under CPU load. */
export function autoscalerOf(unit: UnitDeployment): K8sObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: metadataOf(unit.name, unit),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: unit.name },
      minReplicas: unit.replicas,
      maxReplicas: unit.replicas * 2,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } }],
    },
  };
}
