import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ValidationFailedError } from '@foodcourt/platform-kernel';
import {
  InsufficientStockError,
  ProductExistsError,
  ProductNotFoundError,
  ReservationMismatchError,
  type CreateProductInput,
  type ProductChangedPayload,
  type ReserveStockInput,
} from '@foodcourt/catalog-contract';
import { thrownBy } from '@foodcourt/platform-testing';
import { startCatalogContext, type CatalogTestContext } from './testing/catalog-test-context';

type ChangedEvent = Omit<ProductChangedPayload, 'changedAt'> & { changedAt: string };

describe('catalog port (local binding, real SQLite)', () => {
  let ctx: CatalogTestContext;

  beforeEach(async () => {
    ctx = await startCatalogContext();
  });

  afterEach(async () => {
    await ctx.close();
  });

  const product = (overrides: Partial<CreateProductInput> = {}): CreateProductInput => ({
    sku: 'PIZZA-MARGHERITA',
    name: 'Pizza Margherita',
    description: 'Tomato, mozzarella, basil',
    price: 950,
    currency: 'EUR',
    stock: 10,
    ...overrides,
  });

  /** The catalog.product-changed payloads in the outbox, per SKU in version order. */
  async function changedEvents(): Promise<ChangedEvent[]> {
    const rows = await ctx.outboxRows();
    expect(rows.every((row) => row.type === 'catalog.product-changed')).toBe(true);
    return rows
      .map((row) => JSON.parse(row.payload) as ChangedEvent)
      .sort((a, b) => (a.sku === b.sku ? a.version - b.version : a.sku < b.sku ? -1 : 1));
  }

  async function stockOf(): Promise<Record<string, number>> {
    return Object.fromEntries((await ctx.productRows()).map((row) => [row.sku, row.stock]));
  }

  describe('products', () => {
    it('creates a product with Date fields, version 1 and a catalog.product-changed event carrying its full state', async () => {
      const created = await ctx.catalog.create(product());
      expect(created).toMatchObject(product());
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(created.updatedAt).toEqual(created.createdAt);
      expect(created).not.toHaveProperty('version');

      const [row] = await ctx.productRows();
      expect(row).toMatchObject({ ...product(), version: 1 });
      expect(await changedEvents()).toEqual([
        { ...product(), version: 1, changedAt: created.updatedAt.toISOString() },
      ]);
      expect(await ctx.catalog.get({ sku: created.sku })).toEqual(created);
    });

    it('refuses a duplicate SKU with ProductExistsError and keeps the first product', async () => {
      await ctx.catalog.create(product());
      const error = await thrownBy(ctx.catalog.create(product({ name: 'Another' })));
      expect(error).toBeInstanceOf(ProductExistsError);
      expect((error as ProductExistsError).details).toEqual({ sku: 'PIZZA-MARGHERITA' });
      expect(await ctx.productRows()).toEqual([expect.objectContaining({ name: 'Pizza Margherita', version: 1 })]);
      expect(await ctx.outboxRows()).toHaveLength(1);
    });

    it('updates only the given fields, raising the version and publishing the full new state per change', async () => {
      const created = await ctx.catalog.create(product());
      await new Promise((resolve) => setTimeout(resolve, 5)); // a distinct updatedAt
      const repriced = await ctx.catalog.update({ sku: created.sku, price: 1_050 });
      expect(repriced).toEqual({ ...created, price: 1_050, updatedAt: expect.any(Date) });
      expect(repriced.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
      const renamed = await ctx.catalog.update({ sku: created.sku, name: 'Margherita', description: '', stock: 3 });
      expect(renamed).toMatchObject({ name: 'Margherita', description: '', stock: 3, price: 1_050, currency: 'EUR' });
      expect(renamed.createdAt).toEqual(created.createdAt);

      expect((await ctx.productRows())[0]).toMatchObject({ version: 3, price: 1_050, stock: 3 });
      expect(await changedEvents()).toEqual([
        { ...product(), version: 1, changedAt: created.updatedAt.toISOString() },
        { ...product(), price: 1_050, version: 2, changedAt: repriced.updatedAt.toISOString() },
        { ...product(), name: 'Margherita', description: '', price: 1_050, stock: 3, version: 3, changedAt: renamed.updatedAt.toISOString() },
      ]);
      expect(await ctx.catalog.get({ sku: created.sku })).toEqual(renamed);
    });

    it('answers an update without fields with the product unchanged (no new version, no event)', async () => {
      const created = await ctx.catalog.create(product());
      expect(await ctx.catalog.update({ sku: created.sku })).toEqual(created);
      expect((await ctx.productRows())[0]!.version).toBe(1);
      expect(await ctx.outboxRows()).toHaveLength(1);
    });

    it('answers an unknown SKU with ProductNotFoundError naming it, for get and update', async () => {
      const getError = await thrownBy(ctx.catalog.get({ sku: 'NOPE' }));
      expect(getError).toBeInstanceOf(ProductNotFoundError);
      expect((getError as ProductNotFoundError).details).toEqual({ skus: ['NOPE'] });
      const updateError = await thrownBy(ctx.catalog.update({ sku: 'NOPE', price: 5 }));
      expect(updateError).toBeInstanceOf(ProductNotFoundError);
      expect((updateError as ProductNotFoundError).details).toEqual({ skus: ['NOPE'] });
      await expect(ctx.catalog.update({ sku: 'NOPE' })).rejects.toBeInstanceOf(ProductNotFoundError);
      expect(await ctx.productRows()).toHaveLength(0);
      expect(await ctx.outboxRows()).toHaveLength(0);
    });

    it('lists products ordered by SKU, a page at a time, with the total', async () => {
      for (const sku of ['TEA', 'BURGER', 'LEMONADE', 'APPLE-PIE']) await ctx.catalog.create(product({ sku }));
      const all = await ctx.catalog.list({});
      expect(all.items.map((p) => p.sku)).toEqual(['APPLE-PIE', 'BURGER', 'LEMONADE', 'TEA']);
      expect(all.total).toBe(4);
      expect(all.items[0]!.createdAt).toBeInstanceOf(Date);
      const page = await ctx.catalog.list({ limit: 2, offset: 1 });
      expect(page.items.map((p) => p.sku)).toEqual(['BURGER', 'LEMONADE']);
      expect(page.total).toBe(4);
      expect(await ctx.catalog.list({ offset: 10 })).toEqual({ items: [], total: 4 });
    });

    it('gets many products in the order asked, or ProductNotFoundError listing exactly the missing SKUs', async () => {
      for (const sku of ['TEA', 'BURGER', 'LEMONADE']) await ctx.catalog.create(product({ sku }));
      const many = await ctx.catalog.getMany({ skus: ['TEA', 'BURGER'] });
      expect(many.items.map((p) => p.sku)).toEqual(['TEA', 'BURGER']);
      expect(many.total).toBe(2);
      expect(many.items[1]!.updatedAt).toBeInstanceOf(Date);

      const error = await thrownBy(ctx.catalog.getMany({ skus: ['TEA', 'PIZZA', 'LEMONADE', 'SALAD'] }));
      expect(error).toBeInstanceOf(ProductNotFoundError);
      expect((error as ProductNotFoundError).details).toEqual({ skus: ['PIZZA', 'SALAD'] });
    });
  });

  describe('stock reservations', () => {
    beforeEach(async () => {
      await ctx.catalog.create(product({ sku: 'PIZZA', stock: 10 }));
      await ctx.catalog.create(product({ sku: 'TEA', stock: 5 }));
      await ctx.catalog.create(product({ sku: 'CAKE', stock: 1 }));
    });

    const reserve = (lines: ReserveStockInput['lines'], orderId: string = randomUUID()): ReserveStockInput => ({ orderId, lines });

    it('takes the stock of every line, raising each version and publishing one event per product', async () => {
      const input = reserve([
        { sku: 'PIZZA', quantity: 2 },
        { sku: 'TEA', quantity: 1 },
      ]);
      const reservation = await ctx.catalog.reserveStock(input);
      expect(reservation).toEqual({ orderId: input.orderId, status: 'RESERVED', lines: input.lines });
      expect(await stockOf()).toEqual({ CAKE: 1, PIZZA: 8, TEA: 4 });

      const events = (await changedEvents()).filter((e) => e.version === 2);
      expect(events).toEqual([
        expect.objectContaining({ sku: 'PIZZA', stock: 8, version: 2, price: 950, name: 'Pizza Margherita' }),
        expect.objectContaining({ sku: 'TEA', stock: 4, version: 2 }),
      ]);
      expect(await ctx.outboxRows()).toHaveLength(5);
      expect((await ctx.catalog.get({ sku: 'PIZZA' })).stock).toBe(8);
    });

    it('reserves once per order id: a retry answers the same reservation and takes nothing more', async () => {
      const input = reserve([
        { sku: 'PIZZA', quantity: 2 },
        { sku: 'TEA', quantity: 1 },
      ]);
      const first = await ctx.catalog.reserveStock(input);
      const outboxAfterFirst = (await ctx.outboxRows()).length;
      const second = await ctx.catalog.reserveStock({ ...input });
      expect(second).toEqual(first);
      // The same lines in another order, or one line split in two, are the same reservation.
      const reordered = await ctx.catalog.reserveStock(
        reserve(
          [
            { sku: 'TEA', quantity: 1 },
            { sku: 'PIZZA', quantity: 1 },
            { sku: 'PIZZA', quantity: 1 },
          ],
          input.orderId,
        ),
      );
      expect(reordered).toEqual(first);
      expect(await stockOf()).toEqual({ CAKE: 1, PIZZA: 8, TEA: 4 });
      expect(await ctx.reservationRows()).toHaveLength(1);
      expect(await ctx.outboxRows()).toHaveLength(outboxAfterFirst);
    });

    it('merges lines of the same SKU: one decrement and one event for that product', async () => {
      const input = reserve([
        { sku: 'PIZZA', quantity: 1 },
        { sku: 'PIZZA', quantity: 2 },
      ]);
      const reservation = await ctx.catalog.reserveStock(input);
      expect(reservation.lines).toEqual(input.lines); // as requested
      expect(await stockOf()).toMatchObject({ PIZZA: 7 });
      const pizza = (await changedEvents()).filter((e) => e.sku === 'PIZZA');
      expect(pizza.map((e) => [e.version, e.stock])).toEqual([
        [1, 10],
        [2, 7],
      ]);
    });

    it('refuses the same order id with other lines with ReservationMismatchError', async () => {
      const input = reserve([{ sku: 'PIZZA', quantity: 2 }]);
      await ctx.catalog.reserveStock(input);
      for (const lines of [[{ sku: 'PIZZA', quantity: 3 }], [{ sku: 'TEA', quantity: 2 }], [{ sku: 'PIZZA', quantity: 2 }, { sku: 'TEA', quantity: 1 }]]) {
        const error = await thrownBy(ctx.catalog.reserveStock(reserve(lines, input.orderId)));
        expect(error).toBeInstanceOf(ReservationMismatchError);
        expect((error as ReservationMismatchError).details).toEqual({ orderId: input.orderId });
      }
      expect(await stockOf()).toEqual({ CAKE: 1, PIZZA: 8, TEA: 5 });
    });

    it('takes nothing when one line lacks stock: InsufficientStockError with details, no reservation, no event', async () => {
      const input = reserve([
        { sku: 'PIZZA', quantity: 2 },
        { sku: 'TEA', quantity: 6 },
        { sku: 'CAKE', quantity: 1 },
      ]);
      const error = await thrownBy(ctx.catalog.reserveStock(input));
      expect(error).toBeInstanceOf(InsufficientStockError);
      expect((error as InsufficientStockError).details).toEqual({ sku: 'TEA', requested: 6, available: 5 });
      expect(await stockOf()).toEqual({ CAKE: 1, PIZZA: 10, TEA: 5 });
      expect((await ctx.productRows()).map((row) => row.version)).toEqual([1, 1, 1]);
      expect(await ctx.reservationRows()).toHaveLength(0);
      expect(await ctx.outboxRows()).toHaveLength(3);

      // Nothing was stored for the order id: it can reserve what is there.
      await expect(ctx.catalog.reserveStock(reserve([{ sku: 'TEA', quantity: 5 }], input.orderId))).resolves.toMatchObject({ status: 'RESERVED' });
    });

    it('counts merged lines against the stock', async () => {
      const error = await thrownBy(ctx.catalog.reserveStock(reserve([{ sku: 'TEA', quantity: 3 }, { sku: 'TEA', quantity: 3 }])));
      expect((error as InsufficientStockError).details).toEqual({ sku: 'TEA', requested: 6, available: 5 });
    });

    it('takes nothing when a SKU is unknown: ProductNotFoundError listing the unknown SKUs', async () => {
      const error = await thrownBy(
        ctx.catalog.reserveStock(reserve([{ sku: 'PIZZA', quantity: 1 }, { sku: 'SUSHI', quantity: 1 }, { sku: 'RAMEN', quantity: 1 }])),
      );
      expect(error).toBeInstanceOf(ProductNotFoundError);
      expect((error as ProductNotFoundError).details).toEqual({ skus: ['RAMEN', 'SUSHI'] });
      expect(await stockOf()).toEqual({ CAKE: 1, PIZZA: 10, TEA: 5 });
      expect(await ctx.reservationRows()).toHaveLength(0);
    });

    it('releases once: the stock comes back one time, with one event per product', async () => {
      const input = reserve([{ sku: 'PIZZA', quantity: 2 }, { sku: 'TEA', quantity: 1 }]);
      await ctx.catalog.reserveStock(input);
      const released = await ctx.catalog.releaseStock({ orderId: input.orderId });
      expect(released).toEqual({ orderId: input.orderId, status: 'RELEASED', lines: input.lines });
      expect(await stockOf()).toEqual({ CAKE: 1, PIZZA: 10, TEA: 5 });

      expect(await ctx.catalog.releaseStock({ orderId: input.orderId })).toEqual(released);
      expect(await stockOf()).toEqual({ CAKE: 1, PIZZA: 10, TEA: 5 });
      const events = await changedEvents();
      expect(events.filter((e) => e.sku === 'PIZZA').map((e) => [e.version, e.stock])).toEqual([
        [1, 10],
        [2, 8],
        [3, 10],
      ]);
      expect(events.filter((e) => e.sku === 'CAKE')).toHaveLength(1);

      // A late retry of the reserve answers the released reservation and does not take the stock again.
      expect(await ctx.catalog.reserveStock({ ...input })).toEqual(released);
      expect(await stockOf()).toEqual({ CAKE: 1, PIZZA: 10, TEA: 5 });
    });

    it('release before reserve: a tombstone answers the late reserve, which takes nothing', async () => {
      const orderId = randomUUID();
      const released = await ctx.catalog.releaseStock({ orderId });
      expect(released).toEqual({ orderId, status: 'RELEASED', lines: [] });
      expect(await ctx.reservationRows()).toEqual([expect.objectContaining({ orderId, status: 'RELEASED', lines: '[]' })]);

      const late = await ctx.catalog.reserveStock(reserve([{ sku: 'PIZZA', quantity: 2 }], orderId));
      expect(late).toEqual(released);
      expect(await stockOf()).toEqual({ CAKE: 1, PIZZA: 10, TEA: 5 });
      expect(await ctx.catalog.releaseStock({ orderId })).toEqual(released);
      expect(await ctx.outboxRows()).toHaveLength(3);
    });

    it('lets exactly one of 10 concurrent reservations take the last unit', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, () => ctx.catalog.reserveStock(reserve([{ sku: 'CAKE', quantity: 1 }]))),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(9);
      for (const { reason } of lost) {
        expect(reason).toBeInstanceOf(InsufficientStockError);
        expect((reason as InsufficientStockError).details).toEqual({ sku: 'CAKE', requested: 1, available: 0 });
      }
      expect(await stockOf()).toMatchObject({ CAKE: 0 });
      expect(await ctx.reservationRows()).toHaveLength(1);
      expect((await changedEvents()).filter((e) => e.sku === 'CAKE').map((e) => e.stock)).toEqual([1, 0]);
    });
  });

  describe('bad input', () => {
    it.each([
      ['a negative price', { price: -5 }, 'price'],
      ['a lower-case SKU', { sku: 'pizza' }, 'sku'],
      ['an unknown field', { colour: 'red' }, 'colour'],
      ['a stock over MAX_STOCK', { stock: 1_000_001 }, 'stock'],
      ['a lower-case currency', { currency: 'eur' }, 'currency'],
    ])('create rejects %s naming the field and writes nothing', async (_case, overrides, field) => {
      const error = await thrownBy(ctx.catalog.create({ ...product(), ...overrides } as CreateProductInput));
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual([field]);
      expect(error.message).toContain(field);
      expect(await ctx.productRows()).toHaveLength(0);
      expect(await ctx.outboxRows()).toHaveLength(0);
    });

    it('update rejects a negative price and an unknown field, changing nothing', async () => {
      await ctx.catalog.create(product());
      const negative = await thrownBy(ctx.catalog.update({ sku: 'PIZZA-MARGHERITA', price: -1 }));
      expect((negative as ValidationFailedError).violations.map((v) => v.field)).toEqual(['price']);
      const currency = await thrownBy(ctx.catalog.update({ sku: 'PIZZA-MARGHERITA', currency: 'USD' } as never));
      expect((currency as ValidationFailedError).violations.map((v) => v.field)).toEqual(['currency']);
      expect((await ctx.productRows())[0]).toMatchObject({ price: 950, currency: 'EUR', version: 1 });
      expect(await ctx.outboxRows()).toHaveLength(1);
    });

    it.each([
      ['a zero quantity', { lines: [{ sku: 'PIZZA', quantity: 0 }] }, 'lines.0.quantity'],
      ['a lower-case SKU', { lines: [{ sku: 'pizza', quantity: 1 }] }, 'lines.0.sku'],
      ['no lines', { lines: [] }, 'lines'],
      ['an order id that is not a UUID', { orderId: 'order-1' }, 'orderId'],
      ['an unknown field', { priority: 'high' }, 'priority'],
    ])('reserveStock rejects %s naming the field and takes nothing', async (_case, overrides, field) => {
      await ctx.catalog.create(product({ sku: 'PIZZA' }));
      const input = { orderId: randomUUID(), lines: [{ sku: 'PIZZA', quantity: 1 }], ...overrides } as ReserveStockInput;
      const error = await thrownBy(ctx.catalog.reserveStock(input));
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual([field]);
      expect(await stockOf()).toEqual({ PIZZA: 10 });
      expect(await ctx.reservationRows()).toHaveLength(0);
    });

    it('getMany rejects a repeated SKU and list a limit over 100', async () => {
      const repeated = await thrownBy(ctx.catalog.getMany({ skus: ['TEA', 'TEA'] }));
      expect((repeated as ValidationFailedError).violations.map((v) => v.field)).toEqual(['skus']);
      const tooMany = await thrownBy(ctx.catalog.list({ limit: 101 }));
      expect((tooMany as ValidationFailedError).violations.map((v) => v.field)).toEqual(['limit']);
    });
  });
});
