import 'reflect-metadata';
import { ValidationFailedError } from '@foodcourt/platform-kernel';
import type { SearchProductsInput } from '@foodcourt/search-contract';
import { MENU, productChanged, productView } from './test-support/products';
import { SearchTestApp } from './test-support/search-test-app';

const skus = (result: { items: Array<{ sku: string }> }) => result.items.map((hit) => hit.sku);

describe('SearchCoreModule (real SQLite, real messaging)', () => {
  let t: SearchTestApp;

  describe('indexing catalog.product-changed', () => {
    beforeEach(async () => {
      t = await SearchTestApp.start();
    });
    afterEach(() => t.close());

    it('indexes events delivered through the outbox, relay and inbox, and keeps the FTS table in step', async () => {
      await t.deliver(...MENU);
      const rows = await t.rows();
      expect(rows).toHaveLength(MENU.length);
      expect(rows.find((r) => r.sku === 'LEMONADE')).toMatchObject({ name: 'Lemonade', price: 350, stock: 40, version: 1, currency: 'EUR' });
      expect(rows[0].indexedAt).toBeInstanceOf(Date);
      expect(await t.ftsRows()).toEqual(rows.map(({ sku, name, description }) => ({ sku, name, description })));
    });

    it('applies a newer version and ignores an older one arriving late', async () => {
      const v1 = productChanged('PIZZA-MARGHERITA', { name: 'Pizza Margherita', version: 1 });
      const v2 = productChanged('PIZZA-MARGHERITA', { name: 'Pizza Regina', version: 2, changedAt: new Date('2026-01-03T00:00:00Z') });
      await t.deliver(v1, v2);
      await t.handled(await t.publish(v1));

      expect((await t.rows()).find((r) => r.sku === 'PIZZA-MARGHERITA')).toMatchObject({ name: 'Pizza Regina', version: 2 });
      expect(skus(await t.search.search({ q: 'regina' }))).toEqual(['PIZZA-MARGHERITA']);
      expect(skus(await t.search.search({ q: 'margherita' }))).toEqual([]);
      expect((await t.ftsRows()).filter((r) => r.sku === 'PIZZA-MARGHERITA')).toEqual([{ sku: 'PIZZA-MARGHERITA', name: 'Pizza Regina', description: '' }]);
    });

    it('migrates down and up again', async () => {
      const dataSource = t.database.dataSource;
      await t.handle(productChanged('ESPRESSO'));
      // Newest first: the messaging tables' trace context, then search's text index and its tables.
      await dataSource.undoLastMigration({ transaction: 'each' });
      await dataSource.undoLastMigration({ transaction: 'each' });
      await dataSource.undoLastMigration({ transaction: 'each' });
      const tables = () => dataSource.query(`SELECT name FROM sqlite_master WHERE name LIKE 'search_product%' AND type = 'table' ORDER BY name`);
      expect(await tables()).toEqual([]);
      await dataSource.runMigrations({ transaction: 'each' });
      expect((await tables()).map((row: { name: string }) => row.name)).toEqual(expect.arrayContaining(['search_product', 'search_product_fts']));
      await t.handle(productChanged('ESPRESSO'));
      expect(skus(await t.search.search({ q: 'espresso' }))).toEqual(['ESPRESSO']);
    });

    it('treats the same version delivered again as a no-op', async () => {
      await t.handle(productChanged('ESPRESSO', { version: 3, price: 250 }));
      await t.handle(productChanged('ESPRESSO', { version: 3, price: 999 }));
      expect(await t.rows()).toEqual([expect.objectContaining({ sku: 'ESPRESSO', price: 250, version: 3 })]);
    });

    it('follows stock changes, so the inStock filter sees them', async () => {
      await t.handle(productChanged('ESPRESSO', { version: 1, stock: 2 }), productChanged('ESPRESSO', { version: 2, stock: 0 }));
      expect((await t.search.search({ inStock: true })).total).toBe(0);
      expect(skus(await t.search.search({ inStock: false }))).toEqual(['ESPRESSO']);
    });
  });

  describe('searching', () => {
    beforeAll(async () => {
      t = await SearchTestApp.start();
      await t.handle(...MENU);
    });
    afterAll(() => t.close());

    it('ranks a product with the word in its name above one with it only in its description', async () => {
      const result = await t.search.search({ q: 'margherita' });
      expect(skus(result)).toEqual(['PIZZA-MARGHERITA', 'PIZZA-BUFALA']);
      expect(result.total).toBe(2);
      expect(result.items[0].score).toBeGreaterThan(result.items[1].score);
      expect(result.items[1].score).toBeGreaterThan(0);
      expect(result.items[0]).toEqual({
        sku: 'PIZZA-MARGHERITA',
        name: 'Pizza Margherita',
        description: 'Tomato, mozzarella and basil',
        price: 950,
        currency: 'EUR',
        stock: 12,
        score: expect.any(Number),
      });
    });

    it('matches the last word as a prefix, case-insensitively', async () => {
      expect(skus(await t.search.search({ q: 'marg' }))).toEqual(['PIZZA-MARGHERITA', 'PIZZA-BUFALA']);
      expect(skus(await t.search.search({ q: 'MARGH' }))).toEqual(['PIZZA-MARGHERITA', 'PIZZA-BUFALA']);
      expect(skus(await t.search.search({ q: 'pizza dia' }))).toEqual(['PIZZA-DIAVOLA']);
    });

    it('requires every word, and only the last one as a prefix', async () => {
      expect(skus(await t.search.search({ q: 'tomato mozzarella' })).sort()).toEqual(['PIZZA-DIAVOLA', 'PIZZA-MARGHERITA']);
      expect(skus(await t.search.search({ q: 'marg pizza' }))).toEqual([]);
    });

    it('folds diacritics both ways', async () => {
      expect(skus(await t.search.search({ q: 'creme brulee' }))).toEqual(['CREME-BRULEE']);
      expect(skus(await t.search.search({ q: 'brûlée' }))).toEqual(['CREME-BRULEE']);
    });

    it('lists every product by name, case-insensitively, without a query, with score 0', async () => {
      const result = await t.search.search({});
      expect(skus(result)).toEqual(['CREME-BRULEE', 'ESPRESSO', 'LEMONADE', 'PIZZA-BUFALA', 'PIZZA-DIAVOLA', 'PIZZA-MARGHERITA']);
      expect(result.total).toBe(MENU.length);
      expect(result.items.every((hit) => hit.score === 0)).toBe(true);
    });

    it('filters by price range, bounds included', async () => {
      expect(skus(await t.search.search({ minPrice: 950, maxPrice: 1_100 }))).toEqual(['PIZZA-DIAVOLA', 'PIZZA-MARGHERITA']);
      expect(skus(await t.search.search({ maxPrice: 350 }))).toEqual(['ESPRESSO', 'LEMONADE']);
      expect(skus(await t.search.search({ q: 'pizza', minPrice: 1_000 })).sort()).toEqual(['PIZZA-BUFALA', 'PIZZA-DIAVOLA']);
      expect((await t.search.search({ minPrice: 1_000_000 })).total).toBe(0);
    });

    it('filters by stock', async () => {
      expect(skus(await t.search.search({ q: 'pizza', inStock: true }))).toEqual(['PIZZA-DIAVOLA', 'PIZZA-MARGHERITA']);
      expect(skus(await t.search.search({ inStock: false }))).toEqual(['ESPRESSO', 'PIZZA-BUFALA']);
      expect(skus(await t.search.search({ q: 'margherita', inStock: true, maxPrice: 1_000 }))).toEqual(['PIZZA-MARGHERITA']);
    });

    it('pages with the total of all matches', async () => {
      const pages = await Promise.all([0, 2, 4, 6].map((offset) => t.search.search({ limit: 2, offset })));
      expect(pages.map(skus)).toEqual([['CREME-BRULEE', 'ESPRESSO'], ['LEMONADE', 'PIZZA-BUFALA'], ['PIZZA-DIAVOLA', 'PIZZA-MARGHERITA'], []]);
      expect(pages.map((page) => page.total)).toEqual([6, 6, 6, 6]);
      const second = await t.search.search({ q: 'pizza', limit: 1, offset: 1 });
      expect(second.total).toBe(3);
      expect(second.items).toHaveLength(1);
    });

    it.each([
      ['a double quote', '"'],
      ['an unbalanced quote', 'pizza "margherita'],
      ['a star', '*'],
      ['a parenthesis', '('],
      ['NEAR', 'NEAR'],
      ['NEAR with a group', 'NEAR(pizza margherita, 2)'],
      ['boolean operators', 'pizza AND OR NOT'],
      ['a column filter', 'description:tomato'],
      ['tsquery syntax', "pizza & !tomato | 'x':*"],
      ['an SQL injection', "'; DROP TABLE search_product; --"],
      ['a backslash and control characters', 'pi\\zza\u0000\n\t'],
      ['only punctuation', '"*()^:-+'],
    ])('takes %s in q without an error', async (_case, q) => {
      await expect(t.search.search({ q })).resolves.toMatchObject({ total: expect.any(Number) });
    });

    it('treats query syntax as plain words', async () => {
      expect(skus(await t.search.search({ q: 'pizza "margherita' }))).toEqual(['PIZZA-MARGHERITA', 'PIZZA-BUFALA']);
      expect(skus(await t.search.search({ q: 'diavola" OR "margherita' }))).toEqual([]);
      expect(skus(await t.search.search({ q: 'description:tomato' }))).toEqual([]);
      expect(skus(await t.search.search({ q: '(margherita)' }))).toEqual(['PIZZA-MARGHERITA', 'PIZZA-BUFALA']);
      expect(await t.search.search({ q: '"*()' })).toEqual({ items: [], total: 0 });
      expect(await t.search.search({ q: 'NEAR' })).toEqual({ items: [], total: 0 });
    });

    it('still has every table and row after the hostile queries', async () => {
      await t.search.search({ q: "'; DROP TABLE search_product; --" });
      await t.search.search({ q: "x'); DELETE FROM search_product_fts; --" });
      expect(await t.rows()).toHaveLength(MENU.length);
      expect(await t.ftsRows()).toHaveLength(MENU.length);
    });

    it.each([
      [{ limit: 0 }, 'limit'],
      [{ limit: 51 }, 'limit'],
      [{ minPrice: -1 }, 'minPrice'],
      [{ inStock: 'maybe' }, 'inStock'],
      [{ q: '' }, 'q'],
      [{ minPrice: 10, maxPrice: 5 }, 'maxPrice'],
      [{ unknown: 1 }, 'unknown'],
    ])('rejects %j through the port with ValidationFailedError naming %s', async (input, field) => {
      const failure = t.search.search(input as unknown as SearchProductsInput);
      await expect(failure).rejects.toBeInstanceOf(ValidationFailedError);
      await expect(failure).rejects.toMatchObject({ violations: [{ field }] });
    });
  });

  describe('rebuilding from the catalog', () => {
    beforeEach(async () => {
      t = await SearchTestApp.start();
    });
    afterEach(() => t.close());

    /** 250 products: every tenth a pizza by name, every third one by description, every seventh out of stock, prices spread over 1.00-25.00. */
    const catalog = Array.from({ length: 250 }, (_, i) => {
      const n = String(i).padStart(3, '0');
      const pizza = i % 10 === 0;
      return productChanged(`P-${n}`, {
        name: pizza ? `Pizza number ${n}` : `Dish ${n}`,
        description: i % 3 === 0 ? `Comes with tomato sauce, like a pizza` : `House special ${n}`,
        price: 100 + ((i * 37) % 2_400),
        stock: i % 7 === 0 ? 0 : i,
        version: 1 + (i % 4),
        changedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      });
    });
    const queries: SearchProductsInput[] = [
      { q: 'pizza', limit: 50 },
      { q: 'tomato', limit: 50, offset: 20 },
      { q: 'dish 04' },
      { q: 'house', minPrice: 500, maxPrice: 1_500, inStock: true, limit: 50 },
      { limit: 50, offset: 200 },
    ];

    it('empties the index and reads all 250 products in pages, with the same search results as the events gave', async () => {
      await t.handle(...catalog);
      const before = await Promise.all(queries.map((query) => t.search.search(query)));
      expect(before.map((result) => result.total)).toEqual([100, 84, 9, expect.any(Number), 250]);

      // Something the catalog does not have, and a corrupted text row: a rebuild removes both.
      await t.handle(productChanged('GHOST', { name: 'Pizza ghost' }));
      await t.database.transaction((m) => m.query(`UPDATE search_product_fts SET name = 'nothing' WHERE sku = 'P-000'`));
      t.catalog.put(...catalog.map(productView));

      expect(await t.search.rebuild({ pageSize: 100 })).toEqual({ indexed: 250 });
      expect(t.catalog.calls.list).toEqual([
        { limit: 100, offset: 0 },
        { limit: 100, offset: 100 },
        { limit: 100, offset: 200 },
      ]);
      const after = await Promise.all(queries.map((query) => t.search.search(query)));
      expect(after.map(skus)).toEqual(before.map(skus));
      expect(after.map((result) => result.total)).toEqual(before.map((result) => result.total));
      expect(await t.rows()).toHaveLength(250);
      expect(await t.ftsRows()).toHaveLength(250);
      expect((await t.rows()).every((row) => row.version === 0)).toBe(true);
    });

    it('uses the default page size and stops on an empty catalog', async () => {
      await t.handle(...MENU);
      expect(await t.search.rebuild({})).toEqual({ indexed: 0 });
      expect(t.catalog.calls.list).toEqual([{ limit: 100, offset: 0 }]);
      expect(await t.rows()).toEqual([]);
      expect(await t.ftsRows()).toEqual([]);
    });

    it('lets events after a rebuild win over the rebuilt state, and never the other way round', async () => {
      const changedAt = new Date('2026-02-01T00:00:00Z');
      t.catalog.put(productView(productChanged('ESPRESSO', { name: 'Espresso', price: 300, version: 5, changedAt })));
      await t.search.rebuild({ pageSize: 10 });

      // Late: an event older than the state the catalog listed.
      await t.handle(productChanged('ESPRESSO', { name: 'Old espresso', version: 4, changedAt: new Date('2026-01-15T00:00:00Z') }));
      expect(await t.rows()).toEqual([expect.objectContaining({ name: 'Espresso', version: 0 })]);
      // The very state the catalog listed: its version becomes known.
      await t.handle(productChanged('ESPRESSO', { name: 'Espresso', price: 300, version: 5, changedAt }));
      expect(await t.rows()).toEqual([expect.objectContaining({ name: 'Espresso', version: 5 })]);
      // Newer: applied.
      await t.handle(productChanged('ESPRESSO', { name: 'Doppio', version: 6, changedAt: new Date('2026-02-02T00:00:00Z') }));
      expect(skus(await t.search.search({ q: 'doppio' }))).toEqual(['ESPRESSO']);

      // An event applied while a rebuild runs (after the index was emptied, before the page is
      // written) is not replaced by the older state the catalog listed.
      t.catalog.put(productView(productChanged('ESPRESSO', { name: 'Espresso', version: 5, changedAt })));
      t.catalog.beforeList = () =>
        t.handle(productChanged('ESPRESSO', { name: 'Ristretto', version: 7, changedAt: new Date('2026-02-03T00:00:00Z') }));
      expect(await t.search.rebuild({})).toEqual({ indexed: 1 });
      expect(await t.rows()).toEqual([expect.objectContaining({ name: 'Ristretto', version: 7 })]);
      expect(skus(await t.search.search({ q: 'espresso' }))).toEqual([]);
    });

    it('rejects a page size the catalog would refuse, naming pageSize', async () => {
      await expect(t.search.rebuild({ pageSize: 101 })).rejects.toMatchObject({ violations: [{ field: 'pageSize' }] });
      await expect(t.search.rebuild({ pageSize: 0 })).rejects.toBeInstanceOf(ValidationFailedError);
      expect(t.catalog.calls.list).toEqual([]);
    });
  });
});
