import { randomUUID } from 'node:crypto';
import { waitFor, type UnitProcess } from '@foodcourt/platform-testing';
import { http } from './support/http';
import { confirmationsOf, mailsAbout, monolith, receiptsOf, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';
import { adminSession, checkout, newCustomer, newProduct, stockOf, type Session } from './support/shop';

describe('checkout against the running monolith', () => {
  const dataDir = suiteDir('checkout');
  let unit: UnitProcess;
  let url: string;
  let admin: Session;
  let pizza: { sku: string };
  let lemonade: { sku: string };
  let banquet: { sku: string };

  beforeAll(async () => {
    // Declines any authorization above 1,000.00 so a test can ask for a declined payment.
    unit = await monolith(dataDir, { PAYMENTS_SIM_DECLINE_OVER: '100000' }).start();
    url = unit.url;
    admin = await adminSession(url);
    pizza = await newProduct(admin, { name: 'Pizza Margherita', price: 950, stock: 1_000 });
    lemonade = await newProduct(admin, { name: 'Lemonade', price: 350, stock: 1_000 });
    banquet = await newProduct(admin, { name: 'Banquet', price: 150_000, stock: 10 });
  });
  afterAll(async () => {
    await unit?.stop();
    dropPostgresDatabase('checkout');
  });

  const paymentsOf = async (who: Session, orderId: string) => (await who.call('GET', `/payments?orderId=${orderId}`)).body.items;

  it('confirms a paid order at catalog prices, charges it once and e-mails the customer', async () => {
    const ada = await newCustomer(url, 'Ada');
    const reply = await checkout(ada, [
      { sku: pizza.sku, quantity: 2 },
      { sku: lemonade.sku, quantity: 1 },
    ]);

    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ status: 'CONFIRMED', customerId: ada.userId, customerEmail: ada.email, currency: 'EUR', total: 2250 });
    expect(reply.body.lines).toEqual([
      { sku: pizza.sku, quantity: 2, unitPrice: 950, lineTotal: 1900 },
      { sku: lemonade.sku, quantity: 1, unitPrice: 350, lineTotal: 350 },
    ]);
    expect(new Date(reply.body.createdAt).toISOString()).toBe(reply.body.createdAt);
    expect((await ada.call('GET', `/orders/${reply.body.id}`)).body).toEqual(reply.body);

    const payments = await paymentsOf(ada, reply.body.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: 'CAPTURED', amount: 2250, currency: 'EUR', id: reply.body.paymentId, customerId: ada.userId });

    const mails = await waitFor(() => confirmationsOf(dataDir, reply.body.id), (m) => m.length === 1, { what: 'confirmation e-mail' });
    expect(mails[0]!.text).toContain(`To: ${ada.email}`);
    expect(mails[0]!.text).toContain('EUR 22.50');
    const receipts = await waitFor(() => receiptsOf(dataDir, reply.body.id), (m) => m.length === 1, { what: 'payment receipt e-mail' });
    expect(receipts[0]!.text).toContain(`To: ${ada.email}`);
    expect(receipts[0]!.text).toContain('EUR 22.50');
  });

  it('answers 402 for a declined payment, leaves the order PAYMENT_FAILED and gives the stock back', async () => {
    const bob = await newCustomer(url, 'Bob');
    const before = await stockOf(url, banquet.sku);
    const reply = await checkout(bob, [{ sku: banquet.sku, quantity: 1 }]);

    expect(reply.status).toBe(402);
    expect(reply.body).toMatchObject({ statusCode: 402, code: 'PAYMENT_DECLINED' });
    expect(reply.body.message).toMatch(/declined/i);
    const orderId = reply.body.details.orderId;
    const order = await bob.call('GET', `/orders/${orderId}`);
    expect(order.body).toMatchObject({ status: 'PAYMENT_FAILED' });
    expect(order.body.failureReason).toBeTruthy();
    expect((await paymentsOf(bob, orderId)).map((p: { status: string }) => p.status)).toEqual(['DECLINED']);
    expect(await stockOf(url, banquet.sku)).toBe(before);
    await waitFor(() => mailsAbout(dataDir, orderId), (m) => m.length === 1, { what: 'payment-failed e-mail' });
  });

  it('returns the same order and charges once when a checkout is retried with the same Idempotency-Key', async () => {
    const cleo = await newCustomer(url, 'Cleo');
    const key = randomUUID();
    const before = await stockOf(url, pizza.sku);
    const replies = await Promise.all([1, 2, 3].map(() => checkout(cleo, [{ sku: pizza.sku, quantity: 3 }], key)));
    const again = await checkout(cleo, [{ sku: pizza.sku, quantity: 3 }], key);

    for (const reply of [...replies, again]) {
      expect(reply.status).toBe(201);
      expect(reply.body.id).toBe(replies[0]!.body.id);
      expect(reply.body.status).toBe('CONFIRMED');
    }
    expect(await paymentsOf(cleo, replies[0]!.body.id)).toHaveLength(1);
    expect((await cleo.call('GET', '/orders')).body.total).toBe(1);
    expect(await stockOf(url, pizza.sku)).toBe(before - 3);
  });

  it('refuses an Idempotency-Key reused for a different checkout', async () => {
    const dan = await newCustomer(url, 'Dan');
    const key = randomUUID();
    const first = await checkout(dan, [{ sku: pizza.sku, quantity: 1 }], key);
    const second = await checkout(dan, [{ sku: pizza.sku, quantity: 2 }], key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('CHECKOUT_KEY_REUSED');
  });

  it('cancels a confirmed order, refunds its payment, restocks and tells the customer', async () => {
    const eve = await newCustomer(url, 'Eve');
    const before = await stockOf(url, lemonade.sku);
    const placed = await checkout(eve, [{ sku: lemonade.sku, quantity: 4 }]);
    expect(await stockOf(url, lemonade.sku)).toBe(before - 4);
    const cancelled = await eve.call('POST', `/orders/${placed.body.id}/cancel`);

    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    expect((await paymentsOf(eve, placed.body.id))[0].status).toBe('REFUNDED');
    expect(await stockOf(url, lemonade.sku)).toBe(before);
    const mails = await waitFor(() => mailsAbout(dataDir, placed.body.id), (m) => m.length === 3, { what: 'confirmation, receipt and cancellation e-mails' });
    expect(mails.map((m) => m.text).join('\n')).toMatch(/cancel/i);

    const again = await eve.call('POST', `/orders/${placed.body.id}/cancel`);
    expect(again.body.status).toBe('CANCELLED');
    expect(await stockOf(url, lemonade.sku)).toBe(before);
  });

  it('refuses to cancel an order whose payment failed', async () => {
    const fay = await newCustomer(url, 'Fay');
    const failed = await checkout(fay, [{ sku: banquet.sku, quantity: 1 }]);
    const reply = await fay.call('POST', `/orders/${failed.body.details.orderId}/cancel`);
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('ORDER_INVALID_STATE');
  });

  it('writes exactly one e-mail per confirmed order even when its event is delivered twice', async () => {
    const gus = await newCustomer(url, 'Gus');
    const placed = await checkout(gus, [{ sku: pizza.sku, quantity: 1 }]);
    const deliveries = await waitFor(
      () => gus.call('GET', '/notifications/deliveries').then((r) => r.body.items as { template: string; eventId: string }[]),
      (items) => items.some((d) => d.template === 'order-confirmed'),
      { what: 'confirmation delivery logged' },
    );
    const confirmation = deliveries.find((d) => d.template === 'order-confirmed')!;

    const republished = await admin.call('POST', `/admin/outbox/${confirmation.eventId}/republish`);
    expect(republished.status).toBe(202);
    // Events are relayed and handled in order: once a later order's e-mail is out, the re-sent event has been through.
    const later = await checkout(gus, [{ sku: pizza.sku, quantity: 1 }]);
    await waitFor(() => confirmationsOf(dataDir, later.body.id), (m) => m.length === 1, { what: 'later e-mail' });

    expect(confirmationsOf(dataDir, placed.body.id)).toHaveLength(1);
    const after = (await gus.call('GET', '/notifications/deliveries')).body.items as { template: string }[];
    expect(after.filter((d) => d.template === 'order-confirmed')).toHaveLength(2);
  });

  it('answers 404 with a typed error for an unknown order', async () => {
    const hal = await newCustomer(url, 'Hal');
    const reply = await hal.call('GET', `/orders/${randomUUID()}`);
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('ORDER_NOT_FOUND');
  });

  it('serves its OpenAPI document, with bearer auth described, and health without a token', async () => {
    const docs = await http(url, 'GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/auth/register', '/auth/login', '/products', '/search/products', '/orders', '/orders/{id}', '/orders/{id}/cancel', '/payments', '/notifications/deliveries']),
    );
    expect(docs.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect((await http(url, 'GET', '/docs')).status).toBe(200);
    expect((await http(url, 'GET', '/health/live')).status).toBe(200);
    const ready = await http(url, 'GET', '/health/ready?scope=topology');
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.details)).toEqual(expect.arrayContaining(['database:identity', 'database:catalog', 'database:search', 'database:orders', 'database:payments', 'database:notifications']));
  });
});
