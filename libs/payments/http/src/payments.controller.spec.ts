import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Caller } from '@foodcourt/platform-kernel';
import { startHttpTestApp, TestIdentity, type HttpTestApp } from '@foodcourt/platform-testing';
import { PAYMENTS_API, PaymentNotFoundError, type PaymentsApi, type PaymentView } from '@foodcourt/payments-contract';
import { PaymentsHttpModule } from './payments-http.module';

const ADA: Caller = { id: randomUUID(), email: 'ada@example.com', roles: ['customer'] };

describe('PaymentsController over Fastify', () => {
  let identity: TestIdentity;
  let t: HttpTestApp;
  let adaToken: string;
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
    customerId: ADA.id,
    status: 'CAPTURED',
    amount: 1_250,
    currency: 'EUR',
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    updatedAt: new Date('2026-01-02T03:04:06.000Z'),
  };

  beforeAll(async () => {
    // Stands in for identity: signs the tokens, and its key set is what AuthModule verifies against.
    identity = await TestIdentity.create();
    adaToken = await identity.token(ADA);
  });

  beforeEach(async () => {
    // The application binds PAYMENTS_API globally (local core or remote proxy); a global fake stands in for it.
    t = await startHttpTestApp({ imports: [PaymentsHttpModule], providers: [{ provide: PAYMENTS_API, useValue: payments }], identity });
  });

  afterEach(() => t.close());

  // Sends Ada's token unless told otherwise (null: no Authorization header).
  const request = (url: string, method = 'GET', bearer: string | null = adaToken) =>
    t.request<{ items?: unknown[] } & Record<string, unknown>>(method, url, { token: bearer ?? undefined });

  it('GET /payments/:id answers 200 with the payment, asking the port as the caller the token names', async () => {
    payments.get.mockResolvedValue(view);
    const response = await request(`/payments/${view.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...view, createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:06.000Z' });
    expect(payments.get).toHaveBeenCalledWith({ paymentId: view.id, caller: ADA });
  });

  it('passes an admin caller through with its roles', async () => {
    const admin: Caller = { id: randomUUID(), email: 'root@example.com', roles: ['admin', 'customer'] };
    payments.get.mockResolvedValue(view);
    payments.listForOrder.mockResolvedValue({ items: [view] });
    const adminToken = await identity.token(admin);
    expect((await request(`/payments/${view.id}`, 'GET', adminToken)).status).toBe(200);
    expect((await request(`/payments?orderId=${view.orderId}`, 'GET', adminToken)).status).toBe(200);
    expect(payments.get).toHaveBeenCalledWith({ paymentId: view.id, caller: admin });
    expect(payments.listForOrder).toHaveBeenCalledWith({ orderId: view.orderId, caller: admin });
  });

  it.each([
    ['no token', () => Promise.resolve(null)],
    ['a token signed by another key', async () => (await TestIdentity.create()).token(ADA, { kid: identity.kid })],
    ['an expired token', () => identity.token(ADA, { expiresIn: '-1m' })],
    ['a token that is not a JWT', () => Promise.resolve('not-a-jwt')],
  ])('answers 401 UNAUTHORIZED for %s, without calling the port', async (_case, makeToken) => {
    const bearer = await makeToken();
    for (const url of [`/payments/${view.id}`, `/payments?orderId=${view.orderId}`]) {
      const response = await request(url, 'GET', bearer);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    }
    expect(payments.get).not.toHaveBeenCalled();
    expect(payments.listForOrder).not.toHaveBeenCalled();
  });

  it('GET /payments/:id answers 404 with the domain error body', async () => {
    payments.get.mockRejectedValue(new PaymentNotFoundError('Payment x does not exist', { paymentId: view.id }));
    const response = await request(`/payments/${view.id}`);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'PAYMENT_NOT_FOUND' });
  });

  it('GET /payments/:id answers 400 VALIDATION_FAILED for a malformed id, without calling the port', async () => {
    const response = await request('/payments/not-a-uuid');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'id' }] } });
    expect(payments.get).not.toHaveBeenCalled();
  });

  it('GET /payments?orderId= lists the payments of the order for the caller the token names', async () => {
    payments.listForOrder.mockResolvedValue({ items: [view] });
    const response = await request(`/payments?orderId=${view.orderId}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
    expect(payments.listForOrder).toHaveBeenCalledWith({ orderId: view.orderId, caller: ADA });
  });

  it("GET /payments?orderId= answers 200 with an empty list when the port filters out someone else's payments", async () => {
    payments.listForOrder.mockResolvedValue({ items: [] });
    const response = await request(`/payments?orderId=${view.orderId}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [] });
  });

  it.each([
    ['/payments'],
    ['/payments?orderId=nope'],
    [`/payments?orderId=${randomUUID()}&extra=1`],
    // The caller comes from the token only: a query naming one is refused.
    [`/payments?orderId=${randomUUID()}&caller=${randomUUID()}`],
  ])(
    'GET %s answers 400 VALIDATION_FAILED without calling the port',
    async (url) => {
      const response = await request(url);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(payments.listForOrder).not.toHaveBeenCalled();
    },
  );

  it('offers no write endpoint', async () => {
    const response = await request('/payments', 'POST');
    expect(response.status).toBe(404);
  });
});
