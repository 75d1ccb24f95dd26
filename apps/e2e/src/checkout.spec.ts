import { randomUUID } from 'node:crypto';
import { waitFor, type UnitProcess } from '@foodcourt/platform-testing';
import { checkoutBody, http } from './support/http';
import { mailsAbout, monolith, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';

describe('checkout against the running monolith', () => {
  const dataDir = suiteDir('checkout');
  let unit: UnitProcess;
  let url: string;

  beforeAll(async () => {
    // Declines any authorization above 1,000.00 so a test can ask for a declined payment.
    unit = await monolith(dataDir, { PAYMENTS_SIM_DECLINE_OVER: '100000' }).start();
    url = unit.url;
  });
  afterAll(async () => {
    await unit?.stop();
    dropPostgresDatabase('checkout');
  });

  const paymentsOf = async (orderId: string) => (await http(url, 'GET', `/payments?orderId=${orderId}`)).body.items;

  it('confirms a paid order, charges it once and e-mails the customer', async () => {
    const body = checkoutBody();
    const reply = await http(url, 'POST', '/orders', { body, headers: { 'Idempotency-Key': randomUUID() } });

    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ status: 'CONFIRMED', customerEmail: body.customerEmail, currency: 'EUR', total: 2250 });
    expect(reply.body.lines).toEqual([
      { sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 950, lineTotal: 1900 },
      { sku: 'LEMONADE', quantity: 1, unitPrice: 350, lineTotal: 350 },
    ]);
    expect(new Date(reply.body.createdAt).toISOString()).toBe(reply.body.createdAt);

    const fetched = await http(url, 'GET', `/orders/${reply.body.id}`);
    expect(fetched.body).toEqual(reply.body);

    const payments = await paymentsOf(reply.body.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: 'CAPTURED', amount: 2250, currency: 'EUR', id: reply.body.paymentId });

    const mails = await waitFor(() => mailsAbout(dataDir, reply.body.id), (m) => m.length === 1, { what: 'confirmation e-mail' });
    expect(mails[0]!.text).toContain(`To: ${body.customerEmail}`);
    expect(mails[0]!.text).toContain('EUR 22.50');

    const deliveries = await http(url, 'GET', `/notifications/deliveries?recipient=${encodeURIComponent(body.customerEmail)}`);
    expect(deliveries.body.items).toHaveLength(1);
    expect(deliveries.body.items[0]).toMatchObject({ template: 'order-confirmed', recipient: body.customerEmail });
  });

  it('answers 402 for a declined payment and leaves the order PAYMENT_FAILED', async () => {
    const body = checkoutBody({ lines: [{ sku: 'CATERING-PLATTER', quantity: 1, unitPrice: 150_000 }] });
    const reply = await http(url, 'POST', '/orders', { body, headers: { 'Idempotency-Key': randomUUID() } });

    expect(reply.status).toBe(402);
    expect(reply.body).toMatchObject({ statusCode: 402, code: 'PAYMENT_DECLINED' });
    expect(reply.body.message).toMatch(/declined/i);
    const orderId = reply.body.details.orderId;

    const order = await http(url, 'GET', `/orders/${orderId}`);
    expect(order.body).toMatchObject({ status: 'PAYMENT_FAILED' });
    expect(order.body.failureReason).toBeTruthy();
    const payments = await paymentsOf(orderId);
    expect(payments.map((p: { status: string }) => p.status)).toEqual(['DECLINED']);
    await waitFor(() => mailsAbout(dataDir, orderId), (m) => m.length === 1, { what: 'payment-failed e-mail' });
  });

  it('returns the same order and charges once when a checkout is retried with the same Idempotency-Key', async () => {
    const body = checkoutBody();
    const key = randomUUID();
    const replies = await Promise.all([1, 2, 3].map(() => http(url, 'POST', '/orders', { body, headers: { 'Idempotency-Key': key } })));
    const again = await http(url, 'POST', '/orders', { body, headers: { 'Idempotency-Key': key } });

    for (const reply of [...replies, again]) {
      expect(reply.status).toBe(201);
      expect(reply.body.id).toBe(replies[0]!.body.id);
      expect(reply.body.status).toBe('CONFIRMED');
    }
    expect(await paymentsOf(replies[0]!.body.id)).toHaveLength(1);
    const list = await http(url, 'GET', `/orders?customerEmail=${encodeURIComponent(body.customerEmail)}`);
    expect(list.body.total).toBe(1);
  });

  it('refuses an Idempotency-Key reused for a different checkout', async () => {
    const key = randomUUID();
    const first = await http(url, 'POST', '/orders', { body: checkoutBody(), headers: { 'Idempotency-Key': key } });
    const second = await http(url, 'POST', '/orders', { body: checkoutBody(), headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('CHECKOUT_KEY_REUSED');
  });

  it('cancels a confirmed order, refunds its payment and tells the customer', async () => {
    const placed = await http(url, 'POST', '/orders', { body: checkoutBody(), headers: { 'Idempotency-Key': randomUUID() } });
    const cancelled = await http(url, 'POST', `/orders/${placed.body.id}/cancel`);

    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    const payments = await paymentsOf(placed.body.id);
    expect(payments).toHaveLength(1);
    expect(payments[0].status).toBe('REFUNDED');
    const mails = await waitFor(() => mailsAbout(dataDir, placed.body.id), (m) => m.length === 2, { what: 'confirmation and cancellation e-mails' });
    expect(mails.map((m) => m.text).join('\n')).toMatch(/cancel/i);

    const again = await http(url, 'POST', `/orders/${placed.body.id}/cancel`);
    expect(again.body.status).toBe('CANCELLED');
    expect((await paymentsOf(placed.body.id))[0].status).toBe('REFUNDED');
  });

  it('refuses to cancel an order whose payment failed', async () => {
    const failed = await http(url, 'POST', '/orders', { body: checkoutBody({ lines: [{ sku: 'FEAST', quantity: 1, unitPrice: 999_999 }] }) });
    const reply = await http(url, 'POST', `/orders/${failed.body.details.orderId}/cancel`);
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('ORDER_INVALID_STATE');
  });

  it('writes exactly one e-mail per confirmed order even when its event is delivered twice', async () => {
    const placed = await http(url, 'POST', '/orders', { body: checkoutBody(), headers: { 'Idempotency-Key': randomUUID() } });
    const [delivery] = (
      await waitFor(
        () => http(url, 'GET', `/notifications/deliveries?recipient=${encodeURIComponent(placed.body.customerEmail)}`),
        (r) => r.body.items.length === 1,
        { what: 'delivery logged' },
      )
    ).body.items;

    const republished = await http(url, 'POST', `/admin/outbox/${delivery.eventId}/republish`);
    expect(republished.status).toBe(202);
    // Events are relayed and handled in order: once a later order's e-mail is out, the re-sent event has been through.
    const later = await http(url, 'POST', '/orders', { body: checkoutBody(), headers: { 'Idempotency-Key': randomUUID() } });
    await waitFor(() => mailsAbout(dataDir, later.body.id), (m) => m.length === 1, { what: 'later e-mail' });

    expect(mailsAbout(dataDir, placed.body.id)).toHaveLength(1);
    const deliveries = await http(url, 'GET', `/notifications/deliveries?recipient=${encodeURIComponent(placed.body.customerEmail)}`);
    expect(deliveries.body.items).toHaveLength(1);
  });

  it('answers 404 with a typed error for an unknown order', async () => {
    const reply = await http(url, 'GET', `/orders/${randomUUID()}`);
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('ORDER_NOT_FOUND');
  });

  it('serves its OpenAPI document and health', async () => {
    const docs = await http(url, 'GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/orders', '/orders/{id}', '/orders/{id}/cancel', '/payments', '/notifications/deliveries']));
    expect((await http(url, 'GET', '/docs')).status).toBe(200);
    expect((await http(url, 'GET', '/health/live')).status).toBe(200);
    const ready = await http(url, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.details)).toEqual(expect.arrayContaining(['database:orders', 'database:payments', 'database:notifications']));
  });
});
