import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { IsoDateColumn } from '@foodcourt/platform-persistence';

/** An event a subscriber gave up on: kept with its last error until an operator replays it. */
@Entity('dead_letter')
@Unique('dead_letter_event_subscriber', ['eventId', 'subscriber'])
export class DeadLetterRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'event_id' })
  eventId: string;

  @Column({ type: 'varchar', length: 200 })
  subscriber: string;

  @Column({ type: 'varchar', length: 200 })
  type: string;

  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'text' })
  error: string;

  @IsoDateColumn({ name: 'failed_at' })
  failedAt: Date;
}
