import { startNestServer, type UnitTransport } from '@foodcourt/platform-wire';
import { JetStreamEventTransport } from './jetstream-event-transport';
import { natsEndpoint, type NatsEndpoint } from './nats-endpoint';
import { natsQueueOf, natsSubjectOf } from './nats-names';
import { natsUnitClient } from './nats-unit-client';
import { UnitServerNats } from './unit-server-nats';

/** Units over NATS: request/reply on namespaced subjects (a queue group per unit), events on JetStream. */
export const natsTransport: UnitTransport<NatsEndpoint> = {
  kind: 'nats',
  endpoint: natsEndpoint,
  connect: (endpoint) => natsUnitClient(endpoint.url, endpoint.namespace),
  async listen(endpoint, handlers) {
    // A queue group per unit: replicas of one unit share its calls.
    const server = new UnitServerNats({ servers: [endpoint.url], queue: natsQueueOf(endpoint), name: `foodcourt-${endpoint.unit}` });
    const started = await startNestServer(
      server,
      handlers,
      { unit: endpoint.unit, transport: 'nats', address: `${endpoint.url} (${endpoint.namespace})` },
      { nameOf: (pattern) => natsSubjectOf(endpoint.namespace, pattern) },
    );
    // NATS registers a subscription when the server has read it: until then a request gets "no responders".
    // A round trip makes the unit ready only once its subjects are in place.
    await server.unwrap<{ flush(): Promise<void> }>().flush();
    return started;
  },
  events: (context) => new JetStreamEventTransport(context),
};
