import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IsoDateColumn } from '@foodcourt/platform-persistence';
import type { OrderStatus } from '@foodcourt/orders-contract';

/** One line of an order as stored (JSON in the order row: lines never outlive their order). */
export interface StoredOrderLine {
  sku: string;
  quantity: number;
  unitPrice: number;
}

/** An order and where it stands in its state machine (see OrderStatus). */
@Entity('customer_order')
@Index('customer_order_idempotency_key', ['customerId', 'idempotencyKey'], { unique: true })
export class OrderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Unique per customer: two customers may happen to pick the same key. */
  @Column({ type: 'varchar', length: 200, name: 'idempotency_key' })
  idempotencyKey: string;

  /** Hash of the checkout body: the same key with another body is refused. */
  @Column({ type: 'varchar', length: 64, name: 'request_hash' })
  requestHash: string;

  @Column({ type: 'varchar', length: 20 })
  status: OrderStatus;

  @Index('customer_order_customer')
  @Column({ type: 'varchar', length: 36, name: 'customer_id' })
  customerId: string;

  @Column({ type: 'varchar', length: 254, name: 'customer_email' })
  customerEmail: string;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'integer' })
  total: number;

  @Column({ type: 'text', transformer: { to: (v: StoredOrderLine[]) => JSON.stringify(v), from: (v: string) => JSON.parse(v) as StoredOrderLine[] } })
  lines: StoredOrderLine[];

  @Column({ type: 'varchar', length: 36, name: 'payment_id', nullable: true })
  paymentId: string | null;

  @Column({ type: 'text', name: 'failure_reason', nullable: true })
  failureReason: string | null;

  /** The error code the failed checkout answered with, so its retries answer the same. */
  @Column({ type: 'varchar', length: 40, name: 'failure_code', nullable: true })
  failureCode: string | null;

  @IsoDateColumn({ name: 'created_at' })
  createdAt: Date;

  @IsoDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
