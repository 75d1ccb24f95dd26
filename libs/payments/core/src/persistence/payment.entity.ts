import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { IsoDateColumn } from '@foodcourt/platform-persistence';
import type { PaymentStatus } from '@foodcourt/payments-contract';

/** One payment row: an authorization and what became of it. The idempotency key is unique. */
@Entity('payment')
@Unique('payment_idempotency_key', ['idempotencyKey'])
@Index('payment_order_id', ['orderId'])
export class PaymentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200, name: 'idempotency_key' })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 36, name: 'order_id' })
  orderId: string;

  @Column({ type: 'varchar', length: 36, name: 'customer_id' })
  customerId: string;

  @Column({ type: 'varchar', length: 12 })
  status: PaymentStatus;

  @Column({ type: 'integer' })
  amount: number;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 254, name: 'receipt_email', nullable: true })
  receiptEmail: string | null;

  @Column({ type: 'text', name: 'decline_reason', nullable: true })
  declineReason: string | null;

  @Column({ type: 'varchar', length: 100, name: 'provider_reference', nullable: true })
  providerReference: string | null;

  @IsoDateColumn({ name: 'created_at' })
  createdAt: Date;

  @IsoDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
