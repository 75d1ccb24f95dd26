import { unitEndpoints, UnitTransports } from '@foodcourt/platform-ports';
import type { Topology } from '@foodcourt/platform-topology';
import { natsTransport, type NatsEndpoint } from '@foodcourt/platform-transport-nats';
import { rabbitmqTransport, type RabbitMqEndpoint } from '@foodcourt/platform-transport-rabbitmq';
import { tcpTransport, type TcpEndpoint } from '@foodcourt/platform-transport-tcp';
import type { RpcHandler, UnitConnection, UnitServer, UnitTransport } from '@foodcourt/platform-wire';

/** Every transport a Foodcourt binary ships: the topology picks one per unit. */
export const UNIT_TRANSPORTS: readonly UnitTransport[] = [tcpTransport, natsTransport, rabbitmqTransport] as readonly UnitTransport[];

/** The endpoint of a unit on any shipped transport. */
export type ShippedEndpoint = TcpEndpoint | NatsEndpoint | RabbitMqEndpoint;

const shipped = new UnitTransports(UNIT_TRANSPORTS);

/** A connection to the unit at `endpoint`, on its transport (for tools, benchmarks and specs that talk to a unit directly). */
export function connectToUnit(endpoint: ShippedEndpoint): UnitConnection {
  return shipped.of(endpoint.transport).connect(endpoint);
}

/** Starts a unit server at `endpoint` answering `handlers`, on its transport. */
export function startUnitServer(endpoint: ShippedEndpoint, handlers: [string, RpcHandler][]): Promise<UnitServer> {
  return shipped.of(endpoint.transport).listen(endpoint, handlers);
}

/** Every unit's endpoint as a binary of this repository computes it from `topology` and `env`. */
export function shippedEndpoints(topology: Topology, env: NodeJS.ProcessEnv = process.env): Map<string, ShippedEndpoint> {
  return unitEndpoints(topology, shipped, env) as Map<string, ShippedEndpoint>;
}
