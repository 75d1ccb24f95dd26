// Spec support (the `@foodcourt/catalog-contract/testing` entry, never imported by production code):
// the one in-memory catalog that other domains' tests bind behind CatalogPort. It runs the same
// contract suite as the real core (catalog-port.contract.ts), so it cannot drift from it unnoticed.
import { InsufficientStockError, ProductExistsError, ProductNotFoundError, ReservationMismatchError } from '../catalog.errors';
import type { CatalogApi } from '../catalog.port';
import type {
  CreateProductInput,
  GetProductInput,
  GetProductsInput,
  ListProductsInput,
  ProductList,
  ProductView,
  ReleaseStockInput,
  ReservationView,
  ReserveStockInput,
  StockLine,
  UpdateProductInput,
} from '../product.dto';

/** A product of the fake catalog: sku and price are enough; the rest defaults (EUR, stock 100, name = sku). */
export type FakeProduct = Pick<ProductView, 'sku' | 'price'> & Partial<ProductView>;

interface StoredReservation {
  orderId: string;
  status: 'RESERVED' | 'RELEASED';
  /** As requested: the real catalog answers the lines in the order and splitting they came in. */
  lines: StockLine[];
}

type Calls = { [M in keyof CatalogApi]: Parameters<CatalogApi[M]>[0][] };

const DEFAULT_PAGE_SIZE = 20;
const UPDATABLE_FIELDS = ['name', 'description', 'price', 'stock'] as const;

/**
 * An in-memory catalog domain (a test double for the other domains): products, stock, and
 * reservations idempotent by order id, including the RELEASED tombstone of a release that came
 * before its reserve. Records every call. Knobs: `down` makes every call fail as an unreachable
 * catalog would; `onNextReserve` runs once inside the next reserveStock (to change the world
 * between pricing and reserving, or to fail that one call); `beforeList` runs before each list
 * answers (to change things while a consumer pages through).
 */
export class FakeCatalog implements CatalogApi {
  readonly calls: Calls = { create: [], update: [], get: [], getMany: [], list: [], reserveStock: [], releaseStock: [] };
  /** Every call throws a plain Error, as an unreachable catalog would. */
  down = false;
  /**
   * Runs once at the start of the next reserveStock (after `down` is checked); may throw. Runs
   * synchronously, and the reservation is stored before reserveStock first awaits, so a hook may
   * start another reserve that lands first.
   */
  onNextReserve: ((input: ReserveStockInput) => void) | undefined;
  /** Runs before each list call answers (after recording it). */
  beforeList: (() => Promise<void>) | undefined;

  private readonly products = new Map<string, ProductView>();
  private readonly reservations = new Map<string, StoredReservation>();

  constructor(products: FakeProduct[] = []) {
    this.put(...products);
  }

  /** Adds or replaces products (test set-up). A replaced product keeps its createdAt unless one is given. */
  put(...products: FakeProduct[]): void {
    const now = new Date();
    for (const { sku, price, name = sku, description = '', currency = 'EUR', stock = 100, createdAt, updatedAt = now } of products) {
      const created = createdAt ?? this.products.get(sku)?.createdAt ?? updatedAt;
      this.products.set(sku, { sku, name, description, price, currency, stock, createdAt: created, updatedAt });
    }
  }

  /** Removes a product (test set-up: a product deleted between pricing and reserving). */
  remove(sku: string): void {
    this.products.delete(sku);
  }

  /** Current stock of `sku` (test inspection). */
  stockOf(sku: string): number | undefined {
    return this.products.get(sku)?.stock;
  }

  /** The reservation of `orderId`, if any (test inspection). */
  reservation(orderId: string): ReservationView | undefined {
    const stored = this.reservations.get(orderId);
    return stored && reservationView(stored);
  }

  async create(input: CreateProductInput): Promise<ProductView> {
    this.calls.create.push(input);
    this.reachable();
    if (this.products.has(input.sku)) throw new ProductExistsError(`A product with SKU ${input.sku} exists already`, { sku: input.sku });
    const { sku, name, description, price, currency, stock } = input;
    this.put({ sku, name, description, price, currency, stock });
    return { ...this.products.get(sku)! };
  }

