import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IsoDateColumn } from '@foodcourt/platform-persistence';

export type InboxStatus = 'pending' | 'done' | 'dead';

/**
 * An event accepted for one subscriber. The key (event, subscriber) makes a redelivered
 * event a no-op; the row is marked done in the same transaction as the handler's effects.
 */
@Entity('inbox_message')
@Index('inbox_message_due', ['status', 'nextAttemptAt'])
export class InboxMessageRecord {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'event_id' })
  eventId: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  subscriber: string;

  @Column({ type: 'varchar', length: 200 })
  type: string;

  @Column({ type: 'text' })
  payload: string;

  @IsoDateColumn({ name: 'occurred_at' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 10 })
  status: InboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @IsoDateColumn({ name: 'next_attempt_at' })
  nextAttemptAt: Date;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @IsoDateColumn({ name: 'received_at' })
  receivedAt: Date;

  @IsoDateColumn({ name: 'handled_at', nullable: true })
  handledAt: Date | null;

  /** The W3C trace context of the change that published the event (JSON headers), so its handling joins that trace. */
  @Column({ type: 'text', name: 'trace_context', nullable: true })
  traceContext: string | null;
}
