import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IsoDateColumn } from '@foodcourt/platform-persistence';

/** An event written in the same transaction as the business change that caused it. */
@Entity('outbox_event')
@Index('outbox_event_unpublished', ['publishedAt', 'occurredAt'])
export class OutboxEventRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  type: string;

  @Column({ type: 'text' })
  payload: string;

  @IsoDateColumn({ name: 'occurred_at' })
  occurredAt: Date;

  @IsoDateColumn({ name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'integer', name: 'relay_attempts', default: 0 })
  relayAttempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  /** The W3C trace context of the change that published the event (JSON headers), so its handling joins that trace. */
  @Column({ type: 'text', name: 'trace_context', nullable: true })
  traceContext: string | null;
}
