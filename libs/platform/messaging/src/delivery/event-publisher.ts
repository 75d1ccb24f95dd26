import { randomUUID } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { afterCommit } from '@foodcourt/platform-persistence';
import { validateDto, type EventDefinition } from '@foodcourt/platform-kernel';
import { Telemetry } from '@foodcourt/platform-observability';
import { traceContextText } from '@foodcourt/platform-wire';
import { OutboxEventRecord } from '../records/outbox-event.record';
import { OutboxRelay } from './outbox-relay';

/** How a domain publishes: into its own outbox, inside the transaction of the change that caused the event. */
@Injectable()
export class EventPublisher {
  constructor(
    private readonly relay: OutboxRelay,
    @Optional() private readonly telemetry?: Telemetry,
  ) {}

  /**
   * Writes the event to the outbox of the database `manager` belongs to, with the active trace
   * context (its subscribers' work joins the trace of the change); the relay is nudged once it commits.
   */
  async publish<P extends object>(manager: EntityManager, event: EventDefinition<P>, payload: P): Promise<string> {
    validateDto(event.payload, payload);
    const id = randomUUID();
    // updateEntity(false): every column is given, so TypeORM's read-back of the defaulted
    // relay_attempts column (one more SELECT per event on SQLite) would learn nothing.
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEventRecord)
      .values({
        id,
        type: event.type,
        payload: JSON.stringify(payload),
        occurredAt: new Date(),
        publishedAt: null,
        relayAttempts: 0,
        lastError: null,
        traceContext: traceContextText(this.telemetry?.outgoingHeaders()),
      })
      .updateEntity(false)
      .execute();
    afterCommit(manager, () => this.relay.nudge());
    return id;
  }
}
