import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ValidationFailedError } from '@foodcourt/platform-kernel';
import {
  IdempotencyKeyReusedError,
  MAX_PAYMENT_AMOUNT,
  PaymentDeclinedError,
  PaymentNotFoundError,
  PaymentStateError,
  type AuthorizePaymentInput,
} from '@foodcourt/payments-contract';
import { anAuthorization } from '@foodcourt/payments-contract/testing';
import { thrownBy } from '@foodcourt/platform-testing';
import { PaymentEntity } from './persistence/payment.entity';
import { startPaymentsContext, type PaymentsTestContext } from './testing/payments-test-context';

describe('payments port (local binding, real SQLite)', () => {
  let ctx: PaymentsTestContext;

  beforeEach(async () => {
    ctx = await startPaymentsContext();
  });

  afterEach(async () => {
    await ctx.close();
  });

  it('authorizes then captures, with Date fields and a payments.payment-captured event', async () => {
    const request = anAuthorization();
    const authorized = await ctx.payments.authorize(request);
    expect(authorized).toMatchObject({
      status: 'AUTHORIZED',
      customerId: request.customerId,
      amount: 1_250,
      currency: 'EUR',
      receiptEmail: 'ada@example.com',
    });
    expect(authorized.createdAt).toBeInstanceOf(Date);
    expect(authorized.declineReason).toBeUndefined();

    const captured = await ctx.payments.capture({ paymentId: authorized.id });
    expect(captured).toMatchObject({ id: authorized.id, status: 'CAPTURED' });
    expect(captured.updatedAt).toBeInstanceOf(Date);
    expect(captured.updatedAt.getTime()).toBeGreaterThanOrEqual(authorized.updatedAt.getTime());

    const again = await ctx.payments.capture({ paymentId: authorized.id });
    expect(again).toEqual(captured);
    const outbox = await ctx.outboxRows();
    expect(outbox.map((e) => e.type)).toEqual(['payments.payment-captured']);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ paymentId: authorized.id, orderId: authorized.orderId, amount: 1_250 });

    const fetched = await ctx.payments.get({ paymentId: authorized.id });
    expect(fetched).toEqual(captured);
    expect(fetched.createdAt).toBeInstanceOf(Date);
  });

  it('answers a repeated key with the same payment and authorizes with the provider once', async () => {
    const authorize = jest.spyOn(ctx.provider, 'authorize');
    const request = anAuthorization();
    const first = await ctx.payments.authorize(request);
    const second = await ctx.payments.authorize({ ...request });
    expect(second.id).toBe(first.id);
    expect(await ctx.paymentRows()).toHaveLength(1);
    expect(authorize).toHaveBeenCalledTimes(1);
  });

  it('rejects a key reused with a different amount', async () => {
    const request = anAuthorization();
    await ctx.payments.authorize(request);
    const error = await thrownBy(ctx.payments.authorize({ ...request, amount: request.amount + 1 }));
    expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
    expect((error as IdempotencyKeyReusedError).details).toEqual({ fields: ['amount'] });
    expect(await ctx.paymentRows()).toHaveLength(1);
  });

  it('rejects a key reused by another customer, naming customerId, and keeps the first payment', async () => {
    const request = anAuthorization();
    const first = await ctx.payments.authorize(request);
    const error = await thrownBy(ctx.payments.authorize({ ...request, customerId: randomUUID() }));
    expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
    expect((error as IdempotencyKeyReusedError).details).toEqual({ fields: ['customerId'] });
    expect(error.message).toContain('customerId');
    const rows = await ctx.paymentRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, customerId: request.customerId });
  });

  it('declines over the threshold: DECLINED row, payments.payment-failed in the outbox, same error on retry', async () => {
    const authorize = jest.spyOn(ctx.provider, 'authorize');
    const request = anAuthorization({ amount: 500_001 });
    const error = await thrownBy(ctx.payments.authorize(request));
    expect(error).toBeInstanceOf(PaymentDeclinedError);
    expect(error.message).toMatch(/^Payment declined: /);
    const [row] = await ctx.paymentRows();
    expect(row).toMatchObject({ status: 'DECLINED', orderId: request.orderId, amount: 500_001, providerReference: null });
    expect(row!.declineReason).toEqual(expect.any(String));
    expect((error as PaymentDeclinedError).details).toEqual({ paymentId: row!.id, orderId: request.orderId, reason: row!.declineReason });

    const outbox = await ctx.outboxRows();
    expect(outbox.map((e) => e.type)).toEqual(['payments.payment-failed']);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ paymentId: row!.id, reason: row!.declineReason, receiptEmail: 'ada@example.com' });

    const retry = await thrownBy(ctx.payments.authorize({ ...request }));
    expect(retry).toBeInstanceOf(PaymentDeclinedError);
    expect((retry as PaymentDeclinedError).details).toEqual((error as PaymentDeclinedError).details);
    expect(authorize).toHaveBeenCalledTimes(1);
    expect(await ctx.outboxRows()).toHaveLength(1);
    await expect(ctx.payments.capture({ paymentId: row!.id })).rejects.toBeInstanceOf(PaymentStateError);
  });

  it('approves exactly at the threshold', async () => {
    await expect(ctx.payments.authorize(anAuthorization({ amount: 500_000 }))).resolves.toMatchObject({ status: 'AUTHORIZED' });
  });

  it('refunds a captured payment once and refuses to refund an uncaptured one', async () => {
    const paid = await ctx.payments.authorize(anAuthorization());
    await ctx.payments.capture({ paymentId: paid.id });
    const refunded = await ctx.payments.refund({ paymentId: paid.id });
    expect(refunded).toMatchObject({ id: paid.id, status: 'REFUNDED' });
    expect(await ctx.payments.refund({ paymentId: paid.id })).toEqual(refunded);
    await expect(ctx.payments.capture({ paymentId: paid.id })).rejects.toBeInstanceOf(PaymentStateError);

    const authorizedOnly = await ctx.payments.authorize(anAuthorization());
    const error = await thrownBy(ctx.payments.refund({ paymentId: authorizedOnly.id }));
    expect(error).toBeInstanceOf(PaymentStateError);
    expect((error as PaymentStateError).details).toEqual({ paymentId: authorizedOnly.id, status: 'AUTHORIZED' });
    expect((await ctx.payments.get({ paymentId: authorizedOnly.id })).status).toBe('AUTHORIZED');
  });

  it('answers an unknown payment id with PaymentNotFoundError', async () => {
    const paymentId = randomUUID();
    await expect(ctx.payments.get({ paymentId })).rejects.toBeInstanceOf(PaymentNotFoundError);
    await expect(ctx.payments.capture({ paymentId })).rejects.toBeInstanceOf(PaymentNotFoundError);
    await expect(ctx.payments.refund({ paymentId })).rejects.toBeInstanceOf(PaymentNotFoundError);
  });

  it('lists the payments of one order, oldest first', async () => {
    const orderId = randomUUID();
    const first = await ctx.payments.authorize(anAuthorization({ orderId }));
    await new Promise((resolve) => setTimeout(resolve, 5)); // distinct created_at, so the order is not left to ids
    const second = await ctx.payments.authorize(anAuthorization({ orderId }));
    await ctx.payments.authorize(anAuthorization());
    const list = await ctx.payments.listForOrder({ orderId });
    expect(list.items.map((p) => p.id)).toEqual([first.id, second.id]);
    expect(list.items[0]!.createdAt).toBeInstanceOf(Date);
    expect(await ctx.payments.listForOrder({ orderId: randomUUID() })).toEqual({ items: [] });
  });

  describe('who may read a payment', () => {
    const customer = (id: string) => ({ id, email: 'ada@example.com', roles: ['customer' as const] });
    const admin = { id: randomUUID(), email: 'root@example.com', roles: ['admin' as const] };

    it('get: its customer, an admin and a trusted port call (no caller) see it; another customer gets PaymentNotFoundError', async () => {
      const request = anAuthorization();
      const paid = await ctx.payments.authorize(request);

      expect(await ctx.payments.get({ paymentId: paid.id, caller: customer(request.customerId) })).toEqual(paid);
      expect(await ctx.payments.get({ paymentId: paid.id, caller: admin })).toEqual(paid);
      expect(await ctx.payments.get({ paymentId: paid.id })).toEqual(paid);

      const error = await thrownBy(ctx.payments.get({ paymentId: paid.id, caller: customer(randomUUID()) }));
      expect(error).toBeInstanceOf(PaymentNotFoundError);
      // Exactly what an unknown id answers: the payment's existence does not leak.
      const unknownId = randomUUID();
      const unknown = await thrownBy(ctx.payments.get({ paymentId: unknownId, caller: customer(randomUUID()) }));
      expect((error as PaymentNotFoundError).details).toEqual({ paymentId: paid.id });
      expect(error.message).toBe(unknown.message.replace(unknownId, paid.id));
    });

    it('get: a caller with no role who is not the customer is refused too', async () => {
      const paid = await ctx.payments.authorize(anAuthorization());
      await expect(ctx.payments.get({ paymentId: paid.id, caller: { id: randomUUID(), email: 'x@example.com', roles: [] } })).rejects.toBeInstanceOf(
        PaymentNotFoundError,
      );
    });

    it('listForOrder: another customer gets an empty list; its customer, an admin and a trusted call get the payments', async () => {
      const orderId = randomUUID();
      const customerId = randomUUID();
      const first = await ctx.payments.authorize(anAuthorization({ orderId, customerId }));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await ctx.payments.authorize(anAuthorization({ orderId, customerId }));
      const ids = [first.id, second.id];

      expect(await ctx.payments.listForOrder({ orderId, caller: customer(randomUUID()) })).toEqual({ items: [] });
      expect((await ctx.payments.listForOrder({ orderId, caller: customer(customerId) })).items.map((p) => p.id)).toEqual(ids);
      expect((await ctx.payments.listForOrder({ orderId, caller: admin })).items.map((p) => p.id)).toEqual(ids);
      expect((await ctx.payments.listForOrder({ orderId })).items.map((p) => p.id)).toEqual(ids);
    });

    it('listForOrder filters per payment: a caller sees only their own payments of an order', async () => {
      const orderId = randomUUID();
      const ada = randomUUID();
      const mine = await ctx.payments.authorize(anAuthorization({ orderId, customerId: ada }));
      await ctx.payments.authorize(anAuthorization({ orderId, customerId: randomUUID() }));
      expect((await ctx.payments.listForOrder({ orderId, caller: customer(ada) })).items.map((p) => p.id)).toEqual([mine.id]);
      expect((await ctx.payments.listForOrder({ orderId })).items).toHaveLength(2);
    });

    it('rejects a malformed caller naming its field, before reading anything', async () => {
      const paid = await ctx.payments.authorize(anAuthorization());
      const error = await thrownBy(ctx.payments.get({ paymentId: paid.id, caller: { id: 'ada', email: 'ada@example.com', roles: ['customer'] } }));
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual(['caller.id']);
    });
  });

  it.each([
    ['a missing customer id', { customerId: undefined }, 'customerId'],
    ['a negative amount', { amount: -5 }, 'amount'],
    ['an amount over MAX_PAYMENT_AMOUNT', { amount: MAX_PAYMENT_AMOUNT + 1 }, 'amount'],
    ['an unknown field', { surcharge: 3 }, 'surcharge'],
    ['a lower-case currency', { currency: 'eur' }, 'currency'],
  ])('rejects %s naming the field and writes nothing', async (_case, overrides, field) => {
    const authorize = jest.spyOn(ctx.provider, 'authorize');
    const error = await thrownBy(ctx.payments.authorize({ ...anAuthorization(), ...overrides } as AuthorizePaymentInput));
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual([field]);
    expect(error.message).toContain(field);
    expect(authorize).not.toHaveBeenCalled();
    expect(await ctx.paymentRows()).toHaveLength(0);
    expect(await ctx.outboxRows()).toHaveLength(0);
  });

  it('rejects a payment id that is not a UUID', async () => {
    const error = await thrownBy(ctx.payments.capture({ paymentId: 'nope' }));
    expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual(['paymentId']);
  });

  it('creates one payment for five concurrent calls with the same key', async () => {
    const authorize = jest.spyOn(ctx.provider, 'authorize');
    const request = anAuthorization();
    const results = await Promise.all(Array.from({ length: 5 }, () => ctx.payments.authorize({ ...request })));
    expect(new Set(results.map((p) => p.id)).size).toBe(1);
    expect(await ctx.paymentRows()).toHaveLength(1);
    expect(authorize).toHaveBeenCalledTimes(1);
  });

  it('answers with the stored payment when another process stored the key first (unique violation)', async () => {
    const request = anAuthorization();
    const otherId = randomUUID();
    const realAuthorize = ctx.provider.authorize.bind(ctx.provider);
    jest.spyOn(console, 'log').mockImplementation(() => undefined); // TypeORM logs the expected failed INSERT
    jest.spyOn(ctx.provider, 'authorize').mockImplementation(async (...args) => {
      const now = new Date();
      await ctx.db.transaction((m) =>
        m.insert(PaymentEntity, {
          ...request,
          id: otherId,
          status: 'AUTHORIZED',
          receiptEmail: null,
          declineReason: null,
          providerReference: 'other',
          createdAt: now,
          updatedAt: now,
        }),
      );
      return realAuthorize(...args);
    });
    const payment = await ctx.payments.authorize(request);
    expect(payment.id).toBe(otherId);
    expect(await ctx.paymentRows()).toHaveLength(1);
  });

  it('captures once when two captures race', async () => {
    const paid = await ctx.payments.authorize(anAuthorization());
    const capture = jest.spyOn(ctx.provider, 'capture');
    const [a, b] = await Promise.all([ctx.payments.capture({ paymentId: paid.id }), ctx.payments.capture({ paymentId: paid.id })]);
    expect(a).toEqual(b);
    expect(capture).toHaveBeenCalledTimes(1);
    expect((await ctx.outboxRows()).filter((e) => e.type === 'payments.payment-captured')).toHaveLength(1);
  });
});
