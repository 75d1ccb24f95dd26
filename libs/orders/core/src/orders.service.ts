import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type CallerInput, domainErrorFromBody, type DomainError } from '@foodcourt/platform-kernel';
import { InjectDomainDatabase, isUniqueViolation, type DomainDatabase } from '@foodcourt/platform-persistence';
import { CATALOG_API, InsufficientStockError, ProductNotFoundError, ReservationMismatchError, type CatalogApi } from '@foodcourt/catalog-contract';
import {
  CheckoutKeyReusedError,
  OrderNotFoundError,
  OrderStateError,
  type CancelOrderInput,
  type CheckoutInput,
  type GetOrderInput,
  type ListOrdersInput,
  type OrderList,
  type OrdersApi,
  type OrderView,
} from '@foodcourt/orders-contract';
import { PAYMENTS_API, PaymentDeclinedError, type PaymentsApi } from '@foodcourt/payments-contract';
import { checkoutFingerprint } from './checkout-fingerprint';
import { OrderLifecycle } from './order-lifecycle';
import { OrderEntity } from './order.entity';
import { toOrderView } from './order-view.mapper';
import { priceOrder } from './price-order';

/**
 * Checkout and the order lifecycle. Catalog and payments are reached only through their ports,
 * so the same code runs whether they are in this process or another one.
 *
 * Checkout: price the lines from the catalog → store the order PENDING → reserve stock (by order
 * id) → authorize and capture (payment key `order:<id>`) → CONFIRMED. Every step is idempotent,
 * so a retry with the same Idempotency-Key resumes a PENDING order where it stopped. A decline
 * releases the stock (compensation); an order nobody resumes is settled by OrderRecovery.
 */
@Injectable()
export class OrdersService implements OrdersApi {
  constructor(
    @InjectDomainDatabase('orders') private readonly db: DomainDatabase,
    @Inject(PAYMENTS_API) private readonly payments: PaymentsApi,
    @Inject(CATALOG_API) private readonly catalog: CatalogApi,
    private readonly lifecycle: OrderLifecycle,
  ) {}

  async checkout(input: CheckoutInput): Promise<OrderView> {
    const order = await this.findOrCreate(input);
    switch (order.status) {
      case 'PENDING':
        return toOrderView(await this.complete(order));
      case 'PAYMENT_FAILED':
        throw new PaymentDeclinedError(`Payment declined: ${order.failureReason}`, {
          orderId: order.id,
          paymentId: order.paymentId,
          reason: order.failureReason,
        });
      case 'REJECTED':
        // The same answer as the first attempt: the same error class, rebuilt from its code.
        throw domainErrorFromBody({ code: order.failureCode ?? 'INSUFFICIENT_STOCK', kind: 'conflict', message: order.failureReason ?? 'Rejected', details: { orderId: order.id } });
      case 'ABANDONED':
        throw abandonedError(order);
      default:
        return toOrderView(order);
    }
  }

  async get({ orderId, caller }: GetOrderInput): Promise<OrderView> {
    return toOrderView(await this.loadFor(caller, orderId));
  }

  async list({ caller, customerId, limit = 20, offset = 0 }: ListOrdersInput): Promise<OrderList> {
    const isAdmin = caller.roles.includes('admin');
    // Customers always get their own orders, whatever they ask for.
    const where = isAdmin ? (customerId ? { customerId } : {}) : { customerId: caller.id };
    const [orders, total] = await this.db.read((m) =>
      m.findAndCount(OrderEntity, { where, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset }),
    );
    return { items: orders.map(toOrderView), total };
  }

  /** Cancels a confirmed order: refunds it and gives its stock back. Cancelling a cancelled order returns it. */
  async cancel({ orderId, caller }: CancelOrderInput): Promise<OrderView> {
    const order = await this.loadFor(caller, orderId);
    if (order.status === 'CANCELLED') return toOrderView(order);
    if (order.status !== 'CONFIRMED') {
      throw new OrderStateError(`Order ${orderId} is ${order.status} and cannot be cancelled`, { orderId, status: order.status });
    }
    await this.payments.refund({ paymentId: order.paymentId! });
    await this.catalog.releaseStock({ orderId });
    return toOrderView(await this.lifecycle.cancelled(order));
  }

