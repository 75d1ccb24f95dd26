import type { Socket } from 'node:net';
import { ServerTCP } from '@nestjs/microservices';
import { InvalidTcpDataReceptionException } from '@nestjs/microservices/errors/invalid-tcp-data-reception.exception';
import { replyOf, requestHandler, UNIT_DRAINING } from '@foodcourt/platform-wire';
import { jsonFrame } from './json-frames';

const DRAINING_NOTICE = { err: UNIT_DRAINING, isDisposed: true };

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

  /**
   * A caller that dies or drops its socket mid-frame is an expected event between units (a crash,
   * a redeploy): its calls fail on its side and this unit keeps serving. One warning line, not an
   * ERROR with Nest's stack trace.
   */
  protected override handleError(error: string): void {
    if ((error as unknown) instanceof InvalidTcpDataReceptionException) {
      this.logger.warn(`a caller's connection broke mid-message (${(error as unknown as Error).message}); this unit keeps serving`);
      return;
    }
    super.handleError(error);
  }

  /**
   * A drain closes the listener and tells every connected caller that this unit is draining (a
   * reply-shaped packet without an id, `err` UNIT_DRAINING): its calls turned away now, and its
   * connections refused while the unit restarts, are resent rather than failed (tcp-unit-client).
   * The open connections stay for the replies still owed.
   */
  async stopTaking(): Promise<void> {
    this.isManuallyTerminated = true; // not a failure to recover from by listening again
    this.server.close();
    const notice = jsonFrame(DRAINING_NOTICE);
    for (const socket of this.openSockets) if (socket.writable) socket.write(notice);
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
    const packet = rawMessage as { pattern?: unknown; data?: unknown; id?: unknown; headers?: unknown } | null;
    const handler = packet !== null && typeof packet === 'object' && packet.id !== undefined ? requestHandler(this.messageHandlers, packet.pattern) : undefined;
    if (!handler) return super.handleMessage(socket, rawMessage);
    const reply = await replyOf(handler, packet!.data, packet!.id, packet!.headers);
    corkUntilNextTick(socket.netSocket);
    socket.sendMessage(reply);
    return undefined;
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
