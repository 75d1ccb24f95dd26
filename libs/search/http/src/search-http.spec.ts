import 'reflect-metadata';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Role, FieldViolation } from '@foodcourt/platform-kernel';
import type { ErrorResponseBody } from '@foodcourt/platform-http';
import { startHttpTestApp, TestIdentity, type HttpTestApp } from '@foodcourt/platform-testing';
import { RebuildIndexInput, RebuildResult, SEARCH_API, SearchProductsInput, SearchResult, type SearchApi } from '@foodcourt/search-contract';
import { SearchHttpModule } from './search-http.module';

const search = jest.fn<ReturnType<SearchApi['search']>, Parameters<SearchApi['search']>>();
const rebuild = jest.fn<ReturnType<SearchApi['rebuild']>, Parameters<SearchApi['rebuild']>>();
const fakePort: SearchApi = { search, rebuild };

type ResponseBody = Partial<SearchResult> & Partial<RebuildResult> & Partial<ErrorResponseBody> & { details?: { violations: FieldViolation[] } };

const hit = { sku: 'PIZZA-MARGHERITA', name: 'Pizza Margherita', description: 'Tomato', price: 950, currency: 'EUR', stock: 3, score: 12.5 };

describe('search HTTP API (Fastify, global auth guard)', () => {
  let t: HttpTestApp;

  const tokenFor = (roles: Role[]) => t.identity.token({ roles });
  const call = (path: string, init: { method?: string; token?: string; body?: unknown } = {}) =>
    t.request<ResponseBody>(init.method ?? 'GET', path, { token: init.token, body: init.body });

  // What the application provides: SEARCH_API (local core or remote proxy); the JWKS comes from the test identity.
  beforeAll(async () => {
    t = await startHttpTestApp({ imports: [SearchHttpModule], providers: [{ provide: SEARCH_API, useValue: fakePort }] });
  });
  afterAll(() => t.close());

  beforeEach(() => {
    search.mockResolvedValue(Object.assign(new SearchResult(), { items: [hit], total: 41 }));
    rebuild.mockResolvedValue(Object.assign(new RebuildResult(), { indexed: 250 }));
  });

  describe('GET /search/products', () => {
    it('is public and passes the typed query to the port', async () => {
      const res = await call('/search/products?q=marg&minPrice=100&maxPrice=2000&inStock=true&limit=5&offset=10');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [hit], total: 41 });
      const [input] = search.mock.calls[0];
      expect(input).toBeInstanceOf(SearchProductsInput);
      expect(input).toEqual({ q: 'marg', minPrice: 100, maxPrice: 2000, inStock: true, limit: 5, offset: 10 });
    });

    it('accepts no query at all, and inStock=false as false', async () => {
      expect((await call('/search/products')).status).toBe(200);
      expect(search.mock.calls[0][0]).toEqual({});
      expect((await call('/search/products?inStock=false')).status).toBe(200);
      expect(search.mock.calls[1][0]).toEqual({ inStock: false });
    });

    it('passes FTS syntax through as text (the core makes it harmless)', async () => {
      const q = `"NEAR(*'; DROP TABLE x; --`;
      expect((await call(`/search/products?q=${encodeURIComponent(q)}`)).status).toBe(200);
      expect(search.mock.calls[0][0]).toEqual({ q });
    });

    it('works for a signed-in customer too', async () => {
      expect((await call('/search/products?q=pizza', { token: await tokenFor(['customer']) })).status).toBe(200);
    });

    it.each(
      [
      ['limit=0', 'limit'],
      ['limit=51', 'limit'],
      ['minPrice=-1', 'minPrice'],
      ['maxPrice=abc', 'maxPrice'],
      ['minPrice=500&maxPrice=100', 'maxPrice'],
      ['inStock=maybe', 'inStock'],
      ['offset=-1', 'offset'],
      ['q=', 'q'],
      [`q=${'a'.repeat(201)}`, 'q'],
      ['q=a&q=b', 'q'],
      ['sort=price', 'sort'],
      ].map(([query, field]) => ({ query, field, label: query.length > 40 ? `${query.slice(0, 8)}… (${query.length} characters)` : query })),
    )('rejects $label with 400 naming $field, without calling the port', async ({ query, field }) => {
      const res = await call(`/search/products?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(res.body.details?.violations.map((v) => v.field)).toEqual([field]);
      expect(search).not.toHaveBeenCalled();
    });
  });

  describe('POST /admin/search/rebuild', () => {
    it('answers 401 without a token', async () => {
      const res = await call('/admin/search/rebuild', { method: 'POST' });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHORIZED' });
      expect(rebuild).not.toHaveBeenCalled();
    });

    it('answers 401 for a token signed by another key', async () => {
      const stranger = await TestIdentity.create();
      const res = await call('/admin/search/rebuild', { method: 'POST', token: await stranger.token({ roles: ['admin'] }, { kid: t.identity.kid }) });
      expect(res.status).toBe(401);
      expect(rebuild).not.toHaveBeenCalled();
    });

    it('answers 403 to a customer', async () => {
      const res = await call('/admin/search/rebuild', { method: 'POST', token: await tokenFor(['customer']) });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
      expect(rebuild).not.toHaveBeenCalled();
    });

    it('answers 200 with the count to an admin, without a body', async () => {
      const res = await call('/admin/search/rebuild', { method: 'POST', token: await tokenFor(['admin']) });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ indexed: 250 });
      expect(rebuild.mock.calls[0][0]).toEqual({});
    });

    it('passes a page size to the port', async () => {
      const res = await call('/admin/search/rebuild', { method: 'POST', token: await tokenFor(['customer', 'admin']), body: { pageSize: 50 } });
      expect(res.status).toBe(200);
      expect(rebuild.mock.calls[0][0]).toBeInstanceOf(RebuildIndexInput);
      expect(rebuild.mock.calls[0][0]).toEqual({ pageSize: 50 });
    });

    it.each([[{ pageSize: 0 }, 'pageSize'], [{ pageSize: 101 }, 'pageSize'], [{ pageSize: '10' }, 'pageSize'], [{ force: true }, 'force']])(
      'rejects %j from an admin with 400 naming %s',
      async (body, field) => {
        const res = await call('/admin/search/rebuild', { method: 'POST', token: await tokenFor(['admin']), body });
        expect(res.status).toBe(400);
        expect(res.body.details?.violations.map((v) => v.field)).toEqual([field]);
        expect(rebuild).not.toHaveBeenCalled();
      },
    );
  });

  it('documents both endpoints in OpenAPI', () => {
    const document = SwaggerModule.createDocument(t.app, new DocumentBuilder().addBearerAuth().build());
    const searchOp = document.paths['/search/products']?.get;
    expect(searchOp?.parameters?.map((p) => ('name' in p ? p.name : undefined)).sort()).toEqual(['inStock', 'limit', 'maxPrice', 'minPrice', 'offset', 'q']);
    expect(searchOp?.responses['200']).toBeDefined();
    const rebuildOp = document.paths['/admin/search/rebuild']?.post;
    expect(rebuildOp?.responses['200']).toBeDefined();
    expect(rebuildOp?.responses['403']).toBeDefined();
    expect(rebuildOp?.security).toEqual([{ bearer: [] }]);
  });
});
