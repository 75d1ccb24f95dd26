import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { CallerInput } from '@foodcourt/platform-kernel';
import type { CheckoutInput } from '@foodcourt/orders-contract';
import { OrderRecovery } from './order-recovery';
import type { OrderEntity } from './order.entity';
import { startOrdersContext, type OrdersTestContext } from './testing/orders-test-context';

const ADA: CallerInput = { id: randomUUID(), email: 'ada@example.com', roles: ['customer'] };

const checkout = (): CheckoutInput => ({
  caller: ADA,
  idempotencyKey: `checkout-${randomUUID()}`,
  lines: [
    { sku: 'PIZZA-MARGHERITA', quantity: 2 },
    { sku: 'COLA', quantity: 3 },
  ],
});

describe('OrderRecovery.sweep (real SQLite, catalog and payments faked)', () => {
  let ctx: OrdersTestContext;
  let recovery: OrderRecovery;

  const eventsOf = async (type: string) => (await ctx.outboxRows()).filter((e) => e.type === type);
  const row = async (id: string): Promise<OrderEntity> => (await ctx.orderRows()).find((o) => o.id === id)!;

  /** A checkout that stops with the order PENDING because of `trouble`; returns the stored order. */
  async function pendingOrder(trouble: () => void): Promise<OrderEntity> {
    const request = checkout();
    trouble();
    await expect(ctx.orders.checkout(request)).rejects.toThrow();
    ctx.payments.down = false;
    const pending = (await ctx.orderRows()).find((o) => o.idempotencyKey === request.idempotencyKey);
    expect(pending).toMatchObject({ status: 'PENDING' });
    return pending!;
  }

  describe('with a pending timeout of 0 (every PENDING order is stale)', () => {
    beforeEach(async () => {
      ctx = await startOrdersContext({ config: { pendingTimeoutMs: 0, recoveryIntervalMs: 3_600_000 } });
      recovery = ctx.app.get(OrderRecovery);
      // The test drives sweep() itself: stop the sweep the module schedules at start.
      await recovery.beforeApplicationShutdown();
    });

    afterEach(() => ctx.close());

    it('confirms a PENDING order whose payment was captured (the answer was lost), with one orders.order-confirmed', async () => {
      const pending = await pendingOrder(() => (ctx.payments.loseNextAnswerOf = 'capture'));
      const [payment] = (await ctx.payments.listForOrder({ orderId: pending.id })).items;
      expect(payment).toMatchObject({ status: 'CAPTURED' });
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(0);

      expect(await recovery.sweep()).toBe(1);

      expect(await row(pending.id)).toMatchObject({ status: 'CONFIRMED', paymentId: payment!.id });
      const events = await eventsOf('orders.order-confirmed');
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0]!.payload)).toMatchObject({ orderId: pending.id, customerId: ADA.id, paymentId: payment!.id, total: 2_450 });
      // The stock stays with the confirmed order.
      expect(ctx.catalog.reservation(pending.id)).toMatchObject({ status: 'RESERVED' });
      expect(ctx.catalog.calls.releaseStock).toHaveLength(0);

      // Nothing is left to settle: a second sweep changes nothing and publishes nothing.
      expect(await recovery.sweep()).toBe(0);
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(1);
      // A retry of the checkout now answers the confirmed order.
      expect((await ctx.orders.get({ caller: ADA, orderId: pending.id })).status).toBe('CONFIRMED');
    });

    it('captures an authorized payment, then confirms the order', async () => {
      const pending = await pendingOrder(() => (ctx.payments.loseNextAnswerOf = 'authorize'));
      const [payment] = (await ctx.payments.listForOrder({ orderId: pending.id })).items;
      expect(payment).toMatchObject({ status: 'AUTHORIZED' });
      const captures = ctx.payments.calls.capture.length;

      expect(await recovery.sweep()).toBe(1);

      expect(ctx.payments.calls.capture.slice(captures)).toEqual([{ paymentId: payment!.id }]);
      expect(ctx.payments.payment(payment!.id)!.status).toBe('CAPTURED');
      expect(await row(pending.id)).toMatchObject({ status: 'CONFIRMED', paymentId: payment!.id });
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(1);
    });

    it('abandons a PENDING order that has no payment and gives its stock back', async () => {
      const pending = await pendingOrder(() => (ctx.payments.down = true));
      expect(ctx.catalog.stockOf('COLA')).toBe(97);

      expect(await recovery.sweep()).toBe(1);

      const settled = await row(pending.id);
      expect(settled).toMatchObject({ status: 'ABANDONED', paymentId: null });
      expect(settled.failureReason).toEqual(expect.any(String));
      expect(ctx.catalog.calls.releaseStock).toEqual([{ orderId: pending.id }]);
      expect(ctx.catalog.reservation(pending.id)).toMatchObject({ status: 'RELEASED' });
      expect(ctx.catalog.stockOf('COLA')).toBe(100);
      expect(ctx.catalog.stockOf('PIZZA-MARGHERITA')).toBe(100);
      expect(await ctx.outboxRows()).toHaveLength(0);
      expect(await recovery.sweep()).toBe(0);
    });

    it('marks a PENDING order whose payment was declined PAYMENT_FAILED and gives its stock back', async () => {
      const pending = await pendingOrder(() => {
        ctx.payments.declineWith = 'card expired';
        ctx.payments.loseNextAnswerOf = 'authorize';
      });
      const [payment] = (await ctx.payments.listForOrder({ orderId: pending.id })).items;
      expect(payment).toMatchObject({ status: 'DECLINED' });

      expect(await recovery.sweep()).toBe(1);

      expect(await row(pending.id)).toMatchObject({ status: 'PAYMENT_FAILED', failureReason: 'card expired', paymentId: payment!.id });
      expect(ctx.catalog.reservation(pending.id)).toMatchObject({ status: 'RELEASED' });
      expect(ctx.catalog.stockOf('COLA')).toBe(100);
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(0);
    });

    it('leaves the order PENDING, stock still reserved, while payments is unreachable; the next sweep settles it', async () => {
      const pending = await pendingOrder(() => (ctx.payments.down = true));
      ctx.payments.down = true;

      expect(await recovery.sweep()).toBe(0);
      expect(await row(pending.id)).toMatchObject({ status: 'PENDING' });
      expect(ctx.catalog.reservation(pending.id)).toMatchObject({ status: 'RESERVED' });
      expect(ctx.catalog.calls.releaseStock).toHaveLength(0);

      ctx.payments.down = false;
      expect(await recovery.sweep()).toBe(1);
      expect(await row(pending.id)).toMatchObject({ status: 'ABANDONED' });
      expect(ctx.catalog.stockOf('COLA')).toBe(100);
    });

    it('leaves the order PENDING while the catalog is unreachable (its stock cannot be released yet)', async () => {
      const pending = await pendingOrder(() => (ctx.payments.down = true));
      ctx.catalog.down = true;

      expect(await recovery.sweep()).toBe(0);
      expect(await row(pending.id)).toMatchObject({ status: 'PENDING' });

      ctx.catalog.down = false;
      expect(await recovery.sweep()).toBe(1);
      expect(await row(pending.id)).toMatchObject({ status: 'ABANDONED' });
      expect(ctx.catalog.stockOf('COLA')).toBe(100);
    });

    it('settles each stale order on its own: one failing does not stop the others', async () => {
      const first = await pendingOrder(() => (ctx.payments.down = true));
      const second = await pendingOrder(() => (ctx.payments.loseNextAnswerOf = 'capture'));
      // The first (oldest) needs the catalog to release its stock; the second, paid, does not.
      ctx.catalog.down = true;

      expect(await recovery.sweep()).toBe(1);
      expect(await row(first.id)).toMatchObject({ status: 'PENDING' });
      expect(await row(second.id)).toMatchObject({ status: 'CONFIRMED' });

      ctx.catalog.down = false;
      expect(await recovery.sweep()).toBe(1);
      expect(await row(first.id)).toMatchObject({ status: 'ABANDONED' });
    });

    it('never touches orders that are already settled', async () => {
      const confirmed = await ctx.orders.checkout(checkout());
      ctx.payments.declineWith = 'insufficient funds';
      await expect(ctx.orders.checkout(checkout())).rejects.toThrow('Payment declined');
      ctx.payments.declineWith = undefined;
      const releases = ctx.catalog.calls.releaseStock.length;

      expect(await recovery.sweep()).toBe(0);
      expect(ctx.payments.calls.listForOrder).toHaveLength(0);
      expect(ctx.catalog.calls.releaseStock).toHaveLength(releases);
      expect((await row(confirmed.id)).status).toBe('CONFIRMED');
    });

    it('never leaves money captured for an order it abandoned under a running checkout', async () => {
      const authorize = ctx.payments.hold('authorize');
      const placed = ctx.orders.checkout(checkout()).catch((error: unknown) => error);
      await authorize.reached;
      const [pending] = await ctx.orderRows();

      expect(await recovery.sweep()).toBe(1); // no payment yet: abandoned, stock released
      authorize.release();
      await placed;

      const final = await row(pending!.id);
      const captured = (await ctx.payments.listForOrder({ orderId: pending!.id })).items.filter((p) => p.status === 'CAPTURED');
      expect(final.status === 'CONFIRMED' || captured.length === 0).toBe(true);
    });
  });

  describe('with the default pending timeout (60 s)', () => {
    beforeEach(async () => {
      ctx = await startOrdersContext();
      recovery = ctx.app.get(OrderRecovery);
    });

    afterEach(() => ctx.close());

    it('leaves a fresh PENDING order alone: its checkout may still be running or be retried', async () => {
      const pending = await pendingOrder(() => (ctx.payments.down = true));
      expect(await recovery.sweep()).toBe(0);
      expect(await row(pending.id)).toMatchObject({ status: 'PENDING' });
      expect(ctx.payments.calls.listForOrder).toHaveLength(0);
      expect(ctx.catalog.reservation(pending.id)).toMatchObject({ status: 'RESERVED' });
    });
  });
});
