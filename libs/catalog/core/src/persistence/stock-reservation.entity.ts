import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IsoDateColumn } from '@foodcourt/platform-persistence';

export type ReservationStatus = 'RESERVED' | 'RELEASED';

/**
 * The stock one order holds, keyed by the order id (one reservation per order, whatever the
 * retries). `lines` is the JSON of the lines as requested: `[{ "sku": …, "quantity": … }]`;
 * a RELEASED row with no lines is the tombstone of a release that came before any reservation.
 */
@Entity('stock_reservation')
export class StockReservationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'order_id' })
  orderId: string;

  @Column({ type: 'varchar', length: 10 })
  status: ReservationStatus;

  @Column({ type: 'text' })
  lines: string;

  @IsoDateColumn({ name: 'created_at' })
  createdAt: Date;

  @IsoDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
