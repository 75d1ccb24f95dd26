import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DeliveryStatus, MailTemplateName, MailTransportKind } from '@foodcourt/notifications-contract';
import { IsoDateColumn } from '@foodcourt/platform-persistence';

/**
 * One e-mail caused by one event: recorded (PENDING) in the transaction that marks the event
 * handled, sent after that commit by the MailDispatcher. The delivery log, and the proof that
 * the event had its effect, so a redelivered event finds it and sends nothing.
 */
@Entity('delivery')
@Index('delivery_event', ['eventId'])
@Index('delivery_recipient_created', ['recipient', 'createdAt'])
@Index('delivery_due', ['status', 'nextAttemptAt'])
export class DeliveryEntity {
  /** deliveryIdFor(eventId, template): deterministic, so a redelivered event finds its row. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'event_id' })
  eventId: string;

  /** The subscriber whose event this is: a delivery given up on is dead-lettered under its name. Null on rows older than the outbox. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  subscriber: string | null;

  @Column({ type: 'varchar', length: 40 })
  template: MailTemplateName;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'text' })
  subject: string;

  /** The rendered bodies, so a send after a restart needs nothing but this row. Null on rows older than the outbox. */
  @Column({ type: 'text', name: 'text_body', nullable: true })
  textBody: string | null;

  @Column({ type: 'text', name: 'html_body', nullable: true })
  htmlBody: string | null;

  @Column({ type: 'varchar', length: 10, default: 'SENT' })
  status: DeliveryStatus;

  @Column({ type: 'varchar', length: 10 })
  transport: MailTransportKind;

  /** Path of the .eml file, or the SMTP Message-ID: known before the send (the idempotency key), confirmed by it. */
  @Column({ type: 'text' })
  location: string;

  /** Sends tried so far. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When a PENDING row is due to be sent (again). */
  @IsoDateColumn({ name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @IsoDateColumn({ name: 'created_at' })
  createdAt: Date;

  @IsoDateColumn({ name: 'sent_at', nullable: true })
  sentAt: Date | null;

  /** The trace context of the event handling that recorded it (JSON headers): the send joins that trace. */
  @Column({ type: 'text', name: 'trace_context', nullable: true })
  traceContext: string | null;
}
