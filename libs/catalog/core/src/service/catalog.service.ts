import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { EventPublisher } from '@foodcourt/platform-messaging';
import { DomainDatabase, InjectDomainDatabase, isUniqueViolation } from '@foodcourt/platform-persistence';
import {
  ProductChanged,
  type CatalogApi,
  type CreateProductInput,
  type GetProductInput,
  type GetProductsInput,
  type ListProductsInput,
  type ProductList,
  type ProductView,
  type ReleaseStockInput,
  type ReservationView,
  type ReserveStockInput,
  type UpdateProductInput,
} from '@foodcourt/catalog-contract';
import { ProductEntity } from '../persistence/product.entity';
import { StockReservationEntity } from '../persistence/stock-reservation.entity';
import { insufficientStock, productExists, productsNotFound, reservationMismatch } from './catalog-errors';
import { changedPayload, toProductView, toReservationView } from './catalog-views';
import { mergeLines, parseLines, sameLines, serializeLines, type PlainStockLine } from './stock-lines';

const DEFAULT_PAGE_SIZE = 20;
const UPDATABLE_FIELDS = ['name', 'description', 'price', 'stock'] as const;

/**
 * The catalog port, implemented in-process. Every change of a product (create, update, stock
 * reserved or released) raises its version by one and writes catalog.product-changed with the
 * full new state in the same transaction, one event per product touched.
 *
 * Stock is taken with a conditional decrement (`stock = stock - q WHERE stock >= q`), never by
 * read-then-write, so two reservations cannot both take the last unit: on PostgreSQL the row
 * lock makes the second one re-check the condition, on SQLite DomainDatabase runs one
 * transaction at a time.
 */
@Injectable()
export class CatalogService implements CatalogApi {
  constructor(
    @InjectDomainDatabase('catalog') private readonly db: DomainDatabase,
    private readonly events: EventPublisher,
  ) {}

