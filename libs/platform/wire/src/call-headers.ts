/**
 * Headers that travel with a call or an event beside its data: the W3C trace context
 * (`traceparent`, `tracestate`) today. Each transport carries them in its own envelope (a packet
 * field on TCP and NATS, message headers on RabbitMQ); a receiver treats them as untrusted input.
 */
export type CallHeaders = Record<string, string>;

/** What arrived as headers, kept only if it is an object of strings (anything else: no headers). */
export function receivedHeaders(value: unknown): CallHeaders | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const headers: CallHeaders = {};
  for (const [key, item] of Object.entries(value)) if (typeof item === 'string') headers[key] = item;
  return headers;
}
