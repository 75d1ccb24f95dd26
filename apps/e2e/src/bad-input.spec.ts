import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { UnitProcess } from '@foodcourt/platform-testing';
import { checkoutBody, http } from './support/http';
import { monolith, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';

describe('bad input gets a 4xx naming the problem and changes nothing', () => {
  const dataDir = suiteDir('bad-input');
  let unit: UnitProcess;
  let url: string;

  beforeAll(async () => {
    unit = await monolith(dataDir).start();
    url = unit.url;
  });
  afterAll(async () => {
    await unit?.stop();
    dropPostgresDatabase('bad-input');
  });

  const post = (body: unknown, headers: Record<string, string> = {}) => http(url, 'POST', '/orders', { body, headers });
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
    ['a quantity of the wrong type', { lines: [{ sku: 'TEA', quantity: 'two', unitPrice: 100 }] }, 'lines.0.quantity'],
    ['a negative unit price', { lines: [{ sku: 'TEA', quantity: 1, unitPrice: -5 }] }, 'lines.0.unitPrice'],
    ['an absurd quantity', { lines: [{ sku: 'TEA', quantity: 1e12, unitPrice: 100 }] }, 'lines.0.quantity'],
    ['an absurd unit price', { lines: [{ sku: 'TEA', quantity: 1, unitPrice: 1e15 }] }, 'lines.0.unitPrice'],
    ['a fractional amount', { lines: [{ sku: 'TEA', quantity: 1, unitPrice: 9.99 }] }, 'lines.0.unitPrice'],
    ['no lines', { lines: [] }, 'lines'],
    ['a bad e-mail', { customerEmail: 'not-an-email' }, 'customerEmail'],
    ['a bad currency', { currency: 'euro' }, 'currency'],
    ['an unknown field', { discount: 100 }, 'discount'],
    ['an unknown nested field', { lines: [{ sku: 'TEA', quantity: 1, unitPrice: 100, free: true }] }, 'lines.0.free'],
  ])('rejects %s, naming the field', async (_what, overrides, field) => {
    const reply = await post(checkoutBody(overrides));
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('VALIDATION_FAILED');
    expect(violationFields(reply.body)).toContain(field);
    expect(reply.body.message).toContain(field);
  });

  it('rejects a JSON array or null as the body', async () => {
    for (const body of ['[]', 'null', '"text"']) {
      const reply = await post(body);
      expect(reply.status).toBe(400);
    }
  });

  it('rejects an oversized body with 413', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1, unitPrice: 100 }));
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
    expect((await http(url, 'GET', '/orders/not-a-uuid')).status).toBe(400);
    const list = await http(url, 'GET', '/orders?limit=100000');
    expect(list.status).toBe(400);
    expect(violationFields(list.body)).toContain('limit');
    expect((await http(url, 'GET', '/orders?sneaky=1')).status).toBe(400);
  });

  it('wrote nothing for any of them: no order, no payment, no e-mail', async () => {
    const orders = await http(url, 'GET', '/orders');
    expect(orders.body.total).toBe(0);
    const mailDir = join(dataDir, 'mail');
    let mails: string[] = [];
    try {
      mails = readdirSync(mailDir);
    } catch {
      // no mail folder at all: nothing was sent
    }
    expect(mails).toEqual([]);
  });
});