  async update(input: UpdateProductInput): Promise<ProductView> {
    this.calls.update.push(input);
    this.reachable();
    const product = this.find([input.sku])[0]!;
    const changes = UPDATABLE_FIELDS.filter((field) => input[field] !== undefined);
    // Like the real one: an update without fields answers the product as it is, untouched.
    if (changes.length > 0) {
      for (const field of changes) Object.assign(product, { [field]: input[field] });
      product.updatedAt = new Date();
    }
    return { ...product };
  }

  async get(input: GetProductInput): Promise<ProductView> {
    this.calls.get.push(input);
    this.reachable();
    return { ...this.find([input.sku])[0]! };
  }

  async getMany(input: GetProductsInput): Promise<ProductList> {
    this.calls.getMany.push(input);
    this.reachable();
    const items = this.find(input.skus).map((p) => ({ ...p }));
    return { items, total: items.length };
  }

  async list(input: ListProductsInput): Promise<ProductList> {
    this.calls.list.push(input);
    this.reachable();
    await this.beforeList?.();
    const { limit = DEFAULT_PAGE_SIZE, offset = 0 } = input;
    // By SKU in code-unit order, as the real catalog's ORDER BY sku does.
    const all = [...this.products.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
    return { items: all.slice(offset, offset + limit).map((p) => ({ ...p })), total: all.length };
  }

  async reserveStock(input: ReserveStockInput): Promise<ReservationView> {
    this.calls.reserveStock.push(input);
    this.reachable();
    const hook = this.onNextReserve;
    this.onNextReserve = undefined;
    hook?.(input);

    const { orderId } = input;
    const requested = input.lines.map(({ sku, quantity }) => ({ sku, quantity }));
    const stored = this.reservations.get(orderId);
    if (stored) {
      // A tombstone (released before reserved, no lines) answers any late reserve; anything else only the same lines.
      const tombstone = stored.status === 'RELEASED' && stored.lines.length === 0;
      if (tombstone || sameLines(stored.lines, requested)) return reservationView(stored);
      throw new ReservationMismatchError(`Order ${orderId} has already reserved different lines`, { orderId });
    }
    const lines = mergeLines(requested);
    const products = this.find(lines.map((l) => l.sku));
    lines.forEach(({ sku, quantity }, i) => {
      const available = products[i]!.stock;
      if (available < quantity) {
        throw new InsufficientStockError(`Not enough stock of ${sku}: ${quantity} requested, ${available} available`, { sku, requested: quantity, available });
      }
    });
    lines.forEach(({ quantity }, i) => (products[i]!.stock -= quantity));
    const reservation: StoredReservation = { orderId, status: 'RESERVED', lines: requested };
    this.reservations.set(orderId, reservation);
    return reservationView(reservation);
  }

  async releaseStock(input: ReleaseStockInput): Promise<ReservationView> {
    this.calls.releaseStock.push(input);
    this.reachable();
    const stored = this.reservations.get(input.orderId);
    if (!stored) {
      const tombstone: StoredReservation = { orderId: input.orderId, status: 'RELEASED', lines: [] };
      this.reservations.set(input.orderId, tombstone);
      return reservationView(tombstone);
    }
    if (stored.status === 'RESERVED') {
      stored.status = 'RELEASED';
      for (const { sku, quantity } of stored.lines) {
        const product = this.products.get(sku);
        if (product) product.stock += quantity;
      }
    }
    return reservationView(stored);
  }

  private reachable(): void {
    if (this.down) throw new Error('connect ECONNREFUSED catalog');
  }

  /** The stored products of `skus`, in that order; ProductNotFoundError naming every missing one. */
  private find(skus: string[]): ProductView[] {
    const missing = skus.filter((sku) => !this.products.has(sku));
    if (missing.length > 0) {
      const noun = missing.length === 1 ? 'No product has SKU' : 'No products have SKUs';
      throw new ProductNotFoundError(`${noun} ${missing.join(', ')}`, { skus: missing });
    }
    return skus.map((sku) => this.products.get(sku)!);
  }
}

/** One line per SKU with the summed quantity, sorted by SKU: what a reservation takes per product. */
function mergeLines(lines: StockLine[]): StockLine[] {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of lines) bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity })).sort((a, b) => (a.sku < b.sku ? -1 : 1));
}

function sameLines(a: StockLine[], b: StockLine[]): boolean {
  return JSON.stringify(mergeLines(a)) === JSON.stringify(mergeLines(b));
}

function reservationView(reservation: StoredReservation): ReservationView {
  return { orderId: reservation.orderId, status: reservation.status, lines: reservation.lines.map((l) => ({ ...l })) };
}
