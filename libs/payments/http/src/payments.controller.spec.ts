import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { configureHttp } from '@foodcourt/platform-runtime';
import { PAYMENTS_API, PaymentNotFoundError, type PaymentsApi, type PaymentView } from '@foodcourt/payments-contract';
import { PaymentsHttpModule } from './payments-http.module';

@Module({})
class FakePaymentsPortModule {}

describe('PaymentsController over Fastify', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  const payments = {
    authorize: jest.fn(),
    capture: jest.fn(),
    refund: jest.fn(),
    get: jest.fn(),
    listForOrder: jest.fn(),
  } satisfies Record<keyof PaymentsApi, jest.Mock>;

  const view: PaymentView = {
    id: randomUUID(),
    orderId: randomUUID(),
    status: 'CAPTURED',
    amount: 1_250,
    currency: 'EUR',
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    updatedAt: new Date('2026-01-02T03:04:06.000Z'),
  };

  beforeEach(async () => {
    // The application binds PAYMENTS_API globally (local core or remote proxy); a global fake stands in for it.
    const port = { module: FakePaymentsPortModule, global: true, providers: [{ provide: PAYMENTS_API, useValue: payments }], exports: [PAYMENTS_API] };
    const moduleRef = await Test.createTestingModule({ imports: [port, PaymentsHttpModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  // Real HTTP: Fastify's app.inject() needs the ESM-only `cookie` package, which the Jest preset does not transform.
  const request = async (url: string, method = 'GET') => {
    const response = await fetch(`${baseUrl}${url}`, { method });
    return { statusCode: response.status, body: (await response.json()) as { items?: unknown[] } & Record<string, unknown> };
  };

  afterEach(() => app.close());

  it('GET /payments/:id answers 200 with the payment', async () => {
    payments.get.mockResolvedValue(view);
    const response = await request(`/payments/${view.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ ...view, createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:06.000Z' });
    expect(payments.get).toHaveBeenCalledWith({ paymentId: view.id });
  });

  it('GET /payments/:id answers 404 with the domain error body', async () => {
    payments.get.mockRejectedValue(new PaymentNotFoundError('Payment x does not exist', { paymentId: view.id }));
    const response = await request(`/payments/${view.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'PAYMENT_NOT_FOUND' });
  });

  it('GET /payments/:id answers 400 VALIDATION_FAILED for a malformed id, without calling the port', async () => {
    const response = await request('/payments/not-a-uuid');
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'id' }] } });
    expect(payments.get).not.toHaveBeenCalled();
  });

  it('GET /payments?orderId= lists the payments of the order', async () => {
    payments.listForOrder.mockResolvedValue({ items: [view] });
    const response = await request(`/payments?orderId=${view.orderId}`);
    expect(response.statusCode).toBe(200);
    expect(response.body.items).toHaveLength(1);
    expect(payments.listForOrder).toHaveBeenCalledWith(expect.objectContaining({ orderId: view.orderId }));
  });

  it.each([['/payments'], ['/payments?orderId=nope'], [`/payments?orderId=${randomUUID()}&extra=1`]])(
    'GET %s answers 400 VALIDATION_FAILED without calling the port',
    async (url) => {
      const response = await request(url);
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(payments.listForOrder).not.toHaveBeenCalled();
    },
  );

  it('offers no write endpoint', async () => {
    const response = await request('/payments', 'POST');
    expect(response.statusCode).toBe(404);
  });
});
