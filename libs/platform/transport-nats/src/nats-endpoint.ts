import { brokerUrl, type EndpointInput, type UnitEndpoint } from '@foodcourt/platform-wire';

/** A unit reached through a NATS server, on subjects prefixed by its namespace. */
export interface NatsEndpoint extends UnitEndpoint {
  readonly transport: 'nats';
  readonly url: string;
}

const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** NATS_URL, else the topology's `brokers.nats`, else the local server. */
export function natsEndpoint({ unit, brokerUrl: configured, namespace, env }: EndpointInput): NatsEndpoint {
  return { unit, transport: 'nats', namespace, url: brokerUrl(env, 'NATS_URL', configured, DEFAULT_NATS_URL, /^nats:\/\//) };
}
