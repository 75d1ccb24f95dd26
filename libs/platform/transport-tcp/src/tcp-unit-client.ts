import { Socket } from 'node:net';
import { jsonFrame, JsonFrameReader } from './json-frames';
import { asTransportFailure, PendingRequests, settleFromNestReply, TransportFailure, UNIT_DRAINING, type CallHeaders, type NestReply, type UnitConnection } from '@foodcourt/platform-wire';

/**
 * A unit's Nest ServerTCP reached without Nest's ClientTCP: one socket, Nest's `{pattern, data, id}`
 * packets in its JsonSocket frames, replies matched to callers by id. Nest's client costs an rxjs
 * pipeline and a subscription per call; this costs a Map entry and a timer.
 *
 * The socket opens on the first request and again on the first request after it closed, so a unit
 * that restarts is reached again with no manual step (and each retry of a refused call tries anew).
 */
export function tcpUnitClient(host: string, port: number, now: () => number = Date.now): UnitConnection {
  let link: TcpLink | undefined;
  let nextId = 0;
  // Until then, a refused connection means the unit is restarting after a drain, not that it is down.
  let restartingUntil = 0;
  const restart = {
    noticed: () => void (restartingUntil = now() + RESTART_WINDOW_MS),
    expected: () => now() < restartingUntil,
  };
  return {
    request(pattern, data, deadline, signal, headers) {
      if (!link || link.closing) link = new TcpLink(host, port, restart);
      return link.request(String(++nextId), pattern, data, deadline, signal, headers);
    },
    async close() {
      link?.close(new TransportFailure('connection closed'));
      link = undefined;
    },
  };
}

/**
 * How long after a unit said it is draining its refused connections read as 'unit draining' (so
 * callers resend until their deadline while it restarts); after that, as 'connection refused'
 * again (it was stopped for good: fail fast).
 */
export const RESTART_WINDOW_MS = 15_000;

/** Whether the unit behind a client said it is draining, and how recently. */
interface RestartWatch {
  noticed(): void;
  expected(): boolean;
}

/** One socket to the unit and the requests sent on it: when it closes, exactly those fail. */
class TcpLink {
  /** Closed, or closing: new requests go to a new link. */
  closing = false;
  private connected = false;
  private readonly socket = new Socket();
  private readonly pending = new PendingRequests();
  private readonly reader = new JsonFrameReader();
  /** Frames written before the socket connected, sent once it does (see request()). */
  private unsent: { id: string; frame: string }[] = [];
  private corked = false;
  private failure: unknown;

  constructor(
    host: string,
    port: number,
    private readonly restart: RestartWatch,
  ) {
    const socket = this.socket;
    socket.setNoDelay(true);
    socket.on('connect', () => this.onConnect());
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // Why it failed (ECONNREFUSED, ECONNRESET…) is what the caller's 503 names; 'close' follows.
    socket.on('error', (error) => {
      this.failure ??= error;
      this.closing = true;
    });
    // The unit closed its side: nothing more will be answered here.
    socket.on('end', () => (this.closing = true));
    socket.on('close', () => this.close(this.failure === undefined ? new TransportFailure('connection closed') : asTransportFailure(this.failure, 'connection closed')));
    socket.connect(port, host);
  }

  request(id: string, pattern: string, data: unknown, deadline: number, signal?: AbortSignal, headers?: CallHeaders): Promise<unknown> {
    let frame: string;
    try {
      // Nest's packet plus `headers` (the trace context), which Nest's own server ignores.
      frame = jsonFrame(headers ? { pattern, data, id, headers } : { pattern, data, id });
    } catch (error) {
      return Promise.reject(error);
    }
    const answer = this.pending.add(id, deadline, signal);
    // Until connected, frames wait here rather than in the socket's buffer: a request whose caller
    // gave up before the unit could be reached must not run once it can (see onConnect).
    if (this.connected) this.write(frame);
    else this.unsent.push({ id, frame });
    return answer;
  }

  close(failure: unknown): void {
    // Refused while the unit restarts after a drain: nothing ran, and it is coming back.
    const reason = failure instanceof TransportFailure && failure.reason === 'connection refused' && this.restart.expected() ? new TransportFailure('unit draining', { cause: failure }) : failure;
    this.closing = true;
    this.connected = false;
    // Requests that never left fail as refused, whatever closed the link: nothing ran them, so a
    // replica set may send them to another replica, a non-idempotent call included.
    const neverSent = new TransportFailure('connection refused', { cause: reason });
    for (const { id } of this.unsent) this.pending.reject(id, reason instanceof TransportFailure && (reason.reason === 'connection refused' || reason.reason === 'unit draining') ? reason : neverSent);
    this.unsent = [];
    this.pending.rejectAll(reason);
    this.socket.destroy();
  }

  private onConnect(): void {
    this.connected = true;
    const unsent = this.unsent;
    this.unsent = [];
    for (const { id, frame } of unsent) if (this.pending.has(id)) this.write(frame);
  }

  /**
   * Frames written in the same tick leave in one write (cork until the next tick): with many
   * callers at once, one syscall carries many requests. A lone caller waits one tick at most.
   */
  private write(frame: string): void {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(frame);
  }

  private onData(chunk: Buffer): void {
    try {
      this.reader.push(chunk, (message) => {
        const reply = message as NestReply | null;
        if (reply === null || typeof reply !== 'object') return;
        // The unit is draining (a notice without an id, or the answer to a call it turned away):
        // later requests go to a new link (refused while it restarts, so resent), never on this one,
        // which the unit closes once it has answered what it took.
        if (reply.err === UNIT_DRAINING) {
          this.restart.noticed();
          this.closing = true;
        }
        if (reply.id !== undefined) settleFromNestReply(this.pending, String(reply.id), reply);
      });
    } catch (error) {
      // A unit that sends what is not Nest's framing cannot be trusted with the requests still waiting.
      this.close(new TransportFailure('protocol error', { cause: error }));
    }
  }
}
