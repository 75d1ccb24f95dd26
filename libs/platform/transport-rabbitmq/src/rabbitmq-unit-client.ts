import { ClientProxyFactory, RmqRecordBuilder, Transport, type ClientProxy } from '@nestjs/microservices';
import { NO_MESSAGE_HANDLER } from '@nestjs/microservices/constants';
import { asTransportFailure, CallTimedOut, failureOfNestErr, TransportFailure, UNIT_DRAINING, type UnitConnection } from '@foodcourt/platform-wire';

/**
 * A connection to one unit's RabbitMQ queue (connects lazily, reconnects on demand) through Nest's
 * ClientRMQ, whose cost is small next to the broker's.
 */
export function rabbitUnitClient(url: string, queue: string): UnitConnection {
  const client: ClientProxy = ClientProxyFactory.create({
    transport: Transport.RMQ,
    options: { urls: [url], queue, queueOptions: { durable: false }, persistent: false },
  });
  return {
    async request(pattern, data, deadline, signal, headers) {
      // A request nobody takes before its caller's deadline expires in the queue: a unit that comes
      // back must not run a call its caller has given up on (and maybe retried). The time left is
      // measured once connected, since opening the connection takes part of it.
      await client.connect().catch((error: unknown) => {
        throw asTransportFailure(error, 'connection refused');
      });
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) throw new CallTimedOut();
      // The trace context travels as AMQP message headers (the server reads them from RmqContext).
      const message = new RmqRecordBuilder(data).setOptions(headers ? { expiration: String(left), headers } : { expiration: String(left) }).build();
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
            // Nest's ServerRMQ answers a pattern it has no handler for with its NO_MESSAGE_HANDLER constant; a draining unit with UNIT_DRAINING.
            reject(error === NO_MESSAGE_HANDLER || error === UNIT_DRAINING ? failureOfNestErr(error) : asTransportFailure(error, 'connection lost'));
          },
          complete: () => {
            if (settled) return;
            settle();
            reject(new TransportFailure('protocol error'));
          },
        });
      });
    },
    async close() {
      await client.close();
    },
  };
}
