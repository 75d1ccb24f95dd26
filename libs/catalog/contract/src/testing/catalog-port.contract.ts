// Spec support (the `@foodcourt/catalog-contract/testing` entry): what every implementation of
// CatalogPort must do, as far as its consumers (orders' checkout, search's rebuild) rely on it.
// catalog-core runs it against the real core on SQLite, catalog-contract against FakeCatalog:
// a fake that drifts from the core fails here, not in some other domain's green test.
import { randomUUID } from 'node:crypto';
import { failureOf } from '@foodcourt/platform-kernel/testing';
import { InsufficientStockError, ProductExistsError, ProductNotFoundError, ReservationMismatchError } from '../catalog.errors';
import type { CatalogApi } from '../catalog.port';
import type { CreateProductInput } from '../product.dto';

/** One implementation under test, reached through its port; close() frees what start() took. */
export interface CatalogPortSubject {
  port: CatalogApi;
  close(): Promise<void>;
}

const product = (sku: string, overrides: Partial<CreateProductInput> = {}): CreateProductInput => ({
  sku,
  name: `Name of ${sku}`,
  description: `Description of ${sku}`,
  price: 500,
  currency: 'EUR',
  stock: 10,
  ...overrides,
});

/** Defines the CatalogPort contract suite; `start` builds a fresh, empty catalog for every case. */
export function describeCatalogPortContract(label: string, start: () => Promise<CatalogPortSubject>): void {
  describe(`CatalogPort contract: ${label}`, () => {
    let subject: CatalogPortSubject;
    let catalog: CatalogApi;

    beforeEach(async () => {
      subject = await start();
      catalog = subject.port;
    });

    afterEach(() => subject.close());

    const stockOf = async (sku: string) => (await catalog.get({ sku })).stock;

    describe('products', () => {
      it('answers a created product, then the same from get, with Date timestamps', async () => {
        const created = await catalog.create(product('PIZZA'));
        expect(created).toMatchObject(product('PIZZA'));
        expect(created.createdAt).toBeInstanceOf(Date);
        expect(created.updatedAt).toBeInstanceOf(Date);
        expect(await catalog.get({ sku: 'PIZZA' })).toEqual(created);
      });

      it('refuses a second product with the same SKU with ProductExistsError and keeps the first', async () => {
        await catalog.create(product('PIZZA', { price: 950 }));
        await expect(catalog.create(product('PIZZA', { price: 1 }))).rejects.toBeInstanceOf(ProductExistsError);
        expect(await catalog.get({ sku: 'PIZZA' })).toMatchObject({ price: 950 });
      });

      it('answers an unknown SKU with ProductNotFoundError naming it, for get and update', async () => {
        const error = await failureOf(catalog.get({ sku: 'NOPE' }));
        expect(error).toBeInstanceOf(ProductNotFoundError);
        expect(error).toMatchObject({ details: { skus: ['NOPE'] } });
        await expect(catalog.update({ sku: 'NOPE', price: 1 })).rejects.toBeInstanceOf(ProductNotFoundError);
      });

      it('updates only the fields given', async () => {
        await catalog.create(product('PIZZA'));
        const updated = await catalog.update({ sku: 'PIZZA', price: 1_200 });
        expect(updated).toMatchObject({ ...product('PIZZA'), price: 1_200 });
        expect(await catalog.get({ sku: 'PIZZA' })).toMatchObject({ price: 1_200, stock: 10 });
      });

      it('answers an update without fields with the product as it is, updatedAt included', async () => {
        const created = await catalog.create(product('PIZZA'));
        expect(await catalog.update({ sku: 'PIZZA' })).toEqual(created);
      });

      it('gets many products in the order asked, or ProductNotFoundError listing exactly the missing SKUs', async () => {
        for (const sku of ['A', 'B', 'C']) await catalog.create(product(sku));
        const many = await catalog.getMany({ skus: ['C', 'A'] });
        expect(many.items.map((p) => p.sku)).toEqual(['C', 'A']);
        expect(many.total).toBe(2);
        const error = await failureOf(catalog.getMany({ skus: ['A', 'X', 'B', 'Y'] }));
        expect(error).toBeInstanceOf(ProductNotFoundError);
        expect(error).toMatchObject({ details: { skus: ['X', 'Y'] } });
      });

      it('lists products ordered by SKU, a page at a time, with the total', async () => {
        for (const sku of ['D', 'B', 'E', 'A', 'C']) await catalog.create(product(sku));
        const page = async (limit: number, offset: number) => {
          const { items, total } = await catalog.list({ limit, offset });
          return { skus: items.map((p) => p.sku), total };
        };
        expect(await page(2, 0)).toEqual({ skus: ['A', 'B'], total: 5 });
        expect(await page(2, 2)).toEqual({ skus: ['C', 'D'], total: 5 });
        expect(await page(2, 4)).toEqual({ skus: ['E'], total: 5 });
        expect(await page(2, 6)).toEqual({ skus: [], total: 5 });
        expect((await catalog.list({})).items).toHaveLength(5);
      });
    });

    describe('stock reservations', () => {
      beforeEach(async () => {
        await catalog.create(product('PIZZA', { stock: 10 }));
        await catalog.create(product('COLA', { stock: 5 }));
      });

      it('takes the stock of every line and answers RESERVED with the lines as requested', async () => {
        const orderId = randomUUID();
        const lines = [
          { sku: 'PIZZA', quantity: 2 },
          { sku: 'COLA', quantity: 1 },
          { sku: 'PIZZA', quantity: 1 },
        ];
        expect(await catalog.reserveStock({ orderId, lines })).toEqual({ orderId, status: 'RESERVED', lines });
        expect(await stockOf('PIZZA')).toBe(7);
        expect(await stockOf('COLA')).toBe(4);
      });

      it('reserves once per order id: a retry with the same lines, in any order or splitting, answers the first reservation', async () => {
        const orderId = randomUUID();
        const first = await catalog.reserveStock({ orderId, lines: [{ sku: 'PIZZA', quantity: 2 }, { sku: 'COLA', quantity: 1 }] });
        const retry = await catalog.reserveStock({ orderId, lines: [{ sku: 'COLA', quantity: 1 }, { sku: 'PIZZA', quantity: 1 }, { sku: 'PIZZA', quantity: 1 }] });
        expect(retry).toEqual(first);
        expect(await stockOf('PIZZA')).toBe(8);
        expect(await stockOf('COLA')).toBe(4);
      });

      it('refuses the same order id with other lines with ReservationMismatchError naming the order', async () => {
        const orderId = randomUUID();
        await catalog.reserveStock({ orderId, lines: [{ sku: 'PIZZA', quantity: 2 }] });
        const error = await failureOf(catalog.reserveStock({ orderId, lines: [{ sku: 'PIZZA', quantity: 3 }] }));
        expect(error).toBeInstanceOf(ReservationMismatchError);
        expect(error).toMatchObject({ details: { orderId } });
        expect(await stockOf('PIZZA')).toBe(8);
      });

      it('takes nothing when a line lacks stock (repeated SKUs count together): InsufficientStockError with sku, requested, available', async () => {
        const orderId = randomUUID();
        const error = await failureOf(catalog.reserveStock({ orderId, lines: [{ sku: 'PIZZA', quantity: 1 }, { sku: 'COLA', quantity: 3 }, { sku: 'COLA', quantity: 3 }] }));
        expect(error).toBeInstanceOf(InsufficientStockError);
        expect(error).toMatchObject({ details: { sku: 'COLA', requested: 6, available: 5 } });
        expect(await stockOf('PIZZA')).toBe(10);
        expect(await stockOf('COLA')).toBe(5);
        // Nothing was stored under the order id: once there is stock, the same order reserves.
        await expect(catalog.reserveStock({ orderId, lines: [{ sku: 'PIZZA', quantity: 1 }, { sku: 'COLA', quantity: 5 }] })).resolves.toMatchObject({ status: 'RESERVED' });
      });

      it('takes nothing when a SKU is unknown: ProductNotFoundError listing the unknown SKUs', async () => {
        const error = await failureOf(
          catalog.reserveStock({ orderId: randomUUID(), lines: [{ sku: 'PIZZA', quantity: 1 }, { sku: 'GHOST', quantity: 1 }, { sku: 'WRAITH', quantity: 1 }] }),
        );
        expect(error).toBeInstanceOf(ProductNotFoundError);
        expect(error).toMatchObject({ details: { skus: ['GHOST', 'WRAITH'] } });
        expect(await stockOf('PIZZA')).toBe(10);
      });

      it('releases once: the stock comes back one time, and a later reserve with the same lines answers RELEASED and takes nothing', async () => {
        const orderId = randomUUID();
        const lines = [{ sku: 'PIZZA', quantity: 4 }];
        await catalog.reserveStock({ orderId, lines });
        expect(await catalog.releaseStock({ orderId })).toEqual({ orderId, status: 'RELEASED', lines });
        expect(await stockOf('PIZZA')).toBe(10);
        expect(await catalog.releaseStock({ orderId })).toEqual({ orderId, status: 'RELEASED', lines });
        expect(await catalog.reserveStock({ orderId, lines })).toEqual({ orderId, status: 'RELEASED', lines });
        expect(await stockOf('PIZZA')).toBe(10);
        // Released is still this order's reservation: other lines are a mismatch, not a new reservation.
        await expect(catalog.reserveStock({ orderId, lines: [{ sku: 'COLA', quantity: 1 }] })).rejects.toBeInstanceOf(ReservationMismatchError);
      });

      it('release before reserve: a RELEASED tombstone without lines answers the late reserve, whatever its lines, which takes nothing', async () => {
        const orderId = randomUUID();
        expect(await catalog.releaseStock({ orderId })).toEqual({ orderId, status: 'RELEASED', lines: [] });
        expect(await catalog.reserveStock({ orderId, lines: [{ sku: 'PIZZA', quantity: 3 }] })).toEqual({ orderId, status: 'RELEASED', lines: [] });
        expect(await catalog.releaseStock({ orderId })).toEqual({ orderId, status: 'RELEASED', lines: [] });
        expect(await stockOf('PIZZA')).toBe(10);
      });
    });
  });
}
