import { ClientProxyFactory, RmqRecordBuilder, Transport, type ClientProxy } from '@nestjs/microservices';
import { natsUnitClient } from './nats-unit-client';
import { CallTimedOut } from './pending-requests';
import { tcpUnitClient } from './tcp-unit-client';
import type { UnitConnection } from './unit-connection';
import type { UnitEndpoint } from './unit-endpoints';
import { rabbitQueueOf } from './wire-names';

export type { UnitConnection } from './unit-connection';
export { natsSubjectOf, rabbitQueueOf } from './wire-names';

/**
 * A connection to one unit (connects lazily, reconnects on demand). TCP and NATS use lean clients
 * speaking Nest's wire format to the unit's unchanged Nest server (tcp-unit-client.ts,
 * nats-unit-client.ts); RabbitMQ uses Nest's ClientRMQ, whose cost is small next to the broker's.
 */
export function connectToUnit(endpoint: UnitEndpoint): UnitConnection {
  switch (endpoint.transport) {
    case 'tcp':
      return tcpUnitClient(endpoint.host, endpoint.port);
    case 'nats':
      return natsUnitClient(endpoint.url, endpoint.namespace);
    case 'rabbitmq':
      return rabbitUnitClient(endpoint.url, rabbitQueueOf(endpoint));
  }
}

function rabbitUnitClient(url: string, queue: string): UnitConnection {
  const client: ClientProxy = ClientProxyFactory.create({
    transport: Transport.RMQ,
    options: { urls: [url], queue, queueOptions: { durable: false }, persistent: false },
  });
  return {
    async request(pattern, data, deadline, signal) {
      // A request nobody takes before its caller's deadline expires in the queue: a unit that comes
      // back must not run a call its caller has given up on (and maybe retried). The time left is
      // measured once connected, since opening the connection takes part of it.
      await client.connect();
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) throw new CallTimedOut();
      const message = new RmqRecordBuilder(data).setOptions({ expiration: String(left) }).build();
      return new Promise((resolve, reject) => {
        let settled = false;
        const settle = () => {
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', giveUp);
        };
        // Giving up unsubscribes: Nest's client then forgets the reply.
        const giveUp = () => {
          if (settled) return;
          settle();
          subscription.unsubscribe();
          reject(new CallTimedOut());
        };
        const timer = setTimeout(giveUp, left);
        signal?.addEventListener('abort', giveUp, { once: true });
        const subscription = client.send(pattern, message).subscribe({
          next: (value) => {
            if (settled) return;
            settle();
            resolve(value);
          },
          error: (error: unknown) => {
            if (settled) return;
            settle();
            reject(error);
          },
          complete: () => {
            if (settled) return;
            settle();
            reject(new Error('the unit closed the request without answering'));
          },
        });
      });
    },
    async close() {
      await client.close();
    },
  };
}
