import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { validateDto, ValidationFailedError } from '@foodcourt/platform-runtime';
import {
  CheckoutKeyReusedError,
  OrderConfirmed,
  OrderNotFoundError,
  OrderStateError,
  type CheckoutInput,
} from '@foodcourt/orders-contract';
import { PaymentDeclinedError } from '@foodcourt/payments-contract';
import { startOrdersContext, type OrdersTestContext } from './testing/orders-test-context';

describe('orders port (local binding, real SQLite, payments faked behind its port)', () => {
  let ctx: OrdersTestContext;

  beforeEach(async () => {
    ctx = await startOrdersContext();
  });

  afterEach(async () => {
    await ctx.close();
  });

  const checkout = (overrides: Partial<CheckoutInput> = {}): CheckoutInput => ({
    idempotencyKey: `checkout-${randomUUID()}`,
    customerEmail: 'ada@example.com',
    currency: 'EUR',
    lines: [
      { sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 850 },
      { sku: 'COLA', quantity: 3, unitPrice: 250 },
    ],
    ...overrides,
  });

  /** Runs `call` and returns what it threw (fails the test if it resolved). */
  async function thrownBy(call: Promise<unknown>): Promise<Error> {
    const outcome = await call.then(
      () => new Error('expected a rejection'),
      (error: Error) => ({ error }),
    );
    if (outcome instanceof Error) throw outcome;
    return outcome.error;
  }

  const eventsOf = async (type: string) => (await ctx.outboxRows()).filter((e) => e.type === type);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  describe('checkout', () => {
    it('computes lines and total, pays, confirms and writes orders.order-confirmed in the outbox', async () => {
      const order = await ctx.orders.checkout(checkout());

      expect(order).toMatchObject({
        status: 'CONFIRMED',
        customerEmail: 'ada@example.com',
        currency: 'EUR',
        total: 2 * 850 + 3 * 250,
        lines: [
          { sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 850, lineTotal: 1_700 },
          { sku: 'COLA', quantity: 3, unitPrice: 250, lineTotal: 750 },
        ],
      });
      expect(order.failureReason).toBeUndefined();
      expect(order.createdAt).toBeInstanceOf(Date);
      expect(order.updatedAt).toBeInstanceOf(Date);

      expect(ctx.payments.calls.authorize).toEqual([
        expect.objectContaining({ idempotencyKey: `order:${order.id}`, orderId: order.id, amount: 2_450, currency: 'EUR', receiptEmail: 'ada@example.com' }),
      ]);
      const [captured] = ctx.payments.calls.capture;
      expect(order.paymentId).toBe(captured!.paymentId);
      expect(ctx.payments.payment(order.paymentId!)!.status).toBe('CAPTURED');

      const outbox = await ctx.outboxRows();
      expect(outbox.map((e) => e.type)).toEqual(['orders.order-confirmed']);
      const payload = JSON.parse(outbox[0]!.payload) as Record<string, unknown>;
      expect(payload).toEqual({
        orderId: order.id,
        customerEmail: 'ada@example.com',
        total: 2_450,
        currency: 'EUR',
        paymentId: order.paymentId,
        lines: [
          { sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 850 },
          { sku: 'COLA', quantity: 3, unitPrice: 250 },
        ],
        confirmedAt: order.updatedAt.toISOString(),
      });
      // What a subscriber receives validates against the published contract.
      expect(validateDto(OrderConfirmed.payload, payload).confirmedAt).toEqual(order.updatedAt);

      expect(await ctx.orders.get({ orderId: order.id })).toEqual(order);
    });

    it('stores the customer e-mail in lower case', async () => {
      const order = await ctx.orders.checkout(checkout({ customerEmail: 'Ada.Lovelace@Example.COM' }));
      expect(order.customerEmail).toBe('ada.lovelace@example.com');
      expect(ctx.payments.calls.authorize[0]!.receiptEmail).toBe('ada.lovelace@example.com');
    });

    it('answers the same idempotency key with the same order, paid once, stored once', async () => {
      const request = checkout();
      const first = await ctx.orders.checkout(request);
      const second = await ctx.orders.checkout({ ...request, lines: request.lines.map((l) => ({ ...l })) });

      expect(second.id).toBe(first.id);
      expect(second).toEqual(first);
      expect(await ctx.orderRows()).toHaveLength(1);
      expect(ctx.payments.calls.authorize.map((c) => c.idempotencyKey)).toEqual([`order:${first.id}`]);
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(1);
    });

    it('treats the e-mail case as the same request under the same key', async () => {
      const request = checkout();
      const first = await ctx.orders.checkout(request);
      const second = await ctx.orders.checkout({ ...request, customerEmail: 'ADA@example.com' });
      expect(second.id).toBe(first.id);
    });

    it.each([
      ['another quantity', (r: CheckoutInput) => ({ ...r, lines: [{ ...r.lines[0]!, quantity: 5 }, r.lines[1]!] })],
      ['another currency', (r: CheckoutInput) => ({ ...r, currency: 'USD' })],
      ['another customer', (r: CheckoutInput) => ({ ...r, customerEmail: 'grace@example.com' })],
    ])('refuses the same key with %s (CheckoutKeyReusedError) and changes nothing', async (_case, change) => {
      const request = checkout();
      const first = await ctx.orders.checkout(request);
      const error = await thrownBy(ctx.orders.checkout(change(request)));

      expect(error).toBeInstanceOf(CheckoutKeyReusedError);
      expect((error as CheckoutKeyReusedError).details).toEqual({ orderId: first.id });
      expect(await ctx.orderRows()).toHaveLength(1);
      expect(ctx.payments.calls.authorize).toHaveLength(1);
      expect(await ctx.orders.get({ orderId: first.id })).toEqual(first);
    });

    it('records a declined payment: PAYMENT_FAILED with the reason, no confirmation, same error on retry without paying again', async () => {
      ctx.payments.declineWith = 'insufficient funds';
      const request = checkout();
      const error = await thrownBy(ctx.orders.checkout(request));

      expect(error).toBeInstanceOf(PaymentDeclinedError);
      expect(error.message).toBe('Payment declined: insufficient funds');
      const [row] = await ctx.orderRows();
      const declinedPaymentId = (error as PaymentDeclinedError).details?.['paymentId'];
      expect(typeof declinedPaymentId).toBe('string');
      expect((error as PaymentDeclinedError).details).toMatchObject({ orderId: row!.id, reason: 'insufficient funds' });
      // The declined payment stays linked, so support can see which attempt failed.
      expect(row).toMatchObject({ status: 'PAYMENT_FAILED', failureReason: 'insufficient funds', paymentId: declinedPaymentId });

      const order = await ctx.orders.get({ orderId: row!.id });
      expect(order).toMatchObject({ status: 'PAYMENT_FAILED', failureReason: 'insufficient funds', paymentId: declinedPaymentId });
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(0);
      expect(ctx.payments.calls.capture).toHaveLength(0);

      ctx.payments.declineWith = undefined; // even if the card would pass now, the key's answer stands
      const retry = await thrownBy(ctx.orders.checkout({ ...request }));
      expect(retry).toBeInstanceOf(PaymentDeclinedError);
      expect(retry.message).toBe(error.message);
      expect((retry as PaymentDeclinedError).details).toEqual((error as PaymentDeclinedError).details);
      expect(ctx.payments.calls.authorize).toHaveLength(1);
      expect(await ctx.orderRows()).toHaveLength(1);
    });

    it('leaves the order PENDING when payments is unreachable, and a retry with the same key completes it once', async () => {
      ctx.payments.unavailableFor = 1;
      const request = checkout();
      await expect(ctx.orders.checkout(request)).rejects.toThrow('ECONNREFUSED');

      const [pending] = await ctx.orderRows();
      expect(pending).toMatchObject({ status: 'PENDING', paymentId: null, failureReason: null });
      expect(await ctx.outboxRows()).toHaveLength(0);

      const order = await ctx.orders.checkout({ ...request });
      expect(order).toMatchObject({ id: pending!.id, status: 'CONFIRMED' });
      expect(order.paymentId).toEqual(expect.any(String));
      expect(ctx.payments.calls.authorize.map((c) => c.idempotencyKey)).toEqual([`order:${pending!.id}`, `order:${pending!.id}`]);
      expect(await ctx.orderRows()).toHaveLength(1);
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(1);

      expect(await ctx.orders.checkout({ ...request })).toEqual(order);
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(1);
    });

    it('accepts an order whose total is exactly the largest payment amount', async () => {
      const order = await ctx.orders.checkout(checkout({ lines: [{ sku: 'BANQUET', quantity: 100, unitPrice: 1_000_000 }] }));
      expect(order).toMatchObject({ status: 'CONFIRMED', total: 100_000_000 });
    });

    it.each([
      ['a zero quantity', { lines: [{ sku: 'COLA', quantity: 0, unitPrice: 250 }] }, 'lines.0.quantity'],
      ['a negative unit price', { lines: [{ sku: 'COLA', quantity: 1, unitPrice: -1 }] }, 'lines.0.unitPrice'],
      ['no lines', { lines: [] }, 'lines'],
      ['an unknown field', { coupon: 'FREE' }, 'coupon'],
      ['a lower-case sku', { lines: [{ sku: 'cola', quantity: 1, unitPrice: 250 }] }, 'lines.0.sku'],
      ['a malformed e-mail', { customerEmail: 'ada' }, 'customerEmail'],
      ['an empty idempotency key', { idempotencyKey: '' }, 'idempotencyKey'],
      ['a total above the largest payment', { lines: [{ sku: 'BANQUET', quantity: 100, unitPrice: 1_000_000 }, { sku: 'COLA', quantity: 1, unitPrice: 1 }] }, 'lines'],
    ])('rejects %s with ValidationFailedError naming the field and writes nothing', async (_case, overrides, field) => {
      const error = await thrownBy(ctx.orders.checkout({ ...checkout(), ...overrides } as CheckoutInput));

      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual([field]);
      expect(error.message).toContain(field);
      expect(await ctx.orderRows()).toHaveLength(0);
      expect(await ctx.outboxRows()).toHaveLength(0);
      expect(ctx.payments.calls.authorize).toHaveLength(0);
    });
  });

  describe('cancel', () => {
    it('cancels a confirmed order: refunds once and writes orders.order-cancelled', async () => {
      const order = await ctx.orders.checkout(checkout());
      const cancelled = await ctx.orders.cancel({ orderId: order.id });

      expect(cancelled).toMatchObject({ id: order.id, status: 'CANCELLED', paymentId: order.paymentId, total: order.total });
      expect(cancelled.updatedAt.getTime()).toBeGreaterThanOrEqual(order.updatedAt.getTime());
      expect(ctx.payments.calls.refund).toEqual([{ paymentId: order.paymentId }]);
      expect(ctx.payments.payment(order.paymentId!)!.status).toBe('REFUNDED');

      const [event] = await eventsOf('orders.order-cancelled');
      expect(JSON.parse(event!.payload)).toEqual({
        orderId: order.id,
        customerEmail: 'ada@example.com',
        total: order.total,
        currency: 'EUR',
        paymentId: order.paymentId,
        cancelledAt: cancelled.updatedAt.toISOString(),
      });
      expect((await ctx.orders.get({ orderId: order.id })).status).toBe('CANCELLED');
    });

    it('answers a second cancel with the cancelled order, without a second refund or event', async () => {
      const order = await ctx.orders.checkout(checkout());
      const first = await ctx.orders.cancel({ orderId: order.id });
      const second = await ctx.orders.cancel({ orderId: order.id });

      expect(second).toEqual(first);
      expect(ctx.payments.calls.refund).toHaveLength(1);
      expect(await eventsOf('orders.order-cancelled')).toHaveLength(1);
    });

    it('refuses to cancel an order whose payment failed (OrderStateError) and refunds nothing', async () => {
      ctx.payments.declineWith = 'card expired';
      await expect(ctx.orders.checkout(checkout())).rejects.toBeInstanceOf(PaymentDeclinedError);
      const [row] = await ctx.orderRows();

      const error = await thrownBy(ctx.orders.cancel({ orderId: row!.id }));
      expect(error).toBeInstanceOf(OrderStateError);
      expect((error as OrderStateError).details).toEqual({ orderId: row!.id, status: 'PAYMENT_FAILED' });
      expect(ctx.payments.calls.refund).toHaveLength(0);
      expect((await ctx.orders.get({ orderId: row!.id })).status).toBe('PAYMENT_FAILED');
      expect(await eventsOf('orders.order-cancelled')).toHaveLength(0);
    });

    it('answers an unknown order with OrderNotFoundError', async () => {
      await expect(ctx.orders.cancel({ orderId: randomUUID() })).rejects.toBeInstanceOf(OrderNotFoundError);
    });
  });

  describe('get and list', () => {
    it('answers an unknown order id with OrderNotFoundError naming it', async () => {
      const orderId = randomUUID();
      const error = await thrownBy(ctx.orders.get({ orderId }));
      expect(error).toBeInstanceOf(OrderNotFoundError);
      expect((error as OrderNotFoundError).details).toEqual({ orderId });
    });

    it('rejects an order id that is not a UUID', async () => {
      const error = await thrownBy(ctx.orders.get({ orderId: 'nope' }));
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual(['orderId']);
    });

    it('lists one customer (any letter case), newest first, with the total count and paging', async () => {
      const ada: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        ada.push((await ctx.orders.checkout(checkout({ customerEmail: i === 1 ? 'ADA@example.com' : 'ada@example.com' }))).id);
        await ctx.orders.checkout(checkout({ customerEmail: 'grace@example.com' }));
        await pause(5); // distinct created_at
      }
      const newestFirst = [...ada].reverse();

      const all = await ctx.orders.list({ customerEmail: 'Ada@Example.com' });
      expect(all.total).toBe(3);
      expect(all.items.map((o) => o.id)).toEqual(newestFirst);
      expect(all.items.every((o) => o.customerEmail === 'ada@example.com')).toBe(true);
      expect(all.items[0]!.createdAt).toBeInstanceOf(Date);

      const page = await ctx.orders.list({ customerEmail: 'ada@example.com', limit: 1, offset: 1 });
      expect(page).toMatchObject({ total: 3 });
      expect(page.items.map((o) => o.id)).toEqual([newestFirst[1]]);

      const everyone = await ctx.orders.list({});
      expect(everyone.total).toBe(6);
      expect(everyone.items).toHaveLength(6);
      const created = everyone.items.map((o) => o.createdAt.getTime());
      expect(created).toEqual([...created].sort((a, b) => b - a));

      expect(await ctx.orders.list({ customerEmail: 'nobody@example.com' })).toEqual({ items: [], total: 0 });
    });

    it.each([
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ customerEmail: 'not-an-email' }, 'customerEmail'],
    ])('rejects list input %j naming %s', async (input, field) => {
      const error = await thrownBy(ctx.orders.list(input));
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual([field]);
    });
  });
});
