import { connect, createInbox, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { asTransportFailure, PendingRequests, settleFromNestReply, TransportFailure, type CallHeaders, type NestReply, type UnitConnection } from '@foodcourt/platform-wire';
import { natsSubjectOf } from './nats-names';

/**
 * A unit's Nest ServerNats reached without Nest's ClientNats, which opens (and closes) a reply
 * subscription per request. Here one wildcard subscription `<inbox>.*` takes every reply and the
 * subject's last token says whose it is, as NATS's own request() does; the packet is Nest's
 * `{pattern, data, id}` JSON, with a `headers` field when the call carries a trace context.
 *
 * The broker answers a request nobody subscribes to with a 503 status message: that is
 * "no responders", a transport failure. While the link to the broker is down, calls fail at once
 * instead of queueing in nats.js's reconnect buffer, where a call its caller gave up on would be
 * sent (and run) once the broker is back.
 */
export function natsUnitClient(url: string, namespace: string): UnitConnection {
  let link: Promise<NatsLink> | undefined;
  const linkNow = (): Promise<NatsLink> => {
    if (!link) {
      const opening = NatsLink.open(url);
      link = opening;
      opening.then(
        (opened) => void opened.closed.then(() => link === opening && (link = undefined)),
        () => link === opening && (link = undefined),
      );
    }
    return link;
  };
  return {
    async request(pattern, data, deadline, signal, headers) {
      const opened = await linkNow().catch((error: unknown) => {
        throw asTransportFailure(error, 'connection refused');
      });
      return opened.request(natsSubjectOf(namespace, pattern), data, deadline, signal, headers);
    },
    async close() {
      const closing = link;
      link = undefined;
      await (await closing?.catch(() => undefined))?.close();
    },
  };
}

class NatsLink {
  private readonly pending = new PendingRequests();
  private readonly inbox = createInbox();
  private nextId = 0;
  private connected = true;
  /** Resolves once the connection is closed for good (closed, or out of reconnect attempts). */
  readonly closed: Promise<unknown>;

  private constructor(private readonly nc: NatsConnection) {
    nc.subscribe(`${this.inbox}.*`, {
      callback: (error, msg) => {
        if (!error) this.onReply(msg);
      },
    });
    this.closed = nc.closed().then(() => this.pending.rejectAll(new TransportFailure('connection closed')));
    this.watchStatus().catch(() => undefined);
  }

  static async open(url: string): Promise<NatsLink> {
    return new NatsLink(await connect({ servers: [url], name: 'foodcourt-client' }));
  }

  request(subject: string, data: unknown, deadline: number, signal?: AbortSignal, headers?: CallHeaders): Promise<unknown> {
    if (!this.connected) return Promise.reject(new TransportFailure('connection lost'));
    const id = String(++this.nextId);
    let packet: string;
    try {
      // Nest's packet plus `headers` (the trace context) in the JSON, not as NATS headers: one parse on arrival.
      packet = JSON.stringify(headers ? { pattern: subject, data, id, headers } : { pattern: subject, data, id });
    } catch (error) {
      return Promise.reject(error);
    }
    const answer = this.pending.add(id, deadline, signal);
    try {
      this.nc.publish(subject, packet, { reply: `${this.inbox}.${id}` });
    } catch (error) {
      this.pending.reject(id, asTransportFailure(error, 'connection lost'));
    }
    return answer;
  }

  async close(): Promise<void> {
    this.pending.rejectAll(new TransportFailure('connection closed'));
    await this.nc.close();
  }

  private onReply(msg: Msg): void {
    const id = msg.subject.slice(this.inbox.length + 1);
    if (!this.pending.has(id)) return; // answered already (Nest may send `isDisposed` apart), or given up on
    if (msg.data.length === 0) {
      this.pending.reject(id, new TransportFailure(msg.headers?.code === 503 ? 'no unit answers' : 'protocol error'));
      return;
    }
    try {
      settleFromNestReply(this.pending, id, msg.json<NestReply>());
    } catch (error) {
      this.pending.reject(id, new TransportFailure('protocol error', { cause: error }));
    }
  }

  /** Requests in flight when the link drops are lost: fail them now rather than at their deadline. */
  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this.pending.rejectAll(new TransportFailure('connection lost'));
      } else if (status.type === 'reconnect') {
        this.connected = true;
      }
    }
  }
}
