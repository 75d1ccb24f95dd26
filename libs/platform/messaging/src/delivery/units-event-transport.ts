import { Inject, Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import {
  errorReply,
  remoteCaller,
  RpcHandlers,
  UnitConnections,
  UnitDirectory,
  validateDto,
  valueReply,
} from '@foodcourt/platform-runtime';
import type { OutboxEventRecord } from '../records/outbox-event.record';
import { EventTransport } from './event-transport';
import { InProcessEventTransport } from './in-process-event-transport';
import { PEER_EVENT_INTEREST, peerEventFilter, type EventInterestByDomain, type PeerEventFilter } from './peer-event-interest';

/** The pattern a unit accepts events on (per unit: on a broker every unit listens side by side). */
export function eventDeliveryPattern(unit: string): string {
  return `_events.${unit}`;
}

/** An outbox event as it crosses to another unit. */
export class WireEvent {
  @IsUUID() id: string;
  @IsString() @Matches(/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/) @MaxLength(200) type: string;
  @IsString() payload: string;
  @Type(() => Date) @IsDate() occurredAt: Date;
  @IsOptional() @IsInt() @Min(0) relayAttempts?: number;
}

const DELIVERY_TIMEOUT_MS = 3_000;
/** After a unit failed to accept an event, the rest of the batch skips it for this long (it stays pending). */
const PEER_BACKOFF_MS = 1_000;

/**
 * Hands each event to this unit's own subscribers (inbox rows) and to every other unit of the
 * topology that may consume its type (PEER_EVENT_INTEREST) over its transport; a unit accepts by
 * writing inbox rows for its subscribers and acknowledging. The relay marks the event published
 * only when every such unit accepted it, so a unit that is down gets it when it comes back
 * (at-least-once; inboxes drop the duplicates). See docs/adr/0005-events-between-units.md.
 */
@Injectable()
export class UnitsEventTransport extends EventTransport implements OnModuleInit {
  private readonly logger = new Logger('EventTransport');
  /** Units that already accepted an event still pending for another unit: not sent to them again. */
  private readonly accepted = new Set<string>();
  private readonly downUntil = new Map<string, number>();
  private readonly callers = new Map<string, ReturnType<typeof remoteCaller>>();
  private receiving = false;
  private readonly mayConsume: PeerEventFilter;

  constructor(
    private readonly local: InProcessEventTransport,
    @Optional() private readonly directory?: UnitDirectory,
    @Optional() private readonly connections?: UnitConnections,
    @Optional() private readonly handlers?: RpcHandlers,
    @Optional() @Inject(PEER_EVENT_INTEREST) interest?: EventInterestByDomain,
  ) {
    super();
    this.mayConsume = peerEventFilter(directory, interest);
  }

  onModuleInit(): void {
    // Nest runs this once per token the instance is bound to (UnitsEventTransport, and EventTransport when eventTransportFor picks it).
    if (this.receiving) return;
    if (this.directory && this.handlers && this.directory.peers().length > 0) {
      this.receiving = true;
      this.handlers.register(eventDeliveryPattern(this.directory.self), (data) => this.receive(data));
    }
  }

  async deliver(event: OutboxEventRecord): Promise<void> {
    await this.local.deliver(event);
    // A unit none of whose domains consumes this type would write no inbox row: it counts as delivered, unsent.
    const peers = (this.directory?.peers() ?? []).filter((peer) => this.mayConsume(peer, event.type));
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

  private async sendTo(peer: string, event: OutboxEventRecord): Promise<void> {
    const until = this.downUntil.get(peer) ?? 0;
    if (Date.now() < until) throw new Error('unreachable a moment ago, retried later');
    try {
      const wire: WireEvent = { id: event.id, type: event.type, payload: event.payload, occurredAt: event.occurredAt };
      await this.callerOf(peer)(eventDeliveryPattern(peer), wire, { timeoutMs: DELIVERY_TIMEOUT_MS, idempotent: true });
      this.downUntil.delete(peer);
    } catch (error) {
      this.downUntil.set(peer, Date.now() + PEER_BACKOFF_MS);
      throw error;
    }
  }

  private callerOf(peer: string): ReturnType<typeof remoteCaller> {
    let caller = this.callers.get(peer);
    if (!caller) {
      caller = remoteCaller(`unit ${peer}`, this.connections!.to(peer));
      this.callers.set(peer, caller);
    }
    return caller;
  }

  /** Another unit's relay hands us an event: inbox rows for our subscribers, then the acknowledgement. */
  private async receive(data: unknown): Promise<unknown> {
    try {
      const event = validateDto(WireEvent, data);
      await this.local.deliver({ ...event, publishedAt: null, relayAttempts: 0, lastError: null });
      return valueReply({ accepted: true });
    } catch (error) {
      this.logger.warn(`rejected an event from another unit: ${(error as Error).message}`);
      return errorReply(error);
    }
  }
}
