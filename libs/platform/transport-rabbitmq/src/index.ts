// Units over RabbitMQ: a request queue per unit, events on a durable fanout exchange.
export * from './rabbitmq-transport';
export * from './rabbitmq-endpoint';
export { rabbitUnitClient } from './rabbitmq-unit-client';
export { RabbitMqEventTransport } from './rabbitmq-event-transport';
