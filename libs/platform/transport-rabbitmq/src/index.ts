// Units over RabbitMQ: a request queue per unit, events on a durable fanout exchange.
export * from './rabbitmq-transport';
export * from './rabbitmq-endpoint';
