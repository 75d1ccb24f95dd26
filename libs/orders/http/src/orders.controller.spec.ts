import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Caller } from '@foodcourt/platform-kernel';
import { startHttpTestApp, TestIdentity, type HttpTestApp } from '@foodcourt/platform-testing';
import { InsufficientStockError, ProductNotFoundError } from '@foodcourt/catalog-contract';
import { MixedCurrenciesError, ORDERS_API, OrderNotFoundError, OrderStateError, type OrdersApi, type OrderView } from '@foodcourt/orders-contract';
import { PaymentDeclinedError } from '@foodcourt/payments-contract';
import { OrdersHttpModule } from './orders-http.module';

const ADA: Caller = { id: randomUUID(), email: 'ada@example.com', roles: ['customer'] };
const ADMIN: Caller = { id: randomUUID(), email: 'root@example.com', roles: ['admin'] };

type Body = Record<string, unknown> & { details?: { violations?: Array<{ field: string; messages: string[] }> } };

describe('OrdersController over Fastify', () => {
  let identity: TestIdentity;
  let t: HttpTestApp;
  let adaToken: string;
  const orders = {
    checkout: jest.fn(),
    get: jest.fn(),
    list: jest.fn(),
    cancel: jest.fn(),
  } satisfies Record<keyof OrdersApi, jest.Mock>;

  const view: OrderView = {
    id: randomUUID(),
    status: 'CONFIRMED',
    customerId: ADA.id,
    customerEmail: 'ada@example.com',
    currency: 'EUR',
    total: 1_700,
    lines: [{ sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 850, lineTotal: 1_700 }],
    paymentId: randomUUID(),
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    updatedAt: new Date('2026-01-02T03:04:06.000Z'),
  };
  const viewJson = { ...view, createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:06.000Z' };

  // What to buy; who buys comes from the token, prices from the catalog.
  const body = { lines: [{ sku: 'PIZZA-MARGHERITA', quantity: 2 }] };

  beforeAll(async () => {
    // Stands in for identity: signs the tokens, and its key set is what AuthModule verifies against.
    identity = await TestIdentity.create();
    adaToken = await identity.token(ADA);
  });

  beforeEach(async () => {
    // The application binds ORDERS_API globally (local core or remote proxy); a global fake stands in for it.
    t = await startHttpTestApp({ imports: [OrdersHttpModule], providers: [{ provide: ORDERS_API, useValue: orders }], identity });
  });

  afterEach(() => t.close());

  /** Sends Ada's token unless `token` says otherwise (null: no Authorization header). */
  const request = (method: string, url: string, { json, headers, token = adaToken }: { json?: unknown; headers?: Record<string, string>; token?: string | null } = {}) =>
    t.request<Body>(method, url, { body: json, headers, token: token ?? undefined });

  const fieldsOf = (b: Body) => (b.details?.violations ?? []).map((v) => v.field);

  describe('authentication', () => {
    it.each([
      ['POST', '/orders'],
      ['GET', '/orders'],
      ['GET', `/orders/${randomUUID()}`],
      ['POST', `/orders/${randomUUID()}/cancel`],
    ])('%s %s answers 401 UNAUTHORIZED without a token, without calling the port', async (method, url) => {
      const response = await request(method, url, { token: null, ...(method === 'POST' && url === '/orders' ? { json: body } : {}) });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
      for (const method of Object.values(orders)) expect(method).not.toHaveBeenCalled();
    });

    it.each([
      ['signed by another key', async () => (await TestIdentity.create()).token(ADA, { kid: identity.kid })],
      ['expired', () => identity.token(ADA, { expiresIn: '-1m' })],
      ['from another issuer', () => identity.token(ADA, { issuer: 'someone-else' })],
      ['that is not a JWT', () => Promise.resolve('not-a-jwt')],
    ])('answers 401 UNAUTHORIZED for a token %s, without calling the port', async (_case, makeToken) => {
      const response = await request('POST', '/orders', { json: body, token: await makeToken() });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(orders.checkout).not.toHaveBeenCalled();
    });

    it('answers 401 for an Authorization header that is not a bearer token', async () => {
      const response = await request('GET', '/orders', { token: null, headers: { authorization: `Basic ${Buffer.from('ada:pw').toString('base64')}` } });
      expect(response.status).toBe(401);
      expect(orders.list).not.toHaveBeenCalled();
    });
  });

  describe('POST /orders', () => {
    it('answers 201 with the order, passing the caller from the token and the Idempotency-Key header to the port', async () => {
      orders.checkout.mockResolvedValue(view);
      const response = await request('POST', '/orders', { json: body, headers: { 'Idempotency-Key': 'checkout-42' } });

      expect(response.status).toBe(201);
      expect(response.body).toEqual(viewJson);
      expect(orders.checkout).toHaveBeenCalledTimes(1);
      expect(orders.checkout).toHaveBeenCalledWith({ ...body, caller: { id: ADA.id, email: ADA.email, roles: ['customer'] }, idempotencyKey: 'checkout-42' });
    });

    it('passes an admin caller with all its roles', async () => {
      const both: Caller = { ...ADMIN, roles: ['customer', 'admin'] };
      orders.checkout.mockResolvedValue(view);
      const response = await request('POST', '/orders', { json: body, token: await identity.token(both) });
      expect(response.status).toBe(201);
      expect(orders.checkout).toHaveBeenCalledWith(expect.objectContaining({ caller: { id: both.id, email: both.email, roles: ['customer', 'admin'] } }));
    });

    it('generates a fresh idempotency key per request when the header is absent', async () => {
      orders.checkout.mockResolvedValue(view);
      expect((await request('POST', '/orders', { json: body })).status).toBe(201);
      expect((await request('POST', '/orders', { json: body })).status).toBe(201);

      const keys = orders.checkout.mock.calls.map(([input]) => (input as { idempotencyKey: string }).idempotencyKey);
      expect(keys).toHaveLength(2);
      expect(keys[0]).toEqual(expect.stringMatching(/^\S+$/));
      expect(keys[1]).toEqual(expect.stringMatching(/^\S+$/));
      expect(keys[0]).not.toBe(keys[1]);
    });

    it.each([
      ['over 200 characters', 'k'.repeat(201)],
      ['with a space inside', 'my key'],
    ])('answers 400 VALIDATION_FAILED naming Idempotency-Key for a key %s, without calling the port', async (_case, key) => {
      const response = await request('POST', '/orders', { json: body, headers: { 'Idempotency-Key': key } });

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual(['Idempotency-Key']);
      expect(String(response.body['message'])).toContain('Idempotency-Key');
      expect(orders.checkout).not.toHaveBeenCalled();
    });

    it('accepts a key of exactly 200 characters', async () => {
      orders.checkout.mockResolvedValue(view);
      const key = 'k'.repeat(200);
      expect((await request('POST', '/orders', { json: body, headers: { 'Idempotency-Key': key } })).status).toBe(201);
      expect(orders.checkout).toHaveBeenCalledWith(expect.objectContaining({ idempotencyKey: key }));
    });

    it.each([
      ['an unknown field', { ...body, coupon: 'FREE' }, 'coupon'],
      ['an idempotencyKey in the body (it only comes from the header)', { ...body, idempotencyKey: 'sneaky' }, 'idempotencyKey'],
      ['a customerEmail (the caller comes from the token)', { ...body, customerEmail: 'grace@example.com' }, 'customerEmail'],
      ['a caller in the body (it only comes from the token)', { ...body, caller: { ...ADMIN } }, 'caller'],
      ['a unit price (prices come from the catalog)', { lines: [{ sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 1 }] }, 'lines.0.unitPrice'],
      ['a currency (the catalog prices in its own)', { ...body, currency: 'EUR' }, 'currency'],
      ['a zero quantity', { lines: [{ sku: 'COLA', quantity: 0 }] }, 'lines.0.quantity'],
      ['no lines', { lines: [] }, 'lines'],
      ['a missing lines field', {}, 'lines'],
    ])('answers 400 VALIDATION_FAILED for %s, naming it, without calling the port', async (_case, payload, field) => {
      const response = await request('POST', '/orders', { json: payload, headers: { 'Idempotency-Key': 'k-1' } });

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(String(response.body['message'])).toContain(field);
      expect(orders.checkout).not.toHaveBeenCalled();
    });

    it('answers 400 for a body that is not JSON, without calling the port', async () => {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${adaToken}` };
      const response = await fetch(`${t.url}/orders`, { method: 'POST', headers, body: '{"lines":' });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400 });
      expect(orders.checkout).not.toHaveBeenCalled();
    });

    it('answers 402 PAYMENT_DECLINED with the order id when the payment is declined', async () => {
      const orderId = randomUUID();
      orders.checkout.mockRejectedValue(new PaymentDeclinedError('Payment declined: insufficient funds', { orderId, reason: 'insufficient funds' }));
      const response = await request('POST', '/orders', { json: body });

      expect(response.status).toBe(402);
      expect(response.body).toEqual({
        statusCode: 402,
        code: 'PAYMENT_DECLINED',
        message: 'Payment declined: insufficient funds',
        details: { orderId, reason: 'insufficient funds' },
      });
    });

    it.each([
      ['not enough stock', InsufficientStockError, { sku: 'COLA', requested: 3, available: 1, orderId: randomUUID() }, 409, 'INSUFFICIENT_STOCK'],
      ['an unknown sku', ProductNotFoundError, { skus: ['NOPE'] }, 404, 'PRODUCT_NOT_FOUND'],
      ['mixed currencies', MixedCurrenciesError, { currencies: ['EUR', 'USD'] }, 409, 'MIXED_CURRENCIES'],
    ])('answers %s with status %i and its code, keeping the details', async (_case, ErrorClass, details, status, code) => {
      orders.checkout.mockRejectedValue(new ErrorClass('refused', details));
      const response = await request('POST', '/orders', { json: body });

      expect(response.status).toBe(status);
      expect(response.body).toEqual({ statusCode: status, code, message: 'refused', details });
    });

    it('answers 500 "Internal server error" without a stack for an unexpected error', async () => {
      orders.checkout.mockRejectedValue(new Error('SQLITE_BUSY: database is locked at /var/data/orders.sqlite'));
      const response = await request('POST', '/orders', { json: body });

      expect(response.status).toBe(500);
      expect(response.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
      expect(JSON.stringify(response.body)).not.toMatch(/SQLITE|stack|\.ts:/);
    });
  });

  describe('GET /orders/:id', () => {
    it('answers 200 with the order, asking the port as the caller the token names', async () => {
      orders.get.mockResolvedValue(view);
      const response = await request('GET', `/orders/${view.id}`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual(viewJson);
      expect(orders.get).toHaveBeenCalledWith({ orderId: view.id, caller: ADA });
    });

    it('answers 400 for an id that is not a UUID, without calling the port', async () => {
      const response = await request('GET', '/orders/not-a-uuid');

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400 });
      expect(orders.get).not.toHaveBeenCalled();
    });

    it('answers 404 ORDER_NOT_FOUND when the port does not know the order', async () => {
      const orderId = randomUUID();
      orders.get.mockRejectedValue(new OrderNotFoundError(`Order ${orderId} not found`, { orderId }));
      const response = await request('GET', `/orders/${orderId}`);

      expect(response.status).toBe(404);
      expect(response.body).toEqual({ statusCode: 404, code: 'ORDER_NOT_FOUND', message: `Order ${orderId} not found`, details: { orderId } });
    });
  });

  describe('GET /orders', () => {
    it('lists for the caller the token names, with the query converted to numbers', async () => {
      orders.list.mockResolvedValue({ items: [view], total: 7 });
      const response = await request('GET', '/orders?limit=5&offset=5');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [viewJson], total: 7 });
      expect(orders.list).toHaveBeenCalledWith({ limit: 5, offset: 5, caller: ADA });
    });

    it("passes an admin's customerId filter and the admin caller to the port (the port decides what it may see)", async () => {
      const customerId = randomUUID();
      orders.list.mockResolvedValue({ items: [], total: 0 });
      const response = await request('GET', `/orders?customerId=${customerId}`, { token: await identity.token(ADMIN) });

      expect(response.status).toBe(200);
      expect(orders.list).toHaveBeenCalledWith({ customerId, caller: ADMIN });
    });

    it.each([
      ['/orders?limit=0', 'limit'],
      ['/orders?limit=abc', 'limit'],
      ['/orders?customerId=nope', 'customerId'],
      ['/orders?customerEmail=ada%40example.com', 'customerEmail'],
      ['/orders?caller=admin', 'caller'],
      ['/orders?page=2', 'page'],
    ])(
      'answers 400 VALIDATION_FAILED for %s naming %s',
      async (url, field) => {
        const response = await request('GET', url);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(fieldsOf(response.body)).toEqual([field]);
        expect(orders.list).not.toHaveBeenCalled();
      },
    );
  });

  describe('POST /orders/:id/cancel', () => {
    it('answers 200 with the cancelled order, cancelling as the caller the token names', async () => {
      const cancelled = { ...view, status: 'CANCELLED' as const };
      orders.cancel.mockResolvedValue(cancelled);
      const response = await request('POST', `/orders/${view.id}/cancel`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...viewJson, status: 'CANCELLED' });
      expect(orders.cancel).toHaveBeenCalledWith({ orderId: view.id, caller: ADA });
    });

    it("answers 404 ORDER_NOT_FOUND when the port refuses another customer's order", async () => {
      orders.cancel.mockRejectedValue(new OrderNotFoundError(`Order ${view.id} not found`, { orderId: view.id }));
      const response = await request('POST', `/orders/${view.id}/cancel`, { token: await identity.token({ ...ADA, id: randomUUID() }) });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'ORDER_NOT_FOUND', details: { orderId: view.id } });
    });

    it('answers 409 ORDER_INVALID_STATE when the order cannot be cancelled', async () => {
      orders.cancel.mockRejectedValue(new OrderStateError('Order is PAYMENT_FAILED and cannot be cancelled', { orderId: view.id, status: 'PAYMENT_FAILED' }));
      const response = await request('POST', `/orders/${view.id}/cancel`);

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'ORDER_INVALID_STATE', details: { status: 'PAYMENT_FAILED' } });
    });

    it('answers 400 for an id that is not a UUID, without calling the port', async () => {
      const response = await request('POST', '/orders/42/cancel');
      expect(response.status).toBe(400);
      expect(orders.cancel).not.toHaveBeenCalled();
    });
  });
});