  private async complete(order: OrderEntity): Promise<OrderEntity> {
    const reserved = await this.reserve(order);
    if (!reserved) throw abandonedError(await this.lifecycle.abandoned(order, 'its stock reservation had already been released'));
    let paymentId: string;
    try {
      const authorized = await this.payments.authorize({
        idempotencyKey: `order:${order.id}`,
        orderId: order.id,
        customerId: order.customerId,
        amount: order.total,
        currency: order.currency,
        receiptEmail: order.customerEmail,
      });
      paymentId = (await this.payments.capture({ paymentId: authorized.id })).id;
    } catch (error) {
      if (!(error instanceof PaymentDeclinedError)) throw error; // unknown outcome: stays PENDING for a retry or the sweep
      await this.catalog.releaseStock({ orderId: order.id });
      const reason = String(error.details?.['reason'] ?? error.message);
      const failed = await this.lifecycle.paymentFailed(order, reason, typeof error.details?.['paymentId'] === 'string' ? error.details['paymentId'] : null);
      throw new PaymentDeclinedError(error.message, { ...error.details, orderId: failed.id });
    }
    const confirmed = await this.lifecycle.confirm(order, paymentId);
    if (confirmed.status !== 'CONFIRMED') {
      // The recovery sweep gave up on this order (and its stock) while payments was answering:
      // the money must not stay taken for an order the customer will not get.
      await this.payments.refund({ paymentId });
      throw abandonedError(confirmed);
    }
    return confirmed;
  }

  /** Reserves the order's stock; false when the reservation exists but was already released. */
  private async reserve(order: OrderEntity): Promise<boolean> {
    try {
      const reservation = await this.catalog.reserveStock({ orderId: order.id, lines: order.lines.map(({ sku, quantity }) => ({ sku, quantity })) });
      return reservation.status === 'RESERVED';
    } catch (error) {
      if (error instanceof InsufficientStockError || error instanceof ProductNotFoundError || error instanceof ReservationMismatchError) {
        await this.lifecycle.rejected(order, error.message, error.code);
        const SameError = error.constructor as new (message: string, details?: Record<string, unknown>) => DomainError;
        throw new SameError(error.message, { ...error.details, orderId: order.id });
      }
      throw error;
    }
  }

  private async findOrCreate(input: CheckoutInput): Promise<OrderEntity> {
    const fingerprint = checkoutFingerprint(input);
    const key = { customerId: input.caller.id, idempotencyKey: input.idempotencyKey };
    const existing = await this.db.read((m) => m.findOneBy(OrderEntity, key));
    if (existing) return sameRequest(existing, fingerprint);
    const priced = await priceOrder(this.catalog, input.lines);
    const now = new Date();
    const order: OrderEntity = Object.assign(new OrderEntity(), {
      id: randomUUID(),
      idempotencyKey: input.idempotencyKey,
      requestHash: fingerprint,
      status: 'PENDING' as const,
      customerId: input.caller.id,
      customerEmail: input.caller.email,
      ...priced,
      paymentId: null,
      failureReason: null,
      failureCode: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.db.transaction((m) => m.insert(OrderEntity, order));
      return order;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another request with the same key won the race: answer as its retry would.
      const winner = await this.db.read((m) => m.findOneByOrFail(OrderEntity, key));
      return sameRequest(winner, fingerprint);
    }
  }

  /** The order, if `caller` may see it; someone else's order is reported missing (no existence leak). */
  private async loadFor(caller: CallerInput, orderId: string): Promise<OrderEntity> {
    const order = await this.db.read((m) => m.findOneBy(OrderEntity, { id: orderId }));
    if (!order || (order.customerId !== caller.id && !caller.roles.includes('admin'))) {
      throw new OrderNotFoundError(`Order ${orderId} not found`, { orderId });
    }
    return order;
  }
}

function abandonedError(order: OrderEntity): OrderStateError {
  return new OrderStateError(`Order ${order.id} was abandoned (${order.failureReason}); place a new order`, { orderId: order.id, status: order.status });
}

function sameRequest(order: OrderEntity, fingerprint: string): OrderEntity {
  if (order.requestHash !== fingerprint) {
    throw new CheckoutKeyReusedError('This Idempotency-Key was already used for a different checkout', { orderId: order.id });
  }
  return order;
}
