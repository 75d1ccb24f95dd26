import type { MessageHandler } from '@nestjs/microservices';

/*
 * The fast path of the units' Nest servers (transport-tcp, transport-nats): a request for a
 * registered pattern skips Nest's per-message rxjs pipeline and is answered with the one packet
 * Nest would end up sending.
 */

/** The handler answering requests on `pattern`, if it is a registered name (not an event handler). */
export function requestHandler(handlers: Map<string, MessageHandler>, pattern: unknown): MessageHandler | undefined {
  if (typeof pattern !== 'string') return undefined;
  const handler = handlers.get(pattern);
  return handler && !handler.isEventHandler ? handler : undefined;
}

/** What Nest's Server.send() would reply for a handler resolving to one value (or throwing), as one packet. */
export async function replyOf(handler: MessageHandler, data: unknown, id: unknown): Promise<{ id: unknown; isDisposed: true; response?: unknown; err?: unknown }> {
  try {
    return { response: await handler(data), isDisposed: true, id };
  } catch (err) {
    return { err, isDisposed: true, id };
  }
}
