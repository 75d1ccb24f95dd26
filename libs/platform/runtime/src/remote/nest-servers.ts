import type { Socket } from 'node:net';
import { ServerNats, ServerRMQ, ServerTCP, type MessageHandler } from '@nestjs/microservices';

/*
 * Nest's transport servers, changed only where a unit pays for what it does not use. Sockets,
 * framing, broker links, malformed messages and unknown patterns stay Nest's.
 *
 * Every incoming message looks its handler up through getRouteFromPattern(), which first tries
 * JSON.parse on the pattern (for object patterns such as `{"cmd":"x"}`). A unit's patterns are
 * plain names (`payments.authorize`, `<namespace>.payments.authorize` on NATS), so that parse
 * always throws, and building the SyntaxError costs about 6 µs a message (measured alone; B2's
 * echo handler takes under 1 µs). A pattern registered as it arrives is its own route; anything
 * else goes through Nest's lookup unchanged.
 */

export class UnitServerTcp extends ServerTCP {
  /**
   * Replies leave at once (TCP_NODELAY), as the callers' requests do (tcp-unit-client.ts). With
   * Nagle on, a reply written while the previous one is still unacknowledged waits for the
   * caller's delayed ACK, about 40 ms on Linux: two requests in flight on one link (a port call
   * and an event push from the same unit) were enough for a checkout to take 50 ms instead of 7.
   */
  override bindHandler(socket: Socket): void {
    socket.setNoDelay(true);
    super.bindHandler(socket);
  }

  protected override getRouteFromPattern(pattern: string): string {
    return this.messageHandlers.has(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  /**
   * A request for a registered pattern skips Nest's per-message rxjs pipeline (observable of the
   * handler's promise, catchError, finalize, a reply queue flushed on the next tick), which costs
   * more than the handler's own work: a unit's handlers (RpcHandler) resolve to one value, so the
   * reply is the single packet Nest would end up sending, `{response, isDisposed, id}`, or
   * `{err, isDisposed, id}` if the handler threw. Nest's processing hooks (tracing, not set by any
   * unit) are not called on this path. Everything else takes Nest's path.
   */
  override async handleMessage(socket: Parameters<ServerTCP['handleMessage']>[0], rawMessage: unknown): Promise<unknown> {
    const packet = rawMessage as { pattern?: unknown; data?: unknown; id?: unknown } | null;
    const handler = packet !== null && typeof packet === 'object' && packet.id !== undefined ? requestHandler(this.messageHandlers, packet.pattern) : undefined;
    if (!handler) return super.handleMessage(socket, rawMessage);
    const reply = await replyOf(handler, packet!.data, packet!.id);
    corkUntilNextTick(socket.netSocket);
    socket.sendMessage(reply);
    return undefined;
  }
}

export class UnitServerNats extends ServerNats {
  protected override getRouteFromPattern(pattern: string): string {
    return this.messageHandlers.has(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  /** As UnitServerTcp.handleMessage: a request (a JSON packet with an id and a reply subject) skips the rxjs pipeline. */
  override async handleMessage(channel: string, natsMsg: Parameters<ServerNats['handleMessage']>[1]): Promise<unknown> {
    const handler = natsMsg.reply ? requestHandler(this.messageHandlers, channel) : undefined;
    let packet: { pattern?: unknown; data?: unknown; id?: unknown } | null = null;
    try {
      if (handler) packet = natsMsg.json();
    } catch {
      // not JSON: Nest's path reports it
    }
    // Nest's deserializer takes a message without pattern and data as the data itself, with no id (an event).
    if (!handler || packet === null || typeof packet !== 'object' || packet.id === undefined || (packet.pattern === undefined && packet.data === undefined)) {
      return super.handleMessage(channel, natsMsg);
    }
    const reply = await replyOf(handler, packet.data, packet.id);
    try {
      natsMsg.respond(JSON.stringify(reply));
    } catch (error) {
      // As Nest's Server.send(): a reply that cannot be published is logged, never thrown.
      this.logger.error(error);
    }
    return undefined;
  }
}

/**
 * Also: Nest's ServerRMQ drops the promise of each reply it publishes; a unit closing while a reply
 * is being confirmed would then die of an unhandled rejection. The reply is lost either way
 * (the caller times out): only the crash is avoided.
 */
export class UnitServerRmq extends ServerRMQ {
  protected override getRouteFromPattern(pattern: string): string {
    return this.messageHandlers.has(pattern) ? pattern : super.getRouteFromPattern(pattern);
  }

  override sendMessage<T>(message: T, replyTo: unknown, correlationId: string, context: Parameters<ServerRMQ['sendMessage']>[3]): void {
    const channel = this.channel as { sendToQueue: (...args: unknown[]) => unknown } | null;
    if (!channel) return;
    const original = channel.sendToQueue;
    channel.sendToQueue = (...args: unknown[]) => {
      const sent = original.apply(channel, args);
      if (sent instanceof Promise) sent.catch(() => undefined);
      return sent;
    };
    try {
      super.sendMessage(message, replyTo, correlationId, context);
    } finally {
      channel.sendToQueue = original;
    }
  }
}

const corked = new WeakSet<Socket>();

/**
 * Replies finished in the same tick (the requests of one read, under load) leave in one write
 * rather than one syscall each.
 */
function corkUntilNextTick(socket: Socket): void {
  if (corked.has(socket)) return;
  corked.add(socket);
  socket.cork();
  process.nextTick(() => {
    corked.delete(socket);
    socket.uncork();
  });
}

/** The handler answering requests on `pattern`, if it is a registered name (not an event handler). */
function requestHandler(handlers: Map<string, MessageHandler>, pattern: unknown): MessageHandler | undefined {
  if (typeof pattern !== 'string') return undefined;
  const handler = handlers.get(pattern);
  return handler && !handler.isEventHandler ? handler : undefined;
}

/** What Nest's Server.send() would reply for a handler resolving to one value (or throwing), as one packet. */
async function replyOf(handler: MessageHandler, data: unknown, id: unknown): Promise<{ id: unknown; isDisposed: true; response?: unknown; err?: unknown }> {
  try {
    return { response: await handler(data), isDisposed: true, id };
  } catch (err) {
    return { err, isDisposed: true, id };
  }
}
