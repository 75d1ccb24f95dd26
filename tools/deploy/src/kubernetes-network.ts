import type { DeploymentPlan, UnitDeployment } from './deploy-plan';
import { PART_OF, metadataOf, selectorOf, type K8sObject } from './kubernetes-objects';

const BROKER_PORTS = { nats: 4222, rabbitmq: 5672 } as const;
const POSTGRES_PORT = 5432;
/** The notifications domain sends mail over SMTP (submission, implicit TLS, plain). */
const SMTP_PORTS = [587, 465, 25];

/** Nothing in or out of the namespace unless a unit's own policy allows it. */
function defaultDeny(): K8sObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadataOf('default-deny'),
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };
}

const tcp = (port: number | string) => ({ protocol: 'TCP', port });

/**
 * Units trust each other's calls (docs/adr/0006): a unit accepts Foodcourt's pods on its rpc port
 * only, and only an HTTP unit accepts anyone, on its http port. Out: DNS, the rpc ports of the
 * units it may call, the brokers and the database (wherever they run), and SMTP for notifications.
 * Kubelet probes from the node are not subject to these rules in the usual network plugins.
 */
function unitPolicy(plan: DeploymentPlan, unit: UnitDeployment): K8sObject {
  const ingress: unknown[] = [];
  if (unit.http) ingress.push({ ports: [tcp('http')] });
  if (unit.rpcPort !== undefined) ingress.push({ from: [{ podSelector: { matchLabels: PART_OF } }], ports: [tcp('rpc')] });

  const egress: unknown[] = [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }, tcp(53)] }];
  for (const peer of plan.units) {
    if (peer.name !== unit.name && peer.rpcPort !== undefined) egress.push({ to: [{ podSelector: { matchLabels: selectorOf(peer) } }], ports: [tcp(peer.rpcPort)] });
  }
  const outside = [
    ...plan.brokers.map((broker) => BROKER_PORTS[broker]),
    ...(plan.db === 'postgres' && unit.domains.length > 0 ? [POSTGRES_PORT] : []),
    ...(unit.domains.includes('notifications') ? SMTP_PORTS : []),
  ];
  if (outside.length > 0) egress.push({ ports: outside.map(tcp) });

  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadataOf(unit.name, unit),
    spec: { podSelector: { matchLabels: selectorOf(unit) }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
  };
}

export function networkPoliciesOf(plan: DeploymentPlan): K8sObject[] {
  return [defaultDeny(), ...plan.units.map((unit) => unitPolicy(plan, unit))];
}
