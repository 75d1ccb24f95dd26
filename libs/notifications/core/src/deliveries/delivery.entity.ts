import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MailTemplateName, MailTransportKind } from '@foodcourt/notifications-contract';
import { IsoDateColumn } from '@foodcourt/platform-persistence';

/** One e-mail sent because of one event: the delivery log, and the proof an event had its effect. */
@Entity('delivery')
@Index('delivery_event', ['eventId'])
@Index('delivery_recipient_created', ['recipient', 'createdAt'])
export class DeliveryEntity {
  /** deliveryIdFor(eventId, template): deterministic, so a redelivered event finds its row. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'event_id' })
  eventId: string;

  @Column({ type: 'varchar', length: 40 })
  template: MailTemplateName;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'varchar', length: 10 })
  transport: MailTransportKind;

  /** Path of the .eml file, or the SMTP Message-ID. */
  @Column({ type: 'text' })
  location: string;

  @IsoDateColumn({ name: 'created_at' })
  createdAt: Date;
}
