/** NATS subject of a pattern in a namespace. */
export function natsSubjectOf(namespace: string, pattern: string): string {
  return `${namespace}.${pattern}`;
}

/** The queue group a unit's replicas share its calls in. */
export function natsQueueOf(endpoint: { namespace: string; unit: string }): string {
  return `${endpoint.namespace}.${endpoint.unit}`;
}
