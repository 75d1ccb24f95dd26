import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventPublisher } from '@foodcourt/platform-messaging';
import { ValidationFailedError } from '@foodcourt/platform-runtime';
import { InjectDomainDatabase, isUniqueViolation, type DomainDatabase } from '@foodcourt/platform-persistence';
import {
  CheckoutKeyReusedError,
  OrderCancelled,
  OrderConfirmed,
  OrderNotFoundError,
  OrderStateError,
  type CancelOrderInput,
  type CheckoutInput,
  type GetOrderInput,
  type ListOrdersInput,
  type OrderList,
  type OrdersApi,
  type OrderStatus,
  type OrderView,
} from '@foodcourt/orders-contract';
import { MAX_PAYMENT_AMOUNT, PAYMENTS_API, PaymentDeclinedError, type PaymentsApi } from '@foodcourt/payments-contract';
import { checkoutFingerprint } from './checkout-fingerprint';
import { OrderEntity } from './order.entity';
import { toOrderView } from './order-view.mapper';

/**
 * Checkout and the order lifecycle. Payments is reached only through its port, so the same
 * code runs whether payments is in this process or another one.
 */
@Injectable()
export class OrdersService implements OrdersApi {
  constructor(
    @InjectDomainDatabase('orders') private readonly db: DomainDatabase,
    @Inject(PAYMENTS_API) private readonly payments: PaymentsApi,
    private readonly events: EventPublisher,
  ) {}

  /**
   * Places an order and pays for it. Retrying with the same idempotency key returns the same
   * order; a retry of an order left PENDING (crash, timeout) resumes it, and payments'
   * own idempotency key (`order:<id>`) guarantees a single charge.
   */
  async checkout(input: CheckoutInput): Promise<OrderView> {
    const order = await this.findOrCreate(input);
    switch (order.status) {
      case 'PENDING':
        return this.pay(order);
      case 'PAYMENT_FAILED':
        throw new PaymentDeclinedError(`Payment declined: ${order.failureReason}`, {
          orderId: order.id,
          paymentId: order.paymentId,
          reason: order.failureReason,
        });
      default:
        return toOrderView(order);
    }
  }

  async get({ orderId }: GetOrderInput): Promise<OrderView> {
    return toOrderView(await this.load(orderId));
  }

  async list({ customerEmail, limit = 20, offset = 0 }: ListOrdersInput): Promise<OrderList> {
    const where = customerEmail ? { customerEmail: customerEmail.toLowerCase() } : {};
    const [orders, total] = await this.db.read((m) =>
      m.findAndCount(OrderEntity, { where, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset }),
    );
    return { items: orders.map(toOrderView), total };
  }

  /** Cancels a confirmed order and refunds its payment. Cancelling a cancelled order returns it. */
  async cancel({ orderId }: CancelOrderInput): Promise<OrderView> {
    const order = await this.load(orderId);
    if (order.status === 'CANCELLED') return toOrderView(order);
    if (order.status !== 'CONFIRMED') {
      throw new OrderStateError(`Order ${orderId} is ${order.status} and cannot be cancelled`, { orderId, status: order.status });
    }
    await this.payments.refund({ paymentId: order.paymentId! });
    const cancelled = await this.db.transaction(async (m) => {
      const moved = await this.transition(m, order, 'CONFIRMED', 'CANCELLED');
      if (moved) {
        await this.events.publish(m, OrderCancelled, {
          orderId: order.id,
          customerEmail: order.customerEmail,
          total: order.total,
          currency: order.currency,
          paymentId: order.paymentId!,
          cancelledAt: moved.updatedAt,
        });
      }
      return m.findOneByOrFail(OrderEntity, { id: orderId });
    });
    return toOrderView(cancelled);
  }

