import { randomUUID } from 'node:crypto';
import type { RmqContext } from '@nestjs/microservices';
import { startNestServer, type UnitTransport } from '@foodcourt/platform-wire';
import { rabbitmqEndpoint, rabbitQueueOf, type RabbitMqEndpoint } from './rabbitmq-endpoint';
import { RabbitMqEventTransport } from './rabbitmq-event-transport';
import { rabbitUnitClient } from './rabbitmq-unit-client';
import { UnitServerRmq } from './unit-server-rmq';

/** Units over RabbitMQ: a request queue per unit (replies on Nest's direct reply-to), events on a durable fanout. */
export const rabbitmqTransport: UnitTransport<RabbitMqEndpoint> = {
  kind: 'rabbitmq',
  endpoint: rabbitmqEndpoint,
  connect: (endpoint) => rabbitUnitClient(endpoint.url, rabbitQueueOf(endpoint)),
  listen: (endpoint, handlers) =>
    startNestServer(
      new UnitServerRmq({
        urls: [endpoint.url],
        queue: rabbitQueueOf(endpoint),
        queueOptions: { durable: false },
        // Requests are not durable work: an unanswered one times out at its caller (and expires here).
        noAck: true,
        prefetchCount: 64,
        // Named, so a drain can cancel this consumer alone.
        consumerTag: `foodcourt-${endpoint.unit}-${randomUUID()}`,
      }),
      handlers,
      { unit: endpoint.unit, transport: 'rabbitmq', address: `${endpoint.url} (${endpoint.namespace})` },
      // A call's trace context arrives as AMQP message headers.
      { headersFromContext: (context) => (context as RmqContext).getMessage()?.properties?.headers },
    ),
  events: (context) => new RabbitMqEventTransport(context),
};
