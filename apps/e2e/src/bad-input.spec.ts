import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UnitProcess } from '@foodcourt/platform-testing';
import { http } from './support/http';
import { monolith, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';
import { adminSession, newCustomer, newProduct, stockOf, type Session } from './support/shop';

describe('bad input gets a 4xx naming the problem and changes nothing', () => {
  const dataDir = suiteDir('bad-input');
  let unit: UnitProcess;
  let url: string;
  let customer: Session;
  let admin: Session;
  let tea: { sku: string; stock: number };

  beforeAll(async () => {
    unit = await monolith(dataDir).start();
    url = unit.url;
    admin = await adminSession(url);
    customer = await newCustomer(url, 'Ivy');
    tea = await newProduct(admin, { name: 'Tea', price: 100, stock: 50 });
  });
  const checkoutBody = (overrides: Record<string, unknown> = {}) => ({ lines: [{ sku: tea.sku, quantity: 1 }], ...overrides });
  afterAll(async () => {
    await unit?.stop();
    dropPostgresDatabase('bad-input');
  });

  const post = (body: unknown, headers: Record<string, string> = {}) => customer.call('POST', '/orders', { body, headers });
  const violationFields = (body: { details?: { violations?: { field: string }[] } }) => body.details?.violations?.map((v) => v.field);

  it('rejects malformed JSON', async () => {
    const reply = await post('{"customerEmail": "a@b.c", "lines": [', {});
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/JSON/i);
    expect(JSON.stringify(reply.body)).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it('rejects a body that is not JSON at all', async () => {
    const reply = await post('customerEmail=a@b.c', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
  });

  it.each([
    ['a quantity of the wrong type', { lines: [{ sku: 'TEA', quantity: 'two' }] }, 'lines.0.quantity'],
    ['a negative quantity', { lines: [{ sku: 'TEA', quantity: -5 }] }, 'lines.0.quantity'],
    ['an absurd quantity', { lines: [{ sku: 'TEA', quantity: 1e12 }] }, 'lines.0.quantity'],
    ['a fractional quantity', { lines: [{ sku: 'TEA', quantity: 1.5 }] }, 'lines.0.quantity'],
    ['a client-sent price', { lines: [{ sku: 'TEA', quantity: 1, unitPrice: 1 }] }, 'lines.0.unitPrice'],
    ['no lines', { lines: [] }, 'lines'],
    ['a malformed sku', { lines: [{ sku: 'tea; drop table', quantity: 1 }] }, 'lines.0.sku'],
    ['a customer named in the body', { customerEmail: 'someone@else.com' }, 'customerEmail'],
    ['an unknown field', { discount: 100 }, 'discount'],
  ])('rejects %s, naming the field', async (_what, overrides, field) => {
    const reply = await post(checkoutBody(overrides));
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('VALIDATION_FAILED');
    expect(violationFields(reply.body)).toContain(field);
    expect(reply.body.message).toContain(field);
  });

  it('rejects arrays nested 2,000 deep (4 KB) with 400 naming the field, logged out or not, without a stack in the log', async () => {
    const deep = `${'['.repeat(2_000)}1${']'.repeat(2_000)}`;
    const targets: [string, string, string, Record<string, string>][] = [
      ['/auth/login', `{"email":"a@example.com","password":${deep}}`, 'password', {}],
      ['/auth/register', `{"email":"a@example.com","password":"correct-horse-9","name":${deep}}`, 'name', {}],
      ['/orders', `{"lines":${deep}}`, 'lines', { authorization: `Bearer ${customer.token}`, 'idempotency-key': '6f1c2e5d-4a8b-4c9d-8e1f-0a9b8c7d6e5f' }],
    ];
    for (const [path, body, field, headers] of targets) {
      const reply = await http(url, 'POST', path, { body, headers });
      expect({ path, status: reply.status, code: reply.body.code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
      expect(violationFields(reply.body)).toEqual([field]);
    }
    expect(unit.log()).not.toMatch(/Maximum call stack size exceeded/);
  });

  it('rejects a JSON array or null as the body', async () => {
    for (const body of ['[]', 'null', '"text"']) {
      const reply = await post(body);
      expect(reply.status).toBe(400);
    }
  });

  it('rejects an oversized body with 413', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 }));
    const reply = await post(checkoutBody({ lines }));
    expect(reply.status).toBe(413);
    expect(reply.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rejects a malformed Idempotency-Key header', async () => {
    const reply = await post(checkoutBody(), { 'Idempotency-Key': 'x'.repeat(201) });
    expect(reply.status).toBe(400);
    expect(violationFields(reply.body)).toContain('Idempotency-Key');
  });

  it('rejects malformed ids and query parameters', async () => {
    expect((await customer.call('GET', '/orders/not-a-uuid')).status).toBe(400);
    const list = await customer.call('GET', '/orders?limit=100000');
    expect(list.status).toBe(400);
    expect(violationFields(list.body)).toContain('limit');
    expect((await customer.call('GET', '/orders?sneaky=1')).status).toBe(400);
  });

  it('rejects bad product input from an admin, naming the field', async () => {
    for (const [body, field] of [
      [{ sku: 'NEW-1', name: 'x', description: '', price: -1, currency: 'EUR', stock: 1 }, 'price'],
      [{ sku: 'new-1', name: 'x', description: '', price: 1, currency: 'EUR', stock: 1 }, 'sku'],
      [{ sku: 'NEW-1', name: 'x', description: '', price: 1, currency: 'EUR', stock: 1, hidden: true }, 'hidden'],
    ] as const) {
      const reply = await admin.call('POST', '/products', { body });
      expect(reply.status).toBe(400);
      expect(violationFields(reply.body)).toContain(field);
    }
    expect((await http(url, 'GET', '/products/NEW-1')).status).toBe(404);
  });

  it('rejects bad registration and search input, naming the field', async () => {
    const weak = await http(url, 'POST', '/auth/register', { body: { email: 'weak@example.com', password: 'short', name: 'W' } });
    expect(weak.status).toBe(400);
    expect(violationFields(weak.body)).toContain('password');
    const search = await http(url, 'GET', '/search/products?minPrice=-1');
    expect(search.status).toBe(400);
    expect(violationFields(search.body)).toContain('minPrice');
  });

  it('wrote nothing for any of them: no order, no stock taken, no order e-mail', async () => {
    const orders = await customer.call('GET', '/orders');
    expect(orders.body.total).toBe(0);
    expect(await stockOf(url, tea.sku)).toBe(50);
    const mailDir = join(dataDir, 'mail');
    let mails: string[] = [];
    try {
      mails = readdirSync(mailDir).filter((name) => !readFileSync(join(mailDir, name), 'utf8').includes('Welcome'));
    } catch {
      // no mail folder at all: nothing was sent
    }
    expect(mails).toEqual([]);
  });
});
