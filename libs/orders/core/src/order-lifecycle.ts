import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventPublisher } from '@foodcourt/platform-messaging';
import { InjectDomainDatabase, type DomainDatabase } from '@foodcourt/platform-persistence';
import { OrderCancelled, OrderConfirmed, type OrderStatus } from '@foodcourt/orders-contract';
import { OrderEntity } from './order.entity';

type Changes = Partial<Pick<OrderEntity, 'paymentId' | 'failureReason' | 'failureCode'>>;

/**
 * Every state change of an order, each in one transaction with the event it publishes. A change
 * applies only if the order is still in the expected state, so concurrent retries (a client
 * retry, the recovery sweep) never move it twice nor publish twice.
 */
@Injectable()
export class OrderLifecycle {
  constructor(
    @InjectDomainDatabase('orders') private readonly db: DomainDatabase,
    private readonly events: EventPublisher,
  ) {}

  confirm(order: OrderEntity, paymentId: string): Promise<OrderEntity> {
    return this.move(order, 'PENDING', 'CONFIRMED', { paymentId }, (moved) =>
      this.events.publish(moved.manager, OrderConfirmed, {
        orderId: order.id,
        customerId: order.customerId,
        customerEmail: order.customerEmail,
        total: order.total,
        currency: order.currency,
        paymentId,
        lines: order.lines,
        confirmedAt: moved.at,
      }),
    );
  }

  paymentFailed(order: OrderEntity, reason: string, paymentId: string | null): Promise<OrderEntity> {
    return this.move(order, 'PENDING', 'PAYMENT_FAILED', { failureReason: reason, paymentId });
  }

  rejected(order: OrderEntity, reason: string, code: string): Promise<OrderEntity> {
    return this.move(order, 'PENDING', 'REJECTED', { failureReason: reason, failureCode: code });
  }

  abandoned(order: OrderEntity, reason: string): Promise<OrderEntity> {
    return this.move(order, 'PENDING', 'ABANDONED', { failureReason: reason });
  }

  cancelled(order: OrderEntity): Promise<OrderEntity> {
    return this.move(order, 'CONFIRMED', 'CANCELLED', {}, (moved) =>
      this.events.publish(moved.manager, OrderCancelled, {
        orderId: order.id,
        customerId: order.customerId,
        customerEmail: order.customerEmail,
        total: order.total,
        currency: order.currency,
        paymentId: order.paymentId!,
        cancelledAt: moved.at,
      }),
    );
  }

  /** Moves `order` from `from` to `to` if it is still `from`; returns the order as stored afterwards. */
  private move(
    order: OrderEntity,
    from: OrderStatus,
    to: OrderStatus,
    changes: Changes,
    onMoved?: (moved: { manager: EntityManager; at: Date }) => Promise<unknown>,
  ): Promise<OrderEntity> {
    return this.db.transaction(async (manager) => {
      const at = new Date();
      const result = await manager.update(OrderEntity, { id: order.id, status: from }, { status: to, updatedAt: at, ...changes });
      if (result.affected && onMoved) await onMoved({ manager, at });
      return manager.findOneByOrFail(OrderEntity, { id: order.id });
    });
  }
}
