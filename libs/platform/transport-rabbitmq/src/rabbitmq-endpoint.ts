import { brokerUrl, type EndpointInput, type UnitEndpoint } from '@foodcourt/platform-wire';

/** A unit reached through a RabbitMQ broker, on a queue named after its namespace and name. */
export interface RabbitMqEndpoint extends UnitEndpoint {
  readonly transport: 'rabbitmq';
  readonly url: string;
}

const DEFAULT_RABBITMQ_URL = 'amqp://guest:guest@127.0.0.1:5672';

/** RABBITMQ_URL, else the topology's `brokers.rabbitmq`, else the local broker. */
export function rabbitmqEndpoint({ unit, brokerUrl: configured, namespace, env }: EndpointInput): RabbitMqEndpoint {
  return { unit, transport: 'rabbitmq', namespace, url: brokerUrl(env, 'RABBITMQ_URL', configured, DEFAULT_RABBITMQ_URL, /^amqps?:\/\//) };
}

/** The queue a unit's RabbitMQ server consumes. */
export function rabbitQueueOf(endpoint: { namespace: string; unit: string }): string {
  return `${endpoint.namespace}.${endpoint.unit}`;
}
