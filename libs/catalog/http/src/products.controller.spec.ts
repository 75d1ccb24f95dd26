import 'reflect-metadata';
import type { Role } from '@foodcourt/platform-kernel';
import { startHttpTestApp, TestIdentity, type HttpTestApp, type HttpTestRequest } from '@foodcourt/platform-testing';
import { CATALOG_API, ProductExistsError, ProductNotFoundError, type CatalogApi, type ProductView } from '@foodcourt/catalog-contract';
import { CatalogHttpModule } from './catalog-http.module';

describe('ProductsController over Fastify', () => {
  let identity: TestIdentity;
  let t: HttpTestApp;

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
    // Stands in for identity: signs the tokens, and its key set is what AuthModule verifies against.
    identity = await TestIdentity.create();
  });

  beforeEach(async () => {
    // The application binds CATALOG_API (local core or remote proxy) and a JwksSource (identity's, or a remote one).
    t = await startHttpTestApp({ imports: [CatalogHttpModule], providers: [{ provide: CATALOG_API, useValue: catalog }], identity });
  });

  afterEach(() => t.close());

  const token = (roles: Role[]) => identity.token({ roles });
  const request = (url: string, { method = 'GET', ...options }: HttpTestRequest & { method?: string } = {}) => t.request(method, url, options);

  const violatedFields = (body: Record<string, unknown>) =>
    ((body['details'] as { violations: Array<{ field: string }> }).violations ?? []).map((v) => v.field);

  describe('reading (public)', () => {
    it('GET /products answers 200 with the page, without a token', async () => {
      catalog.list.mockResolvedValue({ items: [view], total: 1 });
      const response = await request('/products?limit=5&offset=10');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [viewJson], total: 1 });
      expect(catalog.list).toHaveBeenCalledWith({ limit: 5, offset: 10 });
    });

    it('GET /products works with a token too', async () => {
      catalog.list.mockResolvedValue({ items: [], total: 0 });
      const response = await request('/products', { token: await token(['customer']) });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [], total: 0 });
    });

    it.each([['/products?limit=0', 'limit'], ['/products?limit=101', 'limit'], ['/products?offset=-1', 'offset'], ['/products?sort=name', 'sort']])(
      'GET %s answers 400 VALIDATION_FAILED naming %s without calling the port',
      async (url, field) => {
        const response = await request(url);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(violatedFields(response.body)).toEqual([field]);
        expect(catalog.list).not.toHaveBeenCalled();
      },
    );

    it('GET /products/:sku answers 200 with the product', async () => {
      catalog.get.mockResolvedValue(view);
      const response = await request('/products/PIZZA-MARGHERITA');
      expect(response.status).toBe(200);
      expect(response.body).toEqual(viewJson);
      expect(catalog.get).toHaveBeenCalledWith({ sku: 'PIZZA-MARGHERITA' });
    });

    it('GET /products/:sku answers 404 with the domain error body', async () => {
      catalog.get.mockRejectedValue(new ProductNotFoundError('No product has SKU NOPE', { skus: ['NOPE'] }));
      const response = await request('/products/NOPE');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ statusCode: 404, code: 'PRODUCT_NOT_FOUND', message: 'No product has SKU NOPE', details: { skus: ['NOPE'] } });
    });

    it.each([['lower-case'], ['A'.repeat(65)], ['-LEADING-DASH']])('GET /products/%s answers 400 VALIDATION_FAILED naming sku', async (sku) => {
      const response = await request(`/products/${sku}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(violatedFields(response.body)).toEqual(['sku']);
      expect(response.body['message']).toContain('sku');
      expect(catalog.get).not.toHaveBeenCalled();
    });
  });

  describe('POST /products (admin)', () => {
    it('answers 401 UNAUTHORIZED without a token, without calling the port', async () => {
      const response = await request('/products', { method: 'POST', body: createBody });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(catalog.create).not.toHaveBeenCalled();
    });

    it('answers 401 for a token signed by another key', async () => {
      const stranger = await TestIdentity.create();
      const response = await request('/products', { method: 'POST', body: createBody, token: await stranger.token({ roles: ['admin'] }, { kid: identity.kid }) });
      expect(response.status).toBe(401);
      expect(catalog.create).not.toHaveBeenCalled();
    });

    it('answers 403 FORBIDDEN for a customer', async () => {
      const response = await request('/products', { method: 'POST', body: createBody, token: await token(['customer']) });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect(catalog.create).not.toHaveBeenCalled();
    });

    it('answers 201 with the product for an admin', async () => {
      catalog.create.mockResolvedValue(view);
      const response = await request('/products', { method: 'POST', body: createBody, token: await token(['customer', 'admin']) });
      expect(response.status).toBe(201);
      expect(response.body).toEqual(viewJson);
      expect(catalog.create).toHaveBeenCalledWith(createBody);
    });

    it.each([
      ['a negative price', { price: -5 }, 'price'],
      ['a lower-case sku', { sku: 'pizza' }, 'sku'],
      ['an unknown field', { colour: 'red' }, 'colour'],
    ])('answers 400 VALIDATION_FAILED for %s, naming the field', async (_case, overrides, field) => {
      const response = await request('/products', { method: 'POST', body: { ...createBody, ...overrides }, token: await token(['admin']) });
      expect(response.status).toBe(400);
      expect(violatedFields(response.body)).toEqual([field]);
      expect(catalog.create).not.toHaveBeenCalled();
    });

    it('answers 409 PRODUCT_EXISTS for a duplicate SKU', async () => {
      catalog.create.mockRejectedValue(new ProductExistsError('A product with SKU PIZZA-MARGHERITA exists already', { sku: view.sku }));
      const response = await request('/products', { method: 'POST', body: createBody, token: await token(['admin']) });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'PRODUCT_EXISTS', details: { sku: view.sku } });
    });
  });

  describe('PATCH /products/:sku (admin)', () => {
    it('answers 200 with the updated product, passing the SKU from the path', async () => {
      catalog.update.mockResolvedValue({ ...view, price: 1_050 });
      const response = await request('/products/PIZZA-MARGHERITA', { method: 'PATCH', body: { price: 1_050 }, token: await token(['admin']) });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...viewJson, price: 1_050 });
      expect(catalog.update).toHaveBeenCalledWith(expect.objectContaining({ sku: 'PIZZA-MARGHERITA', price: 1_050 }));
    });

    it('answers 401 without a token and 403 for a customer', async () => {
      expect((await request('/products/PIZZA-MARGHERITA', { method: 'PATCH', body: { price: 1 } })).status).toBe(401);
      const forbidden = await request('/products/PIZZA-MARGHERITA', { method: 'PATCH', body: { price: 1 }, token: await token(['customer']) });
      expect(forbidden.status).toBe(403);
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
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(violatedFields(response.body)).toEqual([field]);
      expect(catalog.update).not.toHaveBeenCalled();
    });

    it('answers 404 PRODUCT_NOT_FOUND for an unknown product', async () => {
      catalog.update.mockRejectedValue(new ProductNotFoundError('No product has SKU NOPE', { skus: ['NOPE'] }));
      const response = await request('/products/NOPE', { method: 'PATCH', body: { stock: 3 }, token: await token(['admin']) });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    });
  });

  it('offers no stock reservation over HTTP', async () => {
    const admin = await token(['admin']);
    for (const url of ['/products/PIZZA-MARGHERITA/reserve', '/products/PIZZA-MARGHERITA/release', '/stock/reservations']) {
      expect((await request(url, { method: 'POST', body: {}, token: admin })).status).toBe(404);
    }
    expect(catalog.reserveStock).not.toHaveBeenCalled();
    expect(catalog.releaseStock).not.toHaveBeenCalled();
  });
});
