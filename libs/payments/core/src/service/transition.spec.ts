import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { PaymentEntity } from '../persistence/payment.entity';
import { startPaymentsContext, type PaymentsTestContext } from '../testing/payments-test-context';
import { transition } from './transition';

describe('transition (compare-and-set on SQLite)', () => {
  let ctx: PaymentsTestContext;
  beforeEach(async () => (ctx = await startPaymentsContext()));
  afterEach(() => ctx.close());

  it('changes the status once; a stale caller sees the change made by someone else', async () => {
    const { id } = await ctx.payments.authorize({ idempotencyKey: 'k', orderId: randomUUID(), customerId: randomUUID(), amount: 5, currency: 'EUR' });
    const stale = await ctx.db.read((m) => m.findOneByOrFail(PaymentEntity, { id }));

    const first = await ctx.db.transaction((m) => transition(m, stale, 'AUTHORIZED', 'CAPTURED'));
    expect(first).toMatchObject({ changed: true, payment: { status: 'CAPTURED' } });
    const second = await ctx.db.transaction((m) => transition(m, stale, 'AUTHORIZED', 'CAPTURED'));
    expect(second).toMatchObject({ changed: false, payment: { status: 'CAPTURED' } });
    const wrong = await ctx.db.transaction((m) => transition(m, stale, 'AUTHORIZED', 'REFUNDED'));
    expect(wrong).toBeNull();
  });
});
