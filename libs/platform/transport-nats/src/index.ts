// Units over NATS: request/reply through the broker, events on a JetStream stream.
export * from './nats-transport';
export * from './nats-endpoint';
export * from './nats-names';
