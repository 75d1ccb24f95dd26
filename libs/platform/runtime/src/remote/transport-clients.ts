import { ClientProxyFactory, RmqRecordBuilder, Transport, type ClientProxy } from '@nestjs/microservices';
import type { UnitEndpoint } from './unit-endpoints';

/** Sends one request to a unit and resolves to its reply; aborting gives up waiting (and unsubscribes). */
export interface UnitConnection {
  request(pattern: string, data: unknown, timeoutMs: number, signal: AbortSignal): Promise<unknown>;
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
  const wrap =
    endpoint.transport === 'rabbitmq'
      ? // A request nobody takes within its timeout expires in the queue: a unit that comes back must
        // not run a call its caller has already given up on (and maybe retried).
        (data: unknown, timeoutMs: number) => new RmqRecordBuilder(data).setOptions({ expiration: String(timeoutMs) }).build()
      : (data: unknown) => data;
  return {
    request(pattern, data, timeoutMs, signal) {
      return new Promise((resolve, reject) => {
        let settled = false;
        const subscription = client.send(subjectOf(pattern), wrap(data, timeoutMs)).subscribe({
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
