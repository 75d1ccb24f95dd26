import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { ValidationFailedError } from '@foodcourt/platform-kernel';
import type { SearchProductsInput } from '@foodcourt/search-contract';
import { MENU, productChanged, productView } from './test-support/products';
import { SearchTestApp } from './test-support/search-test-app';

const ADMIN_URL = process.env['FOODCOURT_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = `foodcourt_search_pg_${process.pid}`;
const psql = (sql: string) => execFileSync('psql', [ADMIN_URL, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
const url = () => { const u = new URL(ADMIN_URL); u.pathname = `/${DB}`; return u.toString(); };
const skus = (r: { items: Array<{ sku: string }> }) => r.items.map((h) => h.sku);

describe('search core on PostgreSQL', () => {
  let t: SearchTestApp;
  beforeAll(async () => {
    psql(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    psql(`CREATE DATABASE ${DB}`);
    t = await SearchTestApp.start(url());
  });
  afterAll(async () => {
    await t?.close();
    psql(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  });

  it('indexes through messaging, ranks, prefixes, filters, pages', async () => {
    await t.deliver(...MENU);
    expect(await t.rows()).toHaveLength(MENU.length);
    const r = await t.search.search({ q: 'margherita' });
    expect(skus(r)).toEqual(['PIZZA-MARGHERITA', 'PIZZA-BUFALA']);
    expect(r.items[0].score).toBeGreaterThan(r.items[1].score);
    console.log(JSON.stringify(r.items.map((i) => i.score)));
    expect(skus(await t.search.search({ q: 'marg' }))).toEqual(['PIZZA-MARGHERITA', 'PIZZA-BUFALA']);
    expect(skus(await t.search.search({ q: 'pizza dia' }))).toEqual(['PIZZA-DIAVOLA']);
    expect(skus(await t.search.search({ q: 'marg pizza' }))).toEqual([]);
    expect(skus(await t.search.search({ q: 'brûlée' }))).toEqual(['CREME-BRULEE']);
    expect(skus(await t.search.search({ q: 'creme brulee' }))).toEqual(['CREME-BRULEE']); expect(skus(await t.search.search({ q: 'CRÈME' }))).toEqual(['CREME-BRULEE']);
    expect(skus(await t.search.search({}))).toEqual(['CREME-BRULEE', 'ESPRESSO', 'LEMONADE', 'PIZZA-BUFALA', 'PIZZA-DIAVOLA', 'PIZZA-MARGHERITA']);
    expect(skus(await t.search.search({ minPrice: 950, maxPrice: 1_100 }))).toEqual(['PIZZA-DIAVOLA', 'PIZZA-MARGHERITA']);
    expect(skus(await t.search.search({ q: 'pizza', inStock: true })).sort()).toEqual(['PIZZA-DIAVOLA', 'PIZZA-MARGHERITA']);
    expect(skus(await t.search.search({ inStock: false }))).toEqual(['ESPRESSO', 'PIZZA-BUFALA']);
    const pages = await Promise.all([0, 2, 4, 6].map((offset) => t.search.search({ limit: 2, offset })));
    expect(pages.map(skus)).toEqual([['CREME-BRULEE', 'ESPRESSO'], ['LEMONADE', 'PIZZA-BUFALA'], ['PIZZA-DIAVOLA', 'PIZZA-MARGHERITA'], []]);
    expect(pages.map((p) => p.total)).toEqual([6, 6, 6, 6]);
    expect(skus(await t.search.search({ q: 'pizza "margherita' }))).toEqual(['PIZZA-MARGHERITA', 'PIZZA-BUFALA']);
  });

  it('takes hostile q', async () => {
    for (const q of ['"', 'pizza "margherita', '*', '(', 'NEAR', 'NEAR(pizza margherita, 2)', 'pizza AND OR NOT', 'description:tomato', "pizza & !tomato | 'x':*", "'; DROP TABLE search_product; --", 'pi\\zza\n\t', '"*()^:-+', "it's", 'a:b', "o'brien"]) {
      await expect(t.search.search({ q })).resolves.toMatchObject({ total: expect.any(Number) });
    }
    expect(await t.rows()).toHaveLength(MENU.length);
  });

  it('ignores a late older version', async () => {
    await t.deliver(productChanged('PIZZA-MARGHERITA', { name: 'Pizza Regina', version: 2, changedAt: new Date('2026-01-03T00:00:00Z') }));
    await t.handled(await t.publish(productChanged('PIZZA-MARGHERITA', { name: 'Pizza Margherita', version: 1 })));
    expect((await t.rows()).find((r) => r.sku === 'PIZZA-MARGHERITA')).toMatchObject({ name: 'Pizza Regina', version: 2 });
    expect(skus(await t.search.search({ q: 'regina' }))).toEqual(['PIZZA-MARGHERITA']);
  });

  it('rebuilds 250 products with the same results', async () => {
    const catalog = Array.from({ length: 250 }, (_, i) => {
      const n = String(i).padStart(3, '0');
      return productChanged(`P-${n}`, {
        name: i % 10 === 0 ? `Pizza number ${n}` : `Dish ${n}`,
        description: i % 3 === 0 ? 'Comes with tomato sauce, like a pizza' : `House special ${n}`,
        price: 100 + ((i * 37) % 2_400), stock: i % 7 === 0 ? 0 : i, version: 1 + (i % 4),
        changedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      });
    });
    await t.search.rebuild({}); // empty catalog: empties
    expect(await t.rows()).toEqual([]);
    await t.handle(...catalog);
    const queries: SearchProductsInput[] = [{ q: 'pizza', limit: 50 }, { q: 'tomato', limit: 50, offset: 20 }, { q: 'dish 04' }, { q: 'house', minPrice: 500, maxPrice: 1_500, inStock: true, limit: 50 }, { limit: 50, offset: 200 }];
    const before = await Promise.all(queries.map((q) => t.search.search(q)));
    t.catalog.put(...catalog.map(productView));
    expect(await t.search.rebuild({ pageSize: 100 })).toEqual({ indexed: 250 });
    const after = await Promise.all(queries.map((q) => t.search.search(q)));
    expect(after.map(skus)).toEqual(before.map(skus));
    expect(after.map((r) => r.total)).toEqual([100, 84, 9, expect.any(Number), 250]);
    await expect(t.search.search({ limit: 0 })).rejects.toBeInstanceOf(ValidationFailedError);
  });
});

describe('search migrations on PostgreSQL', () => {
  const DB2 = `${DB}_mig`;
  it('go down and up again', async () => {
    psql(`DROP DATABASE IF EXISTS ${DB2} WITH (FORCE)`);
    psql(`CREATE DATABASE ${DB2}`);
    const u = new URL(ADMIN_URL); u.pathname = `/${DB2}`;
    const app = await SearchTestApp.start(u.toString());
    try {
      const ds = app.database.dataSource;
      await app.handle(productChanged('ESPRESSO', { name: 'Espresso crème' }));
      await ds.undoLastMigration({ transaction: 'each' }); // the messaging tables' trace context (the newest migration)
      await ds.undoLastMigration({ transaction: 'each' });
      const cols = () => ds.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'search' AND table_name = 'search_product' ORDER BY column_name`);
      expect((await cols()).map((c: { column_name: string }) => c.column_name)).not.toContain('document');
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await cols()).toEqual([]);
      await ds.runMigrations({ transaction: 'each' });
      expect((await cols()).map((c: { column_name: string }) => c.column_name)).toContain('document');
      await app.handle(productChanged('ESPRESSO', { name: 'Espresso crème' }));
      expect(skus(await app.search.search({ q: 'creme' }))).toEqual(['ESPRESSO']);
    } finally {
      await app.close();
      psql(`DROP DATABASE IF EXISTS ${DB2} WITH (FORCE)`);
    }
  });
});
