import { BaseRpcContext, type MessageHandler } from '@nestjs/microservices';
import { receivedHeaders, type CallHeaders } from './call-headers';

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
export async function replyOf(handler: MessageHandler, data: unknown, id: unknown, headers?: unknown): Promise<{ id: unknown; isDisposed: true; response?: unknown; err?: unknown }> {
  try {
    // The envelope's headers take the place of Nest's context argument (see startNestServer).
    return { response: await handler(data, receivedHeaders(headers)), isDisposed: true, id };
  } catch (err) {
    return { err, isDisposed: true, id };
  }
}

/**
 * The headers a unit handler receives: on the fast path the envelope's own (already checked), on
 * Nest's path whatever the transport's context yields (`fromContext`), for RabbitMQ its message headers.
 */
export function headersOfHandlerArgument(argument: unknown, fromContext?: (context: BaseRpcContext) => unknown): CallHeaders | undefined {
  if (argument instanceof BaseRpcContext) return fromContext ? receivedHeaders(fromContext(argument)) : undefined;
  return argument as CallHeaders | undefined;
}
