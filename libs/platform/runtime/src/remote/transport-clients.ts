import { ClientProxyFactory, RmqRecordBuilder, Transport, type ClientProxy } from '@nestjs/microservices';
import type { UnitEndpoint } from './unit-endpoints';

/** Sends one request to a unit and resolves to its reply; aborting gives up waiting (and unsubscribes). */
export interface UnitConnection {
  /** `deadline` (epoch ms) is when the caller stops waiting: a broker may drop the request then. */
  request(pattern: string, data: unknown, deadline: number, signal: AbortSignal): Promise<unknown>;
  close(): Promise<void>;
}

/** The queue a unit's RabbitMQ server consumes and the subject prefix of its NATS server. */
export function rabbitQueueOf(endpoint: { namespace: string; unit: string }): string {
  return `${endpoint.namespace}.${endpoint.unit}`;
}

/** NATS subject of a pattern in a namespace. */
export function natsSubjectOf(namespace: string, pattern: string): string {
  return `${namespace}.${pattern}`;
}

/** A connection to one unit through the Nest client of its transport (connects lazily, reconnects on demand). */
export function connectToUnit(endpoint: UnitEndpoint): UnitConnection {
  const client = clientFor(endpoint);
  const subjectOf = endpoint.transport === 'nats' ? (pattern: string) => natsSubjectOf(endpoint.namespace, pattern) : (pattern: string) => pattern;
  const rabbit = endpoint.transport === 'rabbitmq';
  return {
    async request(pattern, data, deadline, signal) {
      let message = data;
      if (rabbit) {
        // A request nobody takes before its caller's deadline expires in the queue: a unit that comes
        // back must not run a call its caller has given up on (and maybe retried). The time left is
        // measured once connected, since opening the connection takes part of it.
        await client.connect();
        const left = Math.max(1, deadline - Date.now());
        message = new RmqRecordBuilder(data).setOptions({ expiration: String(left) }).build();
      }
      return new Promise((resolve, reject) => {
        let settled = false;
        const subscription = client.send(subjectOf(pattern), message).subscribe({
          next: (value) => {
            settled = true;
            resolve(value);
          },
          error: (error: unknown) => {
            settled = true;
            reject(error);
          },
          complete: () => {
            if (!settled) reject(new Error('the unit closed the request without answering'));
          },
        });
        signal.addEventListener('abort', () => subscription.unsubscribe(), { once: true });
      });
    },
    async close() {
      await client.close();
    },
  };
}

function clientFor(endpoint: UnitEndpoint): ClientProxy {
  switch (endpoint.transport) {
    case 'tcp':
      return ClientProxyFactory.create({ transport: Transport.TCP, options: { host: endpoint.host, port: endpoint.port } });
    case 'nats':
      return ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [endpoint.url], name: `foodcourt-client` } });
    case 'rabbitmq':
      return ClientProxyFactory.create({
        transport: Transport.RMQ,
        options: { urls: [endpoint.url], queue: rabbitQueueOf(endpoint), queueOptions: { durable: false }, persistent: false },
      });
  }
}