  async create(input: CreateProductInput): Promise<ProductView> {
    try {
      return await this.db.transaction(async (manager) => {
        if (await manager.existsBy(ProductEntity, { sku: input.sku })) throw productExists(input.sku);
        const now = new Date();
        const product: ProductEntity = {
          sku: input.sku,
          name: input.name,
          description: input.description,
          price: input.price,
          currency: input.currency,
          stock: input.stock,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        await manager.insert(ProductEntity, product);
        await this.events.publish(manager, ProductChanged, changedPayload(product));
        return toProductView(product);
      });
    } catch (error) {
      // Another process (PostgreSQL) inserted the SKU between the check and the insert.
      if (isUniqueViolation(error)) throw productExists(input.sku);
      throw error;
    }
  }

  update(input: UpdateProductInput): Promise<ProductView> {
    const changes: Partial<Pick<ProductEntity, (typeof UPDATABLE_FIELDS)[number]>> = {};
    for (const field of UPDATABLE_FIELDS) {
      if (input[field] !== undefined) Object.assign(changes, { [field]: input[field] });
    }
    return this.db.transaction(async (manager) => {
      if (Object.keys(changes).length === 0) return toProductView(await this.load(manager, input.sku));
      // Only the given columns are written: a concurrent reservation's decrement is never overwritten.
      const result = await manager
        .createQueryBuilder()
        .update(ProductEntity)
        .set({ ...changes, version: () => 'version + 1', updatedAt: new Date() })
        .where('sku = :sku', { sku: input.sku })
        .execute();
      if (result.affected !== 1) throw productsNotFound([input.sku]);
      return toProductView(await this.publishChanged(manager, input.sku));
    });
  }

  get({ sku }: GetProductInput): Promise<ProductView> {
    return this.db.read(async (manager) => toProductView(await this.load(manager, sku)));
  }

  /** Every requested product, in the order requested, or ProductNotFoundError listing the missing SKUs. */
  async getMany({ skus }: GetProductsInput): Promise<ProductList> {
    const found = await this.db.read((manager) => manager.findBy(ProductEntity, { sku: In(skus) }));
    const bySku = new Map(found.map((product) => [product.sku, product]));
    const missing = skus.filter((sku) => !bySku.has(sku));
    if (missing.length > 0) throw productsNotFound(missing);
    return { items: skus.map((sku) => toProductView(bySku.get(sku)!)), total: skus.length };
  }

  /** One page of products ordered by SKU, with the total count. */
  async list({ limit, offset }: ListProductsInput): Promise<ProductList> {
    const [rows, total] = await this.db.read((manager) =>
      manager.findAndCount(ProductEntity, { order: { sku: 'ASC' }, take: limit ?? DEFAULT_PAGE_SIZE, skip: offset ?? 0 }),
    );
    return { items: rows.map(toProductView), total };
  }

  /**
   * Takes the stock of every line for the order, all or nothing. Idempotent by order id: a
   * repeated call with the same lines (in any order or splitting) answers the stored
   * reservation, RESERVED or RELEASED, and takes nothing more; other lines are a
   * ReservationMismatchError. An order released before it was reserved gets its RELEASED
   * tombstone back (see releaseStock).
   */
  async reserveStock({ orderId, lines }: ReserveStockInput): Promise<ReservationView> {
    const requested = lines.map(({ sku, quantity }) => ({ sku, quantity }));
    try {
      return await this.db.transaction((manager) => this.reserve(manager, orderId, requested));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // PostgreSQL: a concurrent call for this order id stored its row first and this transaction
      // rolled back (nothing taken): answer from the stored row, as a retry would.
      const stored = await this.db.read((manager) => manager.findOneBy(StockReservationEntity, { orderId }));
      if (!stored) throw error;
      return answerStored(stored, requested);
    }
  }

  /**
   * Gives the order's reserved stock back, once. Releasing a RELEASED reservation answers it unchanged.
   *
   * Release before reserve: releasing an order id that never reserved stores a RELEASED
   * tombstone without lines, and a reserve arriving later for that order id answers the
   * tombstone and takes nothing. This keeps checkout compensation safe when a reserve call
   * timed out: the caller cannot know whether the reserve ran, was lost, or is still on its
   * way, so it releases; whichever order the two calls reach the catalog in, no stock stays
   * taken for the abandoned order.
   */
  async releaseStock({ orderId }: ReleaseStockInput): Promise<ReservationView> {
    try {
      return await this.db.transaction((manager) => this.release(manager, orderId));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // PostgreSQL: a reservation was stored while this call wrote its tombstone; release that reservation.
      return this.db.transaction((manager) => this.release(manager, orderId));
    }
  }

  private async reserve(manager: EntityManager, orderId: string, requested: PlainStockLine[]): Promise<ReservationView> {
    const stored = await manager.findOneBy(StockReservationEntity, { orderId });
    if (stored) return answerStored(stored, requested);

    const lines = mergeLines(requested);
    const skus = lines.map((line) => line.sku);
    const known = new Set((await manager.findBy(ProductEntity, { sku: In(skus) })).map((product) => product.sku));
    const unknown = skus.filter((sku) => !known.has(sku));
    if (unknown.length > 0) throw productsNotFound(unknown);

    const now = new Date();
    // The row goes in first: on PostgreSQL it holds the order id, so a concurrent call for the same
    // order waits here and then fails on the primary key (answered from the stored row) instead of
    // competing for the stock this call is taking.
    const reservation: StockReservationEntity = { orderId, status: 'RESERVED', lines: serializeLines(requested), createdAt: now, updatedAt: now };
    await manager.insert(StockReservationEntity, reservation);
    // Sorted by SKU: concurrent reservations lock product rows in the same order (no deadlock on PostgreSQL).
    for (const { sku, quantity } of lines) {
      const taken = await manager
        .createQueryBuilder()
        .update(ProductEntity)
        .set({ stock: () => 'stock - :quantity', version: () => 'version + 1', updatedAt: now })
        .where('sku = :sku AND stock >= :quantity', { sku, quantity })
        .execute();
      if (taken.affected !== 1) {
        // Throwing rolls back the reservation row and the decrements before it: nothing is reserved.
        const product = await manager.findOneBy(ProductEntity, { sku });
        if (!product) throw productsNotFound([sku]);
        throw insufficientStock(sku, quantity, product.stock);
      }
    }
    for (const sku of skus) await this.publishChanged(manager, sku);
    return toReservationView(reservation);
  }

  private async release(manager: EntityManager, orderId: string): Promise<ReservationView> {
    const stored = await manager.findOneBy(StockReservationEntity, { orderId });
    const now = new Date();
    if (!stored) {
      // The tombstone: see releaseStock.
      const tombstone: StockReservationEntity = { orderId, status: 'RELEASED', lines: serializeLines([]), createdAt: now, updatedAt: now };
      await manager.insert(StockReservationEntity, tombstone);
      return toReservationView(tombstone);
    }
    if (stored.status === 'RELEASED') return toReservationView(stored);

    // Compare-and-set: of two concurrent releases (PostgreSQL) only one gives the stock back.
    const claimed = await manager.update(StockReservationEntity, { orderId, status: 'RESERVED' }, { status: 'RELEASED', updatedAt: now });
    if (claimed.affected !== 1) return toReservationView(await manager.findOneByOrFail(StockReservationEntity, { orderId }));
    for (const { sku, quantity } of mergeLines(parseLines(stored.lines))) {
      const restored = await manager
        .createQueryBuilder()
        .update(ProductEntity)
        .set({ stock: () => 'stock + :quantity', version: () => 'version + 1', updatedAt: now })
        .where('sku = :sku', { sku, quantity })
        .execute();
      if (restored.affected === 1) await this.publishChanged(manager, sku);
    }
    return toReservationView({ ...stored, status: 'RELEASED', updatedAt: now });
  }

  /** Reads the product as this transaction changed it and writes its catalog.product-changed event. */
  private async publishChanged(manager: EntityManager, sku: string): Promise<ProductEntity> {
    const product = await manager.findOneByOrFail(ProductEntity, { sku });
    await this.events.publish(manager, ProductChanged, changedPayload(product));
    return product;
  }

  private async load(manager: EntityManager, sku: string): Promise<ProductEntity> {
    const product = await manager.findOneBy(ProductEntity, { sku });
    if (!product) throw productsNotFound([sku]);
    return product;
  }
}

/**
 * What a reserve call answers when its order id has a reservation already: the reservation
 * unchanged when the lines are the same, or when it is a release-before-reserve tombstone
 * (RELEASED, no lines), whatever lines this late call asks for; a mismatch error otherwise.
 */
function answerStored(stored: StockReservationEntity, requested: PlainStockLine[]): ReservationView {
  const storedLines = parseLines(stored.lines);
  const tombstone = stored.status === 'RELEASED' && storedLines.length === 0;
  if (!tombstone && !sameLines(storedLines, requested)) throw reservationMismatch(stored.orderId);
  return toReservationView(stored);
}
