import { Logger } from '@nestjs/common';
import { validateDto } from '@foodcourt/platform-kernel';
import { errorReply, EventTransport, valueReply, WireEvent, withoutTraceContext, type OutgoingEvent, type UnitEventContext } from '@foodcourt/platform-wire';

/** The pattern a unit accepts events on. */
export function eventDeliveryPattern(unit: string): string {
  return `_events.${unit}`;
}

const DELIVERY_TIMEOUT_MS = 3_000;
/** After a unit failed to accept an event, the rest of the batch skips it for this long (it stays pending). */
const PEER_BACKOFF_MS = 1_000;

/**
 * Hands each event to this unit's own subscribers (inbox rows) and to every other unit of the
 * topology that may consume its type, over TCP; a unit accepts by writing inbox rows for its
 * subscribers and acknowledging. The relay marks the event published only when every such unit
 * accepted it, so a unit that is down gets it when it comes back (at-least-once; inboxes drop
 * the duplicates). See docs/adr/0005-events-between-units.md.
 */
export class TcpEventTransport extends EventTransport {
  private readonly logger = new Logger('EventTransport');
  /** Units that already accepted an event still pending for another unit: not sent to them again. */
  private readonly accepted = new Set<string>();
  private readonly downUntil = new Map<string, number>();

  constructor(private readonly context: UnitEventContext) {
    super();
    if (context.peers.length > 0) context.handle(eventDeliveryPattern(context.self), (data) => this.receive(data));
  }

  async deliver(event: OutgoingEvent): Promise<void> {
    await this.context.local.deliver(event);
    // A unit none of whose domains consumes this type would write no inbox row: it counts as delivered, unsent.
    const peers = this.context.peers.filter((peer) => this.context.mayConsume(peer, event.type));
    const failures: string[] = [];
    await Promise.all(
      peers.map(async (peer) => {
        const key = `${event.id}:${peer}`;
        if (this.accepted.has(key)) return;
        try {
          await this.sendTo(peer, event);
          this.accepted.add(key);
        } catch (error) {
          failures.push(`${peer}: ${(error as Error).message}`);
        }
      }),
    );
    if (failures.length > 0) throw new Error(`not accepted yet by ${failures.join('; ')}`);
    for (const peer of peers) this.accepted.delete(`${event.id}:${peer}`);
  }

  private async sendTo(peer: string, event: OutgoingEvent): Promise<void> {
    const until = this.downUntil.get(peer) ?? 0;
    if (Date.now() < until) throw new Error('unreachable a moment ago, retried later');
    try {
      const wire: WireEvent = { id: event.id, type: event.type, payload: event.payload, occurredAt: event.occurredAt };
      if (event.traceContext) wire.traceContext = event.traceContext;
      await this.context.call(peer, eventDeliveryPattern(peer), wire, { timeoutMs: DELIVERY_TIMEOUT_MS, idempotent: true });
      this.downUntil.delete(peer);
    } catch (error) {
      this.downUntil.set(peer, Date.now() + PEER_BACKOFF_MS);
      throw error;
    }
  }

  /** Another unit's relay hands us an event: inbox rows for our subscribers, then the acknowledgement. */
  private async receive(data: unknown): Promise<unknown> {
    try {
      const { rest, traceContext } = withoutTraceContext(data);
      const event = validateDto(WireEvent, rest);
      if (traceContext) event.traceContext = traceContext;
      await this.context.local.deliver(event);
      return valueReply({ accepted: true });
    } catch (error) {
      this.logger.warn(`rejected an event from another unit: ${(error as Error).message}`);
      return errorReply(error);
    }
  }
}
