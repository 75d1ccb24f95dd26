/** The queue a unit's RabbitMQ server consumes and the subject prefix of its NATS server. */
export function rabbitQueueOf(endpoint: { namespace: string; unit: string }): string {
  return `${endpoint.namespace}.${endpoint.unit}`;
}

/** NATS subject of a pattern in a namespace. */
export function natsSubjectOf(namespace: string, pattern: string): string {
  return `${namespace}.${pattern}`;
}
