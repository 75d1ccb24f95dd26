import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type CallerInput, validateDto, ValidationFailedError } from '@foodcourt/platform-kernel';
import { InsufficientStockError, ProductNotFoundError, ReservationMismatchError } from '@foodcourt/catalog-contract';
import {
  CheckoutKeyReusedError,
  MixedCurrenciesError,
  OrderCancelled,
  OrderConfirmed,
  OrderNotFoundError,
  OrderStateError,
  type CheckoutInput,
} from '@foodcourt/orders-contract';
import { MAX_PAYMENT_AMOUNT, PaymentDeclinedError } from '@foodcourt/payments-contract';
import { thrownBy } from '@foodcourt/platform-testing';
import { startOrdersContext, type OrdersTestContext } from './testing/orders-test-context';

const customer = (email: string): CallerInput => ({ id: randomUUID(), email, roles: ['customer'] });
const ADA = customer('ada@example.com');
const GRACE = customer('grace@example.com');
const ADMIN: CallerInput = { id: randomUUID(), email: 'root@example.com', roles: ['admin'] };

describe('orders port (local binding, real SQLite, catalog and payments faked behind their ports)', () => {
  let ctx: OrdersTestContext;

  beforeEach(async () => {
    ctx = await startOrdersContext();
  });

  afterEach(async () => {
    await ctx.close();
  });

  const checkout = (overrides: Partial<CheckoutInput> = {}): CheckoutInput => ({
    caller: ADA,
    idempotencyKey: `checkout-${randomUUID()}`,
    lines: [
      { sku: 'PIZZA-MARGHERITA', quantity: 2 },
      { sku: 'COLA', quantity: 3 },
    ],
    ...overrides,
  });

  const eventsOf = async (type: string) => (await ctx.outboxRows()).filter((e) => e.type === type);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  describe('checkout', () => {
    it('prices the lines from the catalog, reserves the stock, pays, confirms and writes orders.order-confirmed', async () => {
      const order = await ctx.orders.checkout(checkout());

      expect(order).toMatchObject({
        status: 'CONFIRMED',
        customerId: ADA.id,
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

      expect(ctx.catalog.calls.getMany).toEqual([{ skus: ['PIZZA-MARGHERITA', 'COLA'] }]);
      expect(ctx.catalog.reservation(order.id)).toMatchObject({ status: 'RESERVED' });
      expect(ctx.catalog.stockOf('PIZZA-MARGHERITA')).toBe(98);
      expect(ctx.catalog.stockOf('COLA')).toBe(97);

      expect(ctx.payments.calls.authorize).toEqual([
        {
          idempotencyKey: `order:${order.id}`,
          orderId: order.id,
          customerId: ADA.id,
          amount: 2_450,
          currency: 'EUR',
          receiptEmail: 'ada@example.com',
        },
      ]);
      const [captured] = ctx.payments.calls.capture;
      expect(order.paymentId).toBe(captured!.paymentId);
      expect(ctx.payments.payment(order.paymentId!)!.status).toBe('CAPTURED');

      const outbox = await ctx.outboxRows();
      expect(outbox.map((e) => e.type)).toEqual(['orders.order-confirmed']);
      const payload = JSON.parse(outbox[0]!.payload) as Record<string, unknown>;
      expect(payload).toEqual({
        orderId: order.id,
        customerId: ADA.id,
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

      expect(await ctx.orders.get({ caller: ADA, orderId: order.id })).toEqual(order);
    });

    it('reserves the stock before it asks for the payment', async () => {
      const authorize = ctx.payments.hold('authorize');
      const placed = ctx.orders.checkout(checkout());
      await authorize.reached;
      const [pending] = await ctx.orderRows();
      expect(pending).toMatchObject({ status: 'PENDING' });
      expect(ctx.catalog.reservation(pending!.id)).toMatchObject({ status: 'RESERVED' });
      authorize.release();
      await expect(placed).resolves.toMatchObject({ id: pending!.id, status: 'CONFIRMED' });
    });

    it("keeps the price it was sold at when the catalog's price changes later", async () => {
      ctx.catalog.put({ sku: 'COLA', price: 300 });
      const order = await ctx.orders.checkout(checkout({ lines: [{ sku: 'COLA', quantity: 2 }] }));
      ctx.catalog.put({ sku: 'COLA', price: 999 });

      expect(order).toMatchObject({ total: 600, lines: [{ sku: 'COLA', quantity: 2, unitPrice: 300, lineTotal: 600 }] });
      expect(await ctx.orders.get({ caller: ADA, orderId: order.id })).toMatchObject({ total: 600 });
      expect(ctx.payments.calls.authorize[0]!.amount).toBe(600);
    });

    it('prices in the currency of the catalog', async () => {
      const order = await ctx.orders.checkout(checkout({ lines: [{ sku: 'BURGER-USD', quantity: 1 }] }));
      expect(order).toMatchObject({ currency: 'USD', total: 900 });
      expect(ctx.payments.calls.authorize[0]).toMatchObject({ amount: 900, currency: 'USD' });
    });

    it('merges a repeated sku into one line with the summed quantity', async () => {
      const order = await ctx.orders.checkout(
        checkout({
          lines: [
            { sku: 'COLA', quantity: 1 },
            { sku: 'PIZZA-MARGHERITA', quantity: 1 },
            { sku: 'COLA', quantity: 2 },
          ],
        }),
      );

      expect(order.lines).toEqual([
        { sku: 'COLA', quantity: 3, unitPrice: 250, lineTotal: 750 },
        { sku: 'PIZZA-MARGHERITA', quantity: 1, unitPrice: 850, lineTotal: 850 },
      ]);
      expect(order.total).toBe(1_600);
      expect(ctx.catalog.calls.getMany).toEqual([{ skus: ['COLA', 'PIZZA-MARGHERITA'] }]);
      expect(ctx.catalog.calls.reserveStock[0]!.lines).toEqual([
        { sku: 'COLA', quantity: 3 },
        { sku: 'PIZZA-MARGHERITA', quantity: 1 },
      ]);
      expect(ctx.catalog.stockOf('COLA')).toBe(97);
    });

    it('uses the caller from the port input: the receipt goes to their e-mail, the order is theirs', async () => {
      const order = await ctx.orders.checkout(checkout({ caller: GRACE }));
      expect(order).toMatchObject({ customerId: GRACE.id, customerEmail: 'grace@example.com' });
      expect(ctx.payments.calls.authorize[0]).toMatchObject({ customerId: GRACE.id, receiptEmail: 'grace@example.com' });
      const [row] = await ctx.orderRows();
      expect(row).toMatchObject({ customerId: GRACE.id, customerEmail: 'grace@example.com' });
    });

    it('answers the same idempotency key with the same order, reserved once, paid once, stored once', async () => {
      const request = checkout();
      const first = await ctx.orders.checkout(request);
      const second = await ctx.orders.checkout({ ...request, lines: request.lines.map((l) => ({ ...l })) });

      expect(second.id).toBe(first.id);
      expect(second).toEqual(first);
      expect(await ctx.orderRows()).toHaveLength(1);
      expect(ctx.payments.calls.authorize.map((c) => c.idempotencyKey)).toEqual([`order:${first.id}`]);
      expect(ctx.catalog.stockOf('COLA')).toBe(97);
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(1);
    });

    it("treats the caller's e-mail and roles as outside the request: same key, same customer id, same order", async () => {
      const request = checkout();
      const first = await ctx.orders.checkout(request);
      const second = await ctx.orders.checkout({ ...request, caller: { ...ADA, email: 'ADA@example.com', roles: ['customer', 'admin'] } });
      expect(second.id).toBe(first.id);
    });

    it.each([
      ['another quantity', (r: CheckoutInput) => ({ ...r, lines: [{ ...r.lines[0]!, quantity: 5 }, r.lines[1]!] })],
      ['another sku', (r: CheckoutInput) => ({ ...r, lines: [r.lines[0]!, { sku: 'BANQUET', quantity: 1 }] })],
    ])('refuses the same key with %s (CheckoutKeyReusedError) and changes nothing', async (_case, change) => {
      const request = checkout();
      const first = await ctx.orders.checkout(request);
      const error = await thrownBy(ctx.orders.checkout(change(request)));

      expect(error).toBeInstanceOf(CheckoutKeyReusedError);
      expect(await ctx.orderRows()).toHaveLength(1);
      expect(ctx.payments.calls.authorize).toHaveLength(1);
      expect(ctx.catalog.calls.reserveStock).toHaveLength(1);
      expect(await ctx.orders.get({ caller: ADA, orderId: first.id })).toEqual(first);
    });

    it('keeps idempotency keys per customer: the same key from another customer is another order', async () => {
      const request = checkout();
      const first = await ctx.orders.checkout(request);
      const second = await ctx.orders.checkout({ ...request, caller: GRACE });

      expect(second.id).not.toBe(first.id);
      expect(second.customerId).toBe(GRACE.id);
      expect(await ctx.orderRows()).toHaveLength(2);
    });

    it('names the order a reused key belongs to, for its own customer', async () => {
      const request = checkout();
      const first = await ctx.orders.checkout(request);
      const error = await thrownBy(ctx.orders.checkout({ ...request, lines: [{ sku: 'COLA', quantity: 1 }] }));
      expect((error as CheckoutKeyReusedError).details).toEqual({ orderId: first.id });
    });

    it('records a declined payment: stock released, PAYMENT_FAILED with the reason, same error on retry without paying again', async () => {
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

      // The compensation: the stock the order held is back.
      expect(ctx.catalog.calls.releaseStock).toEqual([{ orderId: row!.id }]);
      expect(ctx.catalog.reservation(row!.id)).toMatchObject({ status: 'RELEASED' });
      expect(ctx.catalog.stockOf('PIZZA-MARGHERITA')).toBe(100);
      expect(ctx.catalog.stockOf('COLA')).toBe(100);

      const order = await ctx.orders.get({ caller: ADA, orderId: row!.id });
      expect(order).toMatchObject({ status: 'PAYMENT_FAILED', failureReason: 'insufficient funds', paymentId: declinedPaymentId });
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(0);
      expect(ctx.payments.calls.capture).toHaveLength(0);

      ctx.payments.declineWith = undefined; // even if the card would pass now, the key's answer stands
      const retry = await thrownBy(ctx.orders.checkout({ ...request }));
      expect(retry).toBeInstanceOf(PaymentDeclinedError);
      expect(retry.message).toBe(error.message);
      expect((retry as PaymentDeclinedError).details).toEqual((error as PaymentDeclinedError).details);
      expect(ctx.payments.calls.authorize).toHaveLength(1);
      expect(ctx.catalog.calls.reserveStock).toHaveLength(1);
      expect(ctx.catalog.stockOf('COLA')).toBe(100);
      expect(await ctx.orderRows()).toHaveLength(1);
    });

    it('leaves the order PENDING with its stock reserved when payments is unreachable; a retry with the same key completes it once', async () => {
      ctx.payments.unavailableFor = 1;
      const request = checkout();
      await expect(ctx.orders.checkout(request)).rejects.toThrow('ECONNREFUSED');

      const [pending] = await ctx.orderRows();
      expect(pending).toMatchObject({ status: 'PENDING', paymentId: null, failureReason: null });
      expect(ctx.catalog.reservation(pending!.id)).toMatchObject({ status: 'RESERVED' });
      expect(ctx.catalog.calls.releaseStock).toHaveLength(0);
      expect(await ctx.outboxRows()).toHaveLength(0);

      const order = await ctx.orders.checkout({ ...request });
      expect(order).toMatchObject({ id: pending!.id, status: 'CONFIRMED' });
      expect(order.paymentId).toEqual(expect.any(String));
      expect(ctx.payments.calls.authorize.map((c) => c.idempotencyKey)).toEqual([`order:${pending!.id}`, `order:${pending!.id}`]);
      // The retry asked for the same reservation again and took nothing more.
      expect(ctx.catalog.calls.reserveStock).toHaveLength(2);
      expect(ctx.catalog.stockOf('COLA')).toBe(97);
      expect(await ctx.orderRows()).toHaveLength(1);
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(1);

      expect(await ctx.orders.checkout({ ...request })).toEqual(order);
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(1);
    });

    it('leaves the order PENDING when the catalog is unreachable at the reservation; a retry completes it', async () => {
      ctx.catalog.onNextReserve = () => {
        throw new Error('connect ECONNREFUSED catalog');
      };
      const request = checkout();
      await expect(ctx.orders.checkout(request)).rejects.toThrow('ECONNREFUSED');
      const [pending] = await ctx.orderRows();
      expect(pending).toMatchObject({ status: 'PENDING' });
      expect(ctx.payments.calls.authorize).toHaveLength(0);

      await expect(ctx.orders.checkout({ ...request })).resolves.toMatchObject({ id: pending!.id, status: 'CONFIRMED' });
      expect(ctx.catalog.stockOf('COLA')).toBe(97);
    });

    it('stores nothing when the catalog is unreachable while pricing', async () => {
      ctx.catalog.down = true;
      await expect(ctx.orders.checkout(checkout())).rejects.toThrow('ECONNREFUSED');
      expect(await ctx.orderRows()).toHaveLength(0);
      expect(ctx.payments.calls.authorize).toHaveLength(0);
    });

    it('rejects not enough stock: InsufficientStockError with the order id, order REJECTED, nothing taken, nothing charged', async () => {
      ctx.catalog.put({ sku: 'COLA', price: 250, stock: 2 });
      const request = checkout();
      const error = await thrownBy(ctx.orders.checkout(request));

      expect(error).toBeInstanceOf(InsufficientStockError);
      const [row] = await ctx.orderRows();
      expect((error as InsufficientStockError).details).toEqual({ sku: 'COLA', requested: 3, available: 2, orderId: row!.id });
      expect(row).toMatchObject({ status: 'REJECTED', paymentId: null });
      expect(row!.failureReason).toEqual(expect.stringContaining('COLA'));
      expect(await ctx.orders.get({ caller: ADA, orderId: row!.id })).toMatchObject({ status: 'REJECTED', customerId: ADA.id });

      expect(ctx.payments.calls.authorize).toHaveLength(0);
      expect(ctx.catalog.stockOf('COLA')).toBe(2);
      expect(ctx.catalog.stockOf('PIZZA-MARGHERITA')).toBe(100);
      expect(await ctx.outboxRows()).toHaveLength(0);

      // A retry with the same key answers the same way, without reserving or paying.
      const retry = await thrownBy(ctx.orders.checkout({ ...request }));
      expect(retry).toBeInstanceOf(InsufficientStockError);
      expect((retry as InsufficientStockError).details).toMatchObject({ orderId: row!.id });
      expect(ctx.catalog.calls.reserveStock).toHaveLength(1);
      expect(ctx.payments.calls.authorize).toHaveLength(0);

      // A REJECTED order cannot be cancelled.
      await expect(ctx.orders.cancel({ caller: ADA, orderId: row!.id })).rejects.toBeInstanceOf(OrderStateError);
    });

    it.each([
      [
        'a product removed between pricing and reserving (ProductNotFoundError)',
        ProductNotFoundError,
        (c: OrdersTestContext) => () => c.catalog.remove('COLA'),
      ],
      [
        'an order id that already reserved other lines (ReservationMismatchError)',
        ReservationMismatchError,
        // Another reservation under this order id (other lines) lands just before checkout's own.
        (c: OrdersTestContext) => (input: { orderId: string }) => void c.catalog.reserveStock({ orderId: input.orderId, lines: [{ sku: 'BANQUET', quantity: 1 }] }),
      ],
    ])('rejects %s: the same error class with the order id, order REJECTED, nothing charged', async (_case, ErrorClass, hook) => {
      ctx.catalog.onNextReserve = hook(ctx);
      const error = await thrownBy(ctx.orders.checkout(checkout()));

      expect(error).toBeInstanceOf(ErrorClass);
      const [row] = await ctx.orderRows();
      expect((error as InstanceType<typeof ErrorClass>).details).toMatchObject({ orderId: row!.id });
      expect(row).toMatchObject({ status: 'REJECTED' });
      expect(ctx.payments.calls.authorize).toHaveLength(0);
    });

    it('abandons the order when its reservation comes back RELEASED (released meanwhile): nothing charged', async () => {
      ctx.payments.down = true;
      const request = checkout();
      await expect(ctx.orders.checkout(request)).rejects.toThrow('ECONNREFUSED');
      const [pending] = await ctx.orderRows();
      // Someone (the recovery sweep of another instance, a compensation) released the stock meanwhile.
      await ctx.catalog.releaseStock({ orderId: pending!.id });
      ctx.payments.down = false;
      const authorizeCalls = ctx.payments.calls.authorize.length;

      await ctx.orders.checkout({ ...request }).catch(() => undefined); // see the known bug below for what it answers
      const [row] = await ctx.orderRows();
      expect(row).toMatchObject({ id: pending!.id, status: 'ABANDONED', paymentId: null });
      expect(row!.failureReason).toEqual(expect.any(String));
      expect(ctx.payments.calls.authorize).toHaveLength(authorizeCalls);
      expect(ctx.catalog.stockOf('COLA')).toBe(100);
      expect(await eventsOf('orders.order-confirmed')).toHaveLength(0);

      // Any later retry of the key is refused: the customer must place a new order.
      const retry = await thrownBy(ctx.orders.checkout({ ...request }));
      expect(retry).toBeInstanceOf(OrderStateError);
      expect((retry as OrderStateError).details).toEqual({ orderId: pending!.id, status: 'ABANDONED' });
    });

    it('answers the call that abandons the order like its retries: OrderStateError', async () => {
      ctx.payments.down = true;
      const request = checkout();
      await expect(ctx.orders.checkout(request)).rejects.toThrow('ECONNREFUSED');
      const [pending] = await ctx.orderRows();
      await ctx.catalog.releaseStock({ orderId: pending!.id });
      ctx.payments.down = false;

      await expect(ctx.orders.checkout({ ...request })).rejects.toBeInstanceOf(OrderStateError);
    });

    it('refuses products priced in different currencies (MixedCurrenciesError) before storing or reserving anything', async () => {
      const error = await thrownBy(
        ctx.orders.checkout(
          checkout({
            lines: [
              { sku: 'COLA', quantity: 1 },
              { sku: 'BURGER-USD', quantity: 1 },
            ],
          }),
        ),
      );
      expect(error).toBeInstanceOf(MixedCurrenciesError);
      expect((error as MixedCurrenciesError).details).toEqual({ currencies: ['EUR', 'USD'] });
      expect(await ctx.orderRows()).toHaveLength(0);
      expect(ctx.catalog.calls.reserveStock).toHaveLength(0);
      expect(ctx.payments.calls.authorize).toHaveLength(0);
    });

    it('refuses a sku the catalog does not know (ProductNotFoundError naming it) before storing anything', async () => {
      const error = await thrownBy(ctx.orders.checkout(checkout({ lines: [{ sku: 'COLA', quantity: 1 }, { sku: 'NOPE', quantity: 1 }] })));
      expect(error).toBeInstanceOf(ProductNotFoundError);
      expect((error as ProductNotFoundError).details).toEqual({ skus: ['NOPE'] });
      expect(await ctx.orderRows()).toHaveLength(0);
      expect(ctx.catalog.calls.reserveStock).toHaveLength(0);
    });

    it('accepts an order whose total is exactly the largest payment amount', async () => {
      const order = await ctx.orders.checkout(checkout({ lines: [{ sku: 'BANQUET', quantity: 100 }] }));
      expect(order).toMatchObject({ status: 'CONFIRMED', total: MAX_PAYMENT_AMOUNT });
    });

    it.each([
      ['a zero quantity', { lines: [{ sku: 'COLA', quantity: 0 }] }, 'lines.0.quantity'],
      ['a unit price sent by the client', { lines: [{ sku: 'COLA', quantity: 1, unitPrice: 1 }] }, 'lines.0.unitPrice'],
      ['a currency sent by the client', { currency: 'EUR' }, 'currency'],
      ['a customer e-mail sent by the client', { customerEmail: 'ada@example.com' }, 'customerEmail'],
      ['no lines', { lines: [] }, 'lines'],
      ['an unknown field', { coupon: 'FREE' }, 'coupon'],
      ['a lower-case sku', { lines: [{ sku: 'cola', quantity: 1 }] }, 'lines.0.sku'],
      ['an empty idempotency key', { idempotencyKey: '' }, 'idempotencyKey'],
      ['a caller id that is not a UUID', { caller: { ...ADA, id: 'ada' } }, 'caller.id'],
      ['an unknown role', { caller: { ...ADA, roles: ['root'] } }, 'caller.roles'],
      [
        'a total above the largest payment',
        {
          lines: [
            { sku: 'BANQUET', quantity: 100 },
            { sku: 'COLA', quantity: 1 },
          ],
        },
        'lines',
      ],
      ['a total above the largest payment through a repeated sku', { lines: [{ sku: 'BANQUET', quantity: 60 }, { sku: 'BANQUET', quantity: 41 }] }, 'lines'],
    ])('rejects %s with ValidationFailedError naming the field and writes nothing', async (_case, overrides, field) => {
      const error = await thrownBy(ctx.orders.checkout({ ...checkout(), ...overrides } as CheckoutInput));

      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual([field]);
      expect(error.message).toContain(field);
      expect(await ctx.orderRows()).toHaveLength(0);
      expect(await ctx.outboxRows()).toHaveLength(0);
      expect(ctx.catalog.calls.reserveStock).toHaveLength(0);
      expect(ctx.payments.calls.authorize).toHaveLength(0);
    });
  });

  describe('cancel', () => {
    it('cancels a confirmed order: refunds once, gives the stock back and writes orders.order-cancelled', async () => {
      const order = await ctx.orders.checkout(checkout());
      expect(ctx.catalog.stockOf('COLA')).toBe(97);
      const cancelled = await ctx.orders.cancel({ caller: ADA, orderId: order.id });

      expect(cancelled).toMatchObject({ id: order.id, status: 'CANCELLED', customerId: ADA.id, paymentId: order.paymentId, total: order.total });
      expect(cancelled.updatedAt.getTime()).toBeGreaterThanOrEqual(order.updatedAt.getTime());
      expect(ctx.payments.calls.refund).toEqual([{ paymentId: order.paymentId }]);
      expect(ctx.payments.payment(order.paymentId!)!.status).toBe('REFUNDED');
      expect(ctx.catalog.calls.releaseStock).toEqual([{ orderId: order.id }]);
      expect(ctx.catalog.reservation(order.id)).toMatchObject({ status: 'RELEASED' });
      expect(ctx.catalog.stockOf('COLA')).toBe(100);
      expect(ctx.catalog.stockOf('PIZZA-MARGHERITA')).toBe(100);

      const [event] = await eventsOf('orders.order-cancelled');
      const payload = JSON.parse(event!.payload) as Record<string, unknown>;
      expect(payload).toEqual({
        orderId: order.id,
        customerId: ADA.id,
        customerEmail: 'ada@example.com',
        total: order.total,
        currency: 'EUR',
        paymentId: order.paymentId,
        cancelledAt: cancelled.updatedAt.toISOString(),
      });
      expect(validateDto(OrderCancelled.payload, payload).cancelledAt).toEqual(cancelled.updatedAt);
      expect((await ctx.orders.get({ caller: ADA, orderId: order.id })).status).toBe('CANCELLED');
    });

    it('answers a second cancel with the cancelled order, without a second refund, release or event', async () => {
      const order = await ctx.orders.checkout(checkout());
      const first = await ctx.orders.cancel({ caller: ADA, orderId: order.id });
      const second = await ctx.orders.cancel({ caller: ADA, orderId: order.id });

      expect(second).toEqual(first);
      expect(ctx.payments.calls.refund).toHaveLength(1);
      expect(ctx.catalog.calls.releaseStock).toHaveLength(1);
      expect(ctx.catalog.stockOf('COLA')).toBe(100);
      expect(await eventsOf('orders.order-cancelled')).toHaveLength(1);
    });

    it('stays CONFIRMED when the catalog is unreachable while cancelling; a retry completes it with one refund', async () => {
      const order = await ctx.orders.checkout(checkout());
      ctx.catalog.down = true;
      await expect(ctx.orders.cancel({ caller: ADA, orderId: order.id })).rejects.toThrow('ECONNREFUSED');
      expect((await ctx.orders.get({ caller: ADA, orderId: order.id })).status).toBe('CONFIRMED');
      expect(await eventsOf('orders.order-cancelled')).toHaveLength(0);

      ctx.catalog.down = false;
      await expect(ctx.orders.cancel({ caller: ADA, orderId: order.id })).resolves.toMatchObject({ status: 'CANCELLED' });
      expect(ctx.payments.payment(order.paymentId!)!.status).toBe('REFUNDED');
      expect(ctx.catalog.stockOf('COLA')).toBe(100);
      expect(await eventsOf('orders.order-cancelled')).toHaveLength(1);
    });

    it('refuses to cancel an order whose payment failed (OrderStateError) and refunds nothing', async () => {
      ctx.payments.declineWith = 'card expired';
      await expect(ctx.orders.checkout(checkout())).rejects.toBeInstanceOf(PaymentDeclinedError);
      const [row] = await ctx.orderRows();

      const error = await thrownBy(ctx.orders.cancel({ caller: ADA, orderId: row!.id }));
      expect(error).toBeInstanceOf(OrderStateError);
      expect((error as OrderStateError).details).toEqual({ orderId: row!.id, status: 'PAYMENT_FAILED' });
      expect(ctx.payments.calls.refund).toHaveLength(0);
      expect((await ctx.orders.get({ caller: ADA, orderId: row!.id })).status).toBe('PAYMENT_FAILED');
      expect(await eventsOf('orders.order-cancelled')).toHaveLength(0);
    });

    it('answers an unknown order with OrderNotFoundError', async () => {
      await expect(ctx.orders.cancel({ caller: ADA, orderId: randomUUID() })).rejects.toBeInstanceOf(OrderNotFoundError);
    });
  });

  describe('who sees which order', () => {
    it("answers another customer's get and cancel with OrderNotFoundError, exactly as for an unknown id, and changes nothing", async () => {
      const order = await ctx.orders.checkout(checkout());

      const getError = await thrownBy(ctx.orders.get({ caller: GRACE, orderId: order.id }));
      expect(getError).toBeInstanceOf(OrderNotFoundError);
      expect((getError as OrderNotFoundError).details).toEqual({ orderId: order.id });
      expect(getError.message).toBe(`Order ${order.id} not found`);

      const cancelError = await thrownBy(ctx.orders.cancel({ caller: GRACE, orderId: order.id }));
      expect(cancelError).toBeInstanceOf(OrderNotFoundError);
      expect(ctx.payments.calls.refund).toHaveLength(0);
      expect(ctx.catalog.calls.releaseStock).toHaveLength(0);
      expect((await ctx.orders.get({ caller: ADA, orderId: order.id })).status).toBe('CONFIRMED');
    });

    it("refuses a caller with the customer's e-mail but another id: the id decides", async () => {
      const order = await ctx.orders.checkout(checkout());
      await expect(ctx.orders.get({ caller: { ...ADA, id: randomUUID() }, orderId: order.id })).rejects.toBeInstanceOf(OrderNotFoundError);
    });

    it('lets an admin read and cancel any order', async () => {
      const order = await ctx.orders.checkout(checkout());
      expect(await ctx.orders.get({ caller: ADMIN, orderId: order.id })).toEqual(order);

      const cancelled = await ctx.orders.cancel({ caller: ADMIN, orderId: order.id });
      expect(cancelled).toMatchObject({ status: 'CANCELLED', customerId: ADA.id });
      expect(ctx.payments.calls.refund).toHaveLength(1);
      expect(ctx.catalog.stockOf('COLA')).toBe(100);
    });

    it('lists a customer their own orders only, newest first, with the total count and paging; an admin sees all or filters by customer', async () => {
      const ada: string[] = [];
      const grace: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        ada.push((await ctx.orders.checkout(checkout())).id);
        grace.push((await ctx.orders.checkout(checkout({ caller: GRACE }))).id);
        await pause(5); // distinct created_at
      }
      const adaNewestFirst = [...ada].reverse();

      const mine = await ctx.orders.list({ caller: ADA });
      expect(mine.total).toBe(3);
      expect(mine.items.map((o) => o.id)).toEqual(adaNewestFirst);
      expect(mine.items.every((o) => o.customerId === ADA.id)).toBe(true);
      expect(mine.items[0]!.createdAt).toBeInstanceOf(Date);

      const page = await ctx.orders.list({ caller: ADA, limit: 1, offset: 1 });
      expect(page).toMatchObject({ total: 3 });
      expect(page.items.map((o) => o.id)).toEqual([adaNewestFirst[1]]);

      // A customer asking for someone else's orders still gets their own.
      const sneaky = await ctx.orders.list({ caller: ADA, customerId: GRACE.id });
      expect(sneaky.total).toBe(3);
      expect(sneaky.items.map((o) => o.id)).toEqual(adaNewestFirst);

      const everyone = await ctx.orders.list({ caller: ADMIN });
      expect(everyone.total).toBe(6);
      expect(everyone.items).toHaveLength(6);
      const created = everyone.items.map((o) => o.createdAt.getTime());
      expect(created).toEqual([...created].sort((a, b) => b - a));

      const graces = await ctx.orders.list({ caller: ADMIN, customerId: GRACE.id });
      expect(graces.total).toBe(3);
      expect(graces.items.map((o) => o.id)).toEqual([...grace].reverse());

      expect(await ctx.orders.list({ caller: ADMIN, customerId: randomUUID() })).toEqual({ items: [], total: 0 });
      expect(await ctx.orders.list({ caller: customer('new@example.com') })).toEqual({ items: [], total: 0 });
    });
  });

  describe('get and list input', () => {
    it('answers an unknown order id with OrderNotFoundError naming it', async () => {
      const orderId = randomUUID();
      const error = await thrownBy(ctx.orders.get({ caller: ADMIN, orderId }));
      expect(error).toBeInstanceOf(OrderNotFoundError);
      expect((error as OrderNotFoundError).details).toEqual({ orderId });
    });

    it('rejects an order id that is not a UUID', async () => {
      const error = await thrownBy(ctx.orders.get({ caller: ADA, orderId: 'nope' }));
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual(['orderId']);
    });

    it.each([
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ customerId: 'not-a-uuid' }, 'customerId'],
      [{ customerEmail: 'ada@example.com' }, 'customerEmail'],
    ])('rejects list input %j naming %s', async (input, field) => {
      const error = await thrownBy(ctx.orders.list({ caller: ADMIN, ...input }));
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual([field]);
    });

    it('rejects a get without a caller with ValidationFailedError naming caller', async () => {
      const order = await ctx.orders.checkout(checkout());
      const error = await thrownBy(ctx.orders.get({ orderId: order.id } as never));
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual(['caller']);
    });
  });
});
