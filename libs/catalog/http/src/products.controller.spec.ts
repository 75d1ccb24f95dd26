import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import { AuthModule, JwksSource, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, type Role } from '@foodcourt/platform-auth';
import { configureHttp } from '@foodcourt/platform-runtime';
import { CATALOG_API, ProductExistsError, ProductNotFoundError, type CatalogApi, type ProductView } from '@foodcourt/catalog-contract';
import { CatalogHttpModule } from './catalog-http.module';

@Module({})
class FakeCatalogPortModule {}

@Module({})
class FakeJwksModule {}

const KID = 'spec-key-1';

describe('ProductsController over Fastify', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let privateKey: CryptoKey;
  let keySet: JSONWebKeySet;

  const catalog = {
    create: jest.fn(),
    update: jest.fn(),
    get: jest.fn(),
    getMany: jest.fn(),
    list: jest.fn(),
    reserveStock: jest.fn(),
    releaseStock: jest.fn(),
  } satisfies Record<keyof CatalogApi, jest.Mock>;

  const view: ProductView = {
    sku: 'PIZZA-MARGHERITA',
    name: 'Pizza Margherita',
    description: 'Tomato, mozzarella, basil',
    price: 950,
    currency: 'EUR',
    stock: 10,
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    updatedAt: new Date('2026-01-02T03:04:06.000Z'),
  };
  const viewJson = { ...view, createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:06.000Z' };
  const { createdAt: _createdAt, updatedAt: _updatedAt, ...createBody } = view;

  beforeAll(async () => {
    // An Ed25519 key pair standing in for identity's signing key: tokens are signed here and verified by AuthModule.
    const pair = await generateKeyPair(TOKEN_ALGORITHM);
    privateKey = pair.privateKey;
    keySet = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: TOKEN_ALGORITHM, use: 'sig' }] };
  });

  beforeEach(async () => {
    // The application binds CATALOG_API (local core or remote proxy) and a JwksSource (identity's, or a remote one).
    const port = { module: FakeCatalogPortModule, global: true, providers: [{ provide: CATALOG_API, useValue: catalog }], exports: [CATALOG_API] };
    const jwks = { keySet: async () => keySet } satisfies JwksSource;
    const keys = { module: FakeJwksModule, global: true, providers: [{ provide: JwksSource, useValue: jwks }], exports: [JwksSource] };
    const moduleRef = await Test.createTestingModule({ imports: [port, keys, AuthModule.forRoot(), CatalogHttpModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterEach(() => app.close());

  function token(roles: Role[], key: CryptoKey = privateKey): Promise<string> {
    return new SignJWT({ email: 'ada@example.com', roles })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: KID })
      .setSubject('3f1c2a4e-8d0b-4c39-9a52-6f7e1d2b8c41')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
  }

  // Real HTTP: Fastify's app.inject() needs the ESM-only `cookie` package, which the Jest preset does not transform.
  async function request(url: string, options: { method?: string; body?: unknown; token?: string } = {}) {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    const response = await fetch(`${baseUrl}${url}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { statusCode: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const violatedFields = (body: Record<string, unknown>) =>
    ((body['details'] as { violations: Array<{ field: string }> }).violations ?? []).map((v) => v.field);

  describe('reading (public)', () => {
    it('GET /products answers 200 with the page, without a token', async () => {
      catalog.list.mockResolvedValue({ items: [view], total: 1 });
      const response = await request('/products?limit=5&offset=10');
      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual({ items: [viewJson], total: 1 });
      expect(catalog.list).toHaveBeenCalledWith({ limit: 5, offset: 10 });
    });

    it('GET /products works with a token too', async () => {
      catalog.list.mockResolvedValue({ items: [], total: 0 });
      const response = await request('/products', { token: await token(['customer']) });
      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual({ items: [], total: 0 });
    });

    it.each([['/products?limit=0', 'limit'], ['/products?limit=101', 'limit'], ['/products?offset=-1', 'offset'], ['/products?sort=name', 'sort']])(
      'GET %s answers 400 VALIDATION_FAILED naming %s without calling the port',
      async (url, field) => {
        const response = await request(url);
        expect(response.statusCode).toBe(400);
        expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(violatedFields(response.body)).toEqual([field]);
        expect(catalog.list).not.toHaveBeenCalled();
      },
    );

    it('GET /products/:sku answers 200 with the product', async () => {
      catalog.get.mockResolvedValue(view);
      const response = await request('/products/PIZZA-MARGHERITA');
      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual(viewJson);
      expect(catalog.get).toHaveBeenCalledWith({ sku: 'PIZZA-MARGHERITA' });
    });

    it('GET /products/:sku answers 404 with the domain error body', async () => {
      catalog.get.mockRejectedValue(new ProductNotFoundError('No product has SKU NOPE', { skus: ['NOPE'] }));
      const response = await request('/products/NOPE');
      expect(response.statusCode).toBe(404);
      expect(response.body).toEqual({ statusCode: 404, code: 'PRODUCT_NOT_FOUND', message: 'No product has SKU NOPE', details: { skus: ['NOPE'] } });
    });

    it.each([['lower-case'], ['A'.repeat(65)], ['-LEADING-DASH']])('GET /products/%s answers 400 VALIDATION_FAILED naming sku', async (sku) => {
      const response = await request(`/products/${sku}`);
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(violatedFields(response.body)).toEqual(['sku']);
      expect(response.body['message']).toContain('sku');
      expect(catalog.get).not.toHaveBeenCalled();
    });
  });

  describe('POST /products (admin)', () => {
    it('answers 401 UNAUTHORIZED without a token, without calling the port', async () => {
      const response = await request('/products', { method: 'POST', body: createBody });
      expect(response.statusCode).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(catalog.create).not.toHaveBeenCalled();
    });

    it('answers 401 for a token signed by another key', async () => {
      const stranger = await generateKeyPair(TOKEN_ALGORITHM);
      const response = await request('/products', { method: 'POST', body: createBody, token: await token(['admin'], stranger.privateKey) });
      expect(response.statusCode).toBe(401);
      expect(catalog.create).not.toHaveBeenCalled();
    });

    it('answers 403 FORBIDDEN for a customer', async () => {
      const response = await request('/products', { method: 'POST', body: createBody, token: await token(['customer']) });
      expect(response.statusCode).toBe(403);
      expect(response.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect(catalog.create).not.toHaveBeenCalled();
    });

    it('answers 201 with the product for an admin', async () => {
      catalog.create.mockResolvedValue(view);
      const response = await request('/products', { method: 'POST', body: createBody, token: await token(['customer', 'admin']) });
      expect(response.statusCode).toBe(201);
      expect(response.body).toEqual(viewJson);
      expect(catalog.create).toHaveBeenCalledWith(createBody);
    });

    it.each([
      ['a negative price', { price: -5 }, 'price'],
      ['a lower-case sku', { sku: 'pizza' }, 'sku'],
      ['an unknown field', { colour: 'red' }, 'colour'],
    ])('answers 400 VALIDATION_FAILED for %s, naming the field', async (_case, overrides, field) => {
      const response = await request('/products', { method: 'POST', body: { ...createBody, ...overrides }, token: await token(['admin']) });
      expect(response.statusCode).toBe(400);
      expect(violatedFields(response.body)).toEqual([field]);
      expect(catalog.create).not.toHaveBeenCalled();
    });

    it('answers 409 PRODUCT_EXISTS for a duplicate SKU', async () => {
      catalog.create.mockRejectedValue(new ProductExistsError('A product with SKU PIZZA-MARGHERITA exists already', { sku: view.sku }));
      const response = await request('/products', { method: 'POST', body: createBody, token: await token(['admin']) });
      expect(response.statusCode).toBe(409);
      expect(response.body).toMatchObject({ code: 'PRODUCT_EXISTS', details: { sku: view.sku } });
    });
  });

  describe('PATCH /products/:sku (admin)', () => {
    it('answers 200 with the updated product, passing the SKU from the path', async () => {
      catalog.update.mockResolvedValue({ ...view, price: 1_050 });
      const response = await request('/products/PIZZA-MARGHERITA', { method: 'PATCH', body: { price: 1_050 }, token: await token(['admin']) });
      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual({ ...viewJson, price: 1_050 });
      expect(catalog.update).toHaveBeenCalledWith(expect.objectContaining({ sku: 'PIZZA-MARGHERITA', price: 1_050 }));
    });

    it('answers 401 without a token and 403 for a customer', async () => {
      expect((await request('/products/PIZZA-MARGHERITA', { method: 'PATCH', body: { price: 1 } })).statusCode).toBe(401);
      const forbidden = await request('/products/PIZZA-MARGHERITA', { method: 'PATCH', body: { price: 1 }, token: await token(['customer']) });
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN' });
      expect(catalog.update).not.toHaveBeenCalled();
    });

    it.each([
      ['/products/lower-case', { price: 1 }, 'sku'],
      ['/products/PIZZA-MARGHERITA', { price: 0 }, 'price'],
      ['/products/PIZZA-MARGHERITA', { currency: 'USD' }, 'currency'],
      ['/products/PIZZA-MARGHERITA', { sku: 'OTHER' }, 'sku'],
    ])('PATCH %s with %j answers 400 naming %s', async (url, body, field) => {
      const response = await request(url, { method: 'PATCH', body, token: await token(['admin']) });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(violatedFields(response.body)).toEqual([field]);
      expect(catalog.update).not.toHaveBeenCalled();
    });

    it('answers 404 PRODUCT_NOT_FOUND for an unknown product', async () => {
      catalog.update.mockRejectedValue(new ProductNotFoundError('No product has SKU NOPE', { skus: ['NOPE'] }));
      const response = await request('/products/NOPE', { method: 'PATCH', body: { stock: 3 }, token: await token(['admin']) });
      expect(response.statusCode).toBe(404);
      expect(response.body).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    });
  });

  it('offers no stock reservation over HTTP', async () => {
    const admin = await token(['admin']);
    for (const url of ['/products/PIZZA-MARGHERITA/reserve', '/products/PIZZA-MARGHERITA/release', '/stock/reservations']) {
      expect((await request(url, { method: 'POST', body: {}, token: admin })).statusCode).toBe(404);
    }
    expect(catalog.reserveStock).not.toHaveBeenCalled();
    expect(catalog.releaseStock).not.toHaveBeenCalled();
  });
});
