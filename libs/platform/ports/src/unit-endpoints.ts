import { ConfigError } from '@foodcourt/platform-kernel';
import { transportOf, type Topology } from '@foodcourt/platform-topology';
import type { UnitEndpoint } from '@foodcourt/platform-wire';
import type { UnitTransports } from './unit-transports';

/**
 * Every unit's endpoint, read by the transport the topology gives it from the topology file and
 * the environment (UNIT_<NAME>_ADDRESS, NATS_URL, RABBITMQ_URL). FOODCOURT_NAMESPACE (default:
 * the topology's name) prefixes broker subjects and queues so two deployments can share a broker.
 */
export function unitEndpoints(topology: Topology, transports: UnitTransports, env: NodeJS.ProcessEnv = process.env): Map<string, UnitEndpoint> {
  const namespace = env['FOODCOURT_NAMESPACE'] || topology.name;
  if (!/^[A-Za-z0-9_-]+$/.test(namespace)) {
    throw new ConfigError(`invalid configuration: FOODCOURT_NAMESPACE must be letters, digits, "-" or "_", got "${namespace}"`);
  }
  const brokers = (topology.brokers ?? {}) as Record<string, string | undefined>;
  const endpoints = new Map<string, UnitEndpoint>();
  for (const unit of topology.units) {
    const kind = transportOf(topology, unit);
    endpoints.set(unit.name, transports.of(kind).endpoint({ unit: unit.name, address: unit.address, addresses: unit.addresses, brokerUrl: brokers[kind], namespace, env }));
  }
  return endpoints;
}
