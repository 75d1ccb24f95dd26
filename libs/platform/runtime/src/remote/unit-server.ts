import { isIP } from 'node:net';
import { type Server } from '@nestjs/microservices';
import { UnitServerNats, UnitServerRmq, UnitServerTcp } from './nest-servers';
import type { RpcHandler } from './rpc-handlers';
import { natsSubjectOf, rabbitQueueOf } from './wire-names';
import type { UnitEndpoint } from './unit-endpoints';

/** The transport server of one unit, answering every registered pattern. */
export interface UnitServer {
  readonly endpoint: UnitEndpoint;
  close(): Promise<void>;
}

/** Starts the Nest transport server of `endpoint` with `handlers`; rejects with a clear reason if it cannot listen. */
export async function startUnitServer(endpoint: UnitEndpoint, handlers: [string, RpcHandler][]): Promise<UnitServer> {
  const server = serverFor(endpoint);
  for (const [pattern, handler] of handlers) {
    const name = endpoint.transport === 'nats' ? natsSubjectOf(endpoint.namespace, pattern) : pattern;
    server.addHandler(name, (data: unknown) => handler(data));
  }
  await new Promise<void>((resolve, reject) => {
    server.listen((error?: unknown) => (error ? reject(listenError(endpoint, error)) : resolve()));
  });
  // NATS registers a subscription when the server has read it: until then a request gets "no responders".
  // A round trip makes the unit ready only once its subjects are in place.
  if (server instanceof UnitServerNats) await server.unwrap<{ flush(): Promise<void> }>().flush();
  return {
    endpoint,
    async close() {
      await server.close();
    },
  };
}

/** What this file needs of a Nest transport server (their status types differ, so no common Server<> type fits). */
type TransportServer = Pick<Server, 'addHandler' | 'listen' | 'close'>;

function serverFor(endpoint: UnitEndpoint): TransportServer {
  switch (endpoint.transport) {
    case 'tcp':
      // An address by name (a Kubernetes Service) cannot be bound by the pod behind it: listen on every interface then.
      return new UnitServerTcp({ host: isIP(endpoint.host) ? endpoint.host : '0.0.0.0', port: endpoint.port });
    case 'nats':
      // A queue group per unit: replicas of one unit share its calls.
      return new UnitServerNats({ servers: [endpoint.url], queue: rabbitQueueOf(endpoint), name: `foodcourt-${endpoint.unit}` });
    case 'rabbitmq':
      return new UnitServerRmq({
        urls: [endpoint.url],
        queue: rabbitQueueOf(endpoint),
        queueOptions: { durable: false },
        // Requests are not durable work: an unanswered one times out at its caller (and expires here).
        noAck: true,
        prefetchCount: 64,
      });
  }
}

function listenError(endpoint: UnitEndpoint, error: unknown): Error {
  const where = endpoint.transport === 'tcp' ? `${endpoint.host}:${endpoint.port}` : endpoint.url;
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`unit "${endpoint.unit}" cannot listen on ${endpoint.transport} ${where}: ${reason}`);
}
