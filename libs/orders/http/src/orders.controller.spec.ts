import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { configureHttp } from '@foodcourt/platform-runtime';
import { ORDERS_API, OrderNotFoundError, OrderStateError, type OrdersApi, type OrderView } from '@foodcourt/orders-contract';
import { PaymentDeclinedError } from '@foodcourt/payments-contract';
import { OrdersHttpModule } from './orders-http.module';

class FakeOrdersPortModule {}

type Body = Record<string, unknown> & { details?: { violations?: Array<{ field: string; messages: string[] }> } };

describe('OrdersController over Fastify', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  const orders = {
    checkout: jest.fn(),
    get: jest.fn(),
    list: jest.fn(),
    cancel: jest.fn(),
  } satisfies Record<keyof OrdersApi, jest.Mock>;

  const view: OrderView = {
    id: randomUUID(),
    status: 'CONFIRMED',
    customerEmail: 'ada@example.com',
    currency: 'EUR',
    total: 1_700,
    lines: [{ sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 850, lineTotal: 1_700 }],
    paymentId: randomUUID(),
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    updatedAt: new Date('2026-01-02T03:04:06.000Z'),
  };
  const viewJson = { ...view, createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:06.000Z' };

  const body = {
    customerEmail: 'ada@example.com',
    currency: 'EUR',
    lines: [{ sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 850 }],
  };

  beforeEach(async () => {
    // The application binds ORDERS_API globally (local core or remote proxy); a global fake stands in for it.
    const port = { module: FakeOrdersPortModule, global: true, providers: [{ provide: ORDERS_API, useValue: orders }], exports: [ORDERS_API] };
    const moduleRef = await Test.createTestingModule({ imports: [port, OrdersHttpModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterEach(() => app.close());

  const request = async (method: string, url: string, options: { json?: unknown; raw?: string; headers?: Record<string, string> } = {}) => {
    const hasBody = options.json !== undefined || options.raw !== undefined;
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(hasBody ? { body: options.raw ?? JSON.stringify(options.json) } : {}),
    });
    return { statusCode: response.status, body: (await response.json()) as Body };
  };

  const fieldsOf = (b: Body) => (b.details?.violations ?? []).map((v) => v.field);

  describe('POST /orders', () => {
    it('answers 201 with the order and passes the Idempotency-Key header to the port', async () => {
      orders.checkout.mockResolvedValue(view);
      const response = await request('POST', '/orders', { json: body, headers: { 'Idempotency-Key': 'checkout-42' } });

      expect(response.statusCode).toBe(201);
      expect(response.body).toEqual(viewJson);
      expect(orders.checkout).toHaveBeenCalledTimes(1);
      expect(orders.checkout).toHaveBeenCalledWith({ ...body, idempotencyKey: 'checkout-42' });
    });

    it('generates a fresh idempotency key per request when the header is absent', async () => {
      orders.checkout.mockResolvedValue(view);
      expect((await request('POST', '/orders', { json: body })).statusCode).toBe(201);
      expect((await request('POST', '/orders', { json: body })).statusCode).toBe(201);

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

      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual(['Idempotency-Key']);
      expect(String(response.body['message'])).toContain('Idempotency-Key');
      expect(orders.checkout).not.toHaveBeenCalled();
    });

    it('accepts a key of exactly 200 characters', async () => {
      orders.checkout.mockResolvedValue(view);
      const key = 'k'.repeat(200);
      expect((await request('POST', '/orders', { json: body, headers: { 'Idempotency-Key': key } })).statusCode).toBe(201);
      expect(orders.checkout).toHaveBeenCalledWith(expect.objectContaining({ idempotencyKey: key }));
    });

    it.each([
      ['an unknown field', { ...body, coupon: 'FREE' }, 'coupon'],
      ['an idempotencyKey in the body (it only comes from the header)', { ...body, idempotencyKey: 'sneaky' }, 'idempotencyKey'],
      ['a zero quantity', { ...body, lines: [{ sku: 'COLA', quantity: 0, unitPrice: 250 }] }, 'lines.0.quantity'],
      ['no lines', { ...body, lines: [] }, 'lines'],
      ['a missing currency', { customerEmail: body.customerEmail, lines: body.lines }, 'currency'],
    ])('answers 400 VALIDATION_FAILED for %s, naming it, without calling the port', async (_case, payload, field) => {
      const response = await request('POST', '/orders', { json: payload, headers: { 'Idempotency-Key': 'k-1' } });

      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response.body)).toEqual([field]);
      expect(orders.checkout).not.toHaveBeenCalled();
    });

    it('answers 400 for a body that is not JSON, without calling the port', async () => {
      const response = await request('POST', '/orders', { raw: '{"customerEmail":' });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400 });
      expect(orders.checkout).not.toHaveBeenCalled();
    });

    it('answers 402 PAYMENT_DECLINED with the order id when the payment is declined', async () => {
      const orderId = randomUUID();
      orders.checkout.mockRejectedValue(new PaymentDeclinedError('Payment declined: insufficient funds', { orderId, reason: 'insufficient funds' }));
      const response = await request('POST', '/orders', { json: body });

      expect(response.statusCode).toBe(402);
      expect(response.body).toEqual({
        statusCode: 402,
        code: 'PAYMENT_DECLINED',
        message: 'Payment declined: insufficient funds',
        details: { orderId, reason: 'insufficient funds' },
      });
    });

    it('answers 500 "Internal server error" without a stack for an unexpected error', async () => {
      orders.checkout.mockRejectedValue(new Error('SQLITE_BUSY: database is locked at /var/data/orders.sqlite'));
      const response = await request('POST', '/orders', { json: body });

      expect(response.statusCode).toBe(500);
      expect(response.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' });
      expect(JSON.stringify(response.body)).not.toMatch(/SQLITE|stack|\.ts:/);
    });
  });

  describe('GET /orders/:id', () => {
    it('answers 200 with the order', async () => {
      orders.get.mockResolvedValue(view);
      const response = await request('GET', `/orders/${view.id}`);

      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual(viewJson);
      expect(orders.get).toHaveBeenCalledWith({ orderId: view.id });
    });

    it('answers 400 for an id that is not a UUID, without calling the port', async () => {
      const response = await request('GET', '/orders/not-a-uuid');

      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400 });
      expect(orders.get).not.toHaveBeenCalled();
    });

    it('answers 404 ORDER_NOT_FOUND when the port does not know the order', async () => {
      const orderId = randomUUID();
      orders.get.mockRejectedValue(new OrderNotFoundError(`Order ${orderId} not found`, { orderId }));
      const response = await request('GET', `/orders/${orderId}`);

      expect(response.statusCode).toBe(404);
      expect(response.body).toEqual({ statusCode: 404, code: 'ORDER_NOT_FOUND', message: `Order ${orderId} not found`, details: { orderId } });
    });
  });

  describe('GET /orders', () => {
    it('lists with the query converted to numbers', async () => {
      orders.list.mockResolvedValue({ items: [view], total: 7 });
      const response = await request('GET', '/orders?customerEmail=ada%40example.com&limit=5&offset=5');

      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual({ items: [viewJson], total: 7 });
      expect(orders.list).toHaveBeenCalledWith(expect.objectContaining({ customerEmail: 'ada@example.com', limit: 5, offset: 5 }));
    });

    it.each([['/orders?limit=0', 'limit'], ['/orders?limit=abc', 'limit'], ['/orders?customerEmail=nope', 'customerEmail'], ['/orders?page=2', 'page']])(
      'answers 400 VALIDATION_FAILED for %s naming %s',
      async (url, field) => {
        const response = await request('GET', url);
        expect(response.statusCode).toBe(400);
        expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(fieldsOf(response.body)).toEqual([field]);
        expect(orders.list).not.toHaveBeenCalled();
      },
    );
  });

  describe('POST /orders/:id/cancel', () => {
    it('answers 200 with the cancelled order', async () => {
      const cancelled = { ...view, status: 'CANCELLED' as const };
      orders.cancel.mockResolvedValue(cancelled);
      const response = await request('POST', `/orders/${view.id}/cancel`);

      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual({ ...viewJson, status: 'CANCELLED' });
      expect(orders.cancel).toHaveBeenCalledWith({ orderId: view.id });
    });

    it('answers 409 ORDER_INVALID_STATE when the order cannot be cancelled', async () => {
      orders.cancel.mockRejectedValue(new OrderStateError('Order is PAYMENT_FAILED and cannot be cancelled', { orderId: view.id, status: 'PAYMENT_FAILED' }));
      const response = await request('POST', `/orders/${view.id}/cancel`);

      expect(response.statusCode).toBe(409);
      expect(response.body).toMatchObject({ code: 'ORDER_INVALID_STATE', details: { status: 'PAYMENT_FAILED' } });
    });

    it('answers 400 for an id that is not a UUID, without calling the port', async () => {
      const response = await request('POST', '/orders/42/cancel');
      expect(response.statusCode).toBe(400);
      expect(orders.cancel).not.toHaveBeenCalled();
    });
  });
});