  private async findOrCreate(input: CheckoutInput): Promise<OrderEntity> {
    const fingerprint = checkoutFingerprint(input);
    const existing = await this.db.read((m) => m.findOneBy(OrderEntity, { idempotencyKey: input.idempotencyKey }));
    if (existing) return this.sameRequest(existing, fingerprint);
    const total = input.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
    if (total > MAX_PAYMENT_AMOUNT) {
      // Each line is within bounds, but the sum must fit one payment: refuse before anything is stored.
      throw ValidationFailedError.fromViolations([
        { field: 'lines', messages: [`the order total ${total} exceeds the largest payment, ${MAX_PAYMENT_AMOUNT}`] },
      ]);
    }
    const now = new Date();
    const order: OrderEntity = Object.assign(new OrderEntity(), {
      id: randomUUID(),
      idempotencyKey: input.idempotencyKey,
      requestHash: fingerprint,
      status: 'PENDING' as const,
      customerEmail: input.customerEmail.toLowerCase(),
      currency: input.currency,
      total,
      lines: input.lines.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
      paymentId: null,
      failureReason: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.db.transaction((m) => m.insert(OrderEntity, order));
      return order;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another request with the same key won the race: answer as its retry would.
      const winner = await this.db.read((m) => m.findOneByOrFail(OrderEntity, { idempotencyKey: input.idempotencyKey }));
      return this.sameRequest(winner, fingerprint);
    }
  }

  private sameRequest(order: OrderEntity, fingerprint: string): OrderEntity {
    if (order.requestHash !== fingerprint) {
      throw new CheckoutKeyReusedError('This Idempotency-Key was already used for a different checkout', { orderId: order.id });
    }
    return order;
  }

  private async pay(order: OrderEntity): Promise<OrderView> {
    let paymentId: string;
    try {
      const authorized = await this.payments.authorize({
        idempotencyKey: `order:${order.id}`,
        orderId: order.id,
        amount: order.total,
        currency: order.currency,
        receiptEmail: order.customerEmail,
      });
      paymentId = (await this.payments.capture({ paymentId: authorized.id })).id;
    } catch (error) {
      if (error instanceof PaymentDeclinedError) {
        const reason = String(error.details?.['reason'] ?? error.message);
        const paymentId = typeof error.details?.['paymentId'] === 'string' ? error.details['paymentId'] : null;
        await this.db.transaction((m) => this.transition(m, order, 'PENDING', 'PAYMENT_FAILED', { failureReason: reason, paymentId }));
        throw new PaymentDeclinedError(error.message, { ...error.details, orderId: order.id });
      }
      throw error;
    }
    const confirmed = await this.db.transaction(async (m) => {
      const moved = await this.transition(m, order, 'PENDING', 'CONFIRMED', { paymentId });
      if (moved) {
        await this.events.publish(m, OrderConfirmed, {
          orderId: order.id,
          customerEmail: order.customerEmail,
          total: order.total,
          currency: order.currency,
          paymentId,
          lines: order.lines,
          confirmedAt: moved.updatedAt,
        });
      }
      return m.findOneByOrFail(OrderEntity, { id: order.id });
    });
    return toOrderView(confirmed);
  }

  /**
   * Moves an order from one state to the next only if it is still in `from` (a concurrent
   * retry may have moved it already). Returns what changed, or undefined when nothing did.
   */
  private async transition(
    m: EntityManager,
    order: OrderEntity,
    from: OrderStatus,
    to: OrderStatus,
    changes: Partial<Pick<OrderEntity, 'paymentId' | 'failureReason'>> = {},
  ): Promise<{ updatedAt: Date } | undefined> {
    const updatedAt = new Date();
    const result = await m.update(OrderEntity, { id: order.id, status: from }, { status: to, updatedAt, ...changes });
    return result.affected ? { updatedAt } : undefined;
  }

  private async load(orderId: string): Promise<OrderEntity> {
    const order = await this.db.read((m) => m.findOneBy(OrderEntity, { id: orderId }));
    if (!order) throw new OrderNotFoundError(`Order ${orderId} not found`, { orderId });
    return order;
  }
}
