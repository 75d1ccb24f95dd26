import { ConfigError } from '../config/validate-config';
import type { ResolvedUnit } from '../topology/load-topology';
import type { Topology, TopologyUnit, TransportKind } from '../topology/topology.schema';

/** How to reach one unit: a TCP address, or a broker plus the names this unit answers on. */
export type UnitEndpoint =
  | { unit: string; transport: 'tcp'; host: string; port: number }
  | { unit: string; transport: 'nats'; url: string; namespace: string }
  | { unit: string; transport: 'rabbitmq'; url: string; namespace: string };

const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
const DEFAULT_RABBITMQ_URL = 'amqp://guest:guest@127.0.0.1:5672';

/** Env var that overrides a unit's TCP address, e.g. UNIT_PAYMENTS_ADDRESS=payments:4101 on Kubernetes. */
export function addressVariable(unit: string): string {
  return `UNIT_${unit.toUpperCase().replace(/-/g, '_')}_ADDRESS`;
}

/**
 * Every unit's endpoint: the topology file's addresses and brokers, overridden by
 * UNIT_<NAME>_ADDRESS, NATS_URL and RABBITMQ_URL. FOODCOURT_NAMESPACE (default: the
 * topology's name) prefixes broker subjects and queues so two deployments can share a broker.
 */
export function unitEndpoints(topology: Topology, env: NodeJS.ProcessEnv = process.env): Map<string, UnitEndpoint> {
  const namespace = env['FOODCOURT_NAMESPACE'] || topology.name;
  if (!/^[A-Za-z0-9_-]+$/.test(namespace)) {
    throw new ConfigError(`invalid configuration: FOODCOURT_NAMESPACE must be letters, digits, "-" or "_", got "${namespace}"`);
  }
  const endpoints = new Map<string, UnitEndpoint>();
  for (const unit of topology.units) endpoints.set(unit.name, endpointOf(topology, unit, namespace, env));
  return endpoints;
}

/** The transport other units use to reach `unit`. */
export function transportOf(topology: Topology, unit: TopologyUnit): TransportKind {
  return unit.transport ?? topology.transport ?? 'tcp';
}

/** The unit hosting each domain. */
export function hostUnits(topology: Topology): Map<string, string> {
  const hosts = new Map<string, string>();
  for (const unit of topology.units) for (const domain of unit.domains) hosts.set(domain, unit.name);
  return hosts;
}

/** Units other than this one that a relay must hand events to. */
export function peerUnits(resolved: ResolvedUnit): string[] {
  return resolved.topology.units.filter((u) => u.name !== resolved.unit.name && u.domains.length > 0).map((u) => u.name);
}

function endpointOf(topology: Topology, unit: TopologyUnit, namespace: string, env: NodeJS.ProcessEnv): UnitEndpoint {
  const transport = transportOf(topology, unit);
  if (transport === 'nats') {
    return { unit: unit.name, transport, namespace, url: brokerUrl(env, 'NATS_URL', topology.brokers?.nats ?? DEFAULT_NATS_URL, /^nats:\/\//) };
  }
  if (transport === 'rabbitmq') {
    return {
      unit: unit.name,
      transport,
      namespace,
      url: brokerUrl(env, 'RABBITMQ_URL', topology.brokers?.rabbitmq ?? DEFAULT_RABBITMQ_URL, /^amqps?:\/\//),
    };
  }
  const variable = addressVariable(unit.name);
  const address = env[variable] || unit.address || '127.0.0.1:0';
  const match = /^([^\s:]+):(\d{1,5})$/.exec(address);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65_535) {
    throw new ConfigError(`invalid configuration: ${variable} must be host:port, got "${address}"`);
  }
  return { unit: unit.name, transport, host: match[1]!, port };
}

function brokerUrl(env: NodeJS.ProcessEnv, variable: string, fallback: string, shape: RegExp): string {
  const url = env[variable] || fallback;
  if (!shape.test(url)) throw new ConfigError(`invalid configuration: ${variable} must match ${shape.source}, got "${url}"`);
  return url;
}
