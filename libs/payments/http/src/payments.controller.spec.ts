import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import { AuthModule, JwksSource, TOKEN_AUDIENCE, TOKEN_ISSUER, type Role } from '@foodcourt/platform-auth';
import { configureHttp } from '@foodcourt/platform-runtime';
import { PAYMENTS_API, PaymentNotFoundError, type PaymentsApi, type PaymentView } from '@foodcourt/payments-contract';
import { PaymentsHttpModule } from './payments-http.module';

@Module({})
class FakePaymentsPortModule {}

@Module({})
class FakeJwksModule {}

const KID = 'payments-http-spec-key';
const ADA = { id: randomUUID(), email: 'ada@example.com', roles: ['customer'] as Role[] };

describe('PaymentsController over Fastify', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let privateKey: CryptoKey;
  let keySet: JSONWebKeySet;
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

  /** An access token as identity would issue it, signed with the spec's key (or another one). */
  function token(caller: { id: string; email: string; roles: Role[] }, options: { key?: CryptoKey; expiresIn?: string } = {}): Promise<string> {
    return new SignJWT({ email: caller.email, roles: caller.roles })
      .setProtectedHeader({ alg: 'EdDSA', kid: KID })
      .setSubject(caller.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? privateKey);
  }

  beforeAll(async () => {
    // An Ed25519 key pair standing in for identity's signing key; AuthModule verifies against its public half.
    const pair = await generateKeyPair('EdDSA', { extractable: true });
    privateKey = pair.privateKey;
    keySet = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'EdDSA' }] };
    adaToken = await token(ADA);
  });

  beforeEach(async () => {
    // The application binds PAYMENTS_API globally (local core or remote proxy); a global fake stands in for it.
    const port = { module: FakePaymentsPortModule, global: true, providers: [{ provide: PAYMENTS_API, useValue: payments }], exports: [PAYMENTS_API] };
    // ...and a JwksSource (identity's own keys, or its JWKS endpoint): here the spec's key set.
    const jwks = { keySet: async () => keySet } satisfies JwksSource;
    const keys = { module: FakeJwksModule, global: true, providers: [{ provide: JwksSource, useValue: jwks }], exports: [JwksSource] };
    const moduleRef = await Test.createTestingModule({ imports: [port, keys, AuthModule.forRoot(), PaymentsHttpModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  // Real HTTP: Fastify's app.inject() needs the ESM-only `cookie` package, which the Jest preset does not transform.
  // Sends Ada's token unless told otherwise (null: no Authorization header).
  const request = async (url: string, method = 'GET', bearer: string | null = adaToken) => {
    const response = await fetch(`${baseUrl}${url}`, { method, headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` } });
    return { statusCode: response.status, body: (await response.json()) as { items?: unknown[] } & Record<string, unknown> };
  };

  afterEach(() => app.close());

  it('GET /payments/:id answers 200 with the payment, asking the port as the caller the token names', async () => {
    payments.get.mockResolvedValue(view);
    const response = await request(`/payments/${view.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({ ...view, createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:06.000Z' });
    expect(payments.get).toHaveBeenCalledWith({ paymentId: view.id, caller: ADA });
  });

  it('passes an admin caller through with its roles', async () => {
    const admin = { id: randomUUID(), email: 'root@example.com', roles: ['admin', 'customer'] as Role[] };
    payments.get.mockResolvedValue(view);
    payments.listForOrder.mockResolvedValue({ items: [view] });
    const adminToken = await token(admin);
    expect((await request(`/payments/${view.id}`, 'GET', adminToken)).statusCode).toBe(200);
    expect((await request(`/payments?orderId=${view.orderId}`, 'GET', adminToken)).statusCode).toBe(200);
    expect(payments.get).toHaveBeenCalledWith({ paymentId: view.id, caller: admin });
    expect(payments.listForOrder).toHaveBeenCalledWith({ orderId: view.orderId, caller: admin });
  });

  it.each([
    ['no token', () => Promise.resolve(null)],
    ['a token signed by another key', async () => token(ADA, { key: (await generateKeyPair('EdDSA')).privateKey })],
    ['an expired token', () => token(ADA, { expiresIn: '-1m' })],
    ['a token that is not a JWT', () => Promise.resolve('not-a-jwt')],
  ])('answers 401 UNAUTHORIZED for %s, without calling the port', async (_case, makeToken) => {
    const bearer = await makeToken();
    for (const url of [`/payments/${view.id}`, `/payments?orderId=${view.orderId}`]) {
      const response = await request(url, 'GET', bearer);
      expect(response.statusCode).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    }
    expect(payments.get).not.toHaveBeenCalled();
    expect(payments.listForOrder).not.toHaveBeenCalled();
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

  it('GET /payments?orderId= lists the payments of the order for the caller the token names', async () => {
    payments.listForOrder.mockResolvedValue({ items: [view] });
    const response = await request(`/payments?orderId=${view.orderId}`);
    expect(response.statusCode).toBe(200);
    expect(response.body.items).toHaveLength(1);
    expect(payments.listForOrder).toHaveBeenCalledWith({ orderId: view.orderId, caller: ADA });
  });

  it("GET /payments?orderId= answers 200 with an empty list when the port filters out someone else's payments", async () => {
    payments.listForOrder.mockResolvedValue({ items: [] });
    const response = await request(`/payments?orderId=${view.orderId}`);
    expect(response.statusCode).toBe(200);
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
