import type { UnitDirectory } from '@foodcourt/platform-runtime';
import type { EventTransport } from './event-transport';
import type { InProcessEventTransport } from './in-process-event-transport';
import { JetStreamEventTransport } from './jetstream-event-transport';
import { RabbitMqEventTransport } from './rabbitmq-event-transport';
import type { UnitsEventTransport } from './units-event-transport';

/**
 * How this unit's events travel: in-process when it is alone; over JetStream or RabbitMQ
 * durable queues when its topology uses a broker; pushed to each unit over TCP otherwise.
 */
export function eventTransportFor(units: UnitsEventTransport, local: InProcessEventTransport, directory?: UnitDirectory): EventTransport {
  if (!directory || directory.peers().length === 0) return units;
  const endpoint = directory.endpoint(directory.self);
  if (endpoint.transport === 'nats') return new JetStreamEventTransport(local, directory, endpoint.url, endpoint.namespace);
  if (endpoint.transport === 'rabbitmq') return new RabbitMqEventTransport(local, directory, endpoint.url, endpoint.namespace);
  return units;
}
