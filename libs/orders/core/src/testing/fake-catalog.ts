import {
  InsufficientStockError,
  ProductExistsError,
  ProductNotFoundError,
  ReservationMismatchError,
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
  type StockLine,
  type UpdateProductInput,
} from '@foodcourt/catalog-contract';

/** A product of the fake catalog: its price, currency and stock. */
export interface FakeProduct {
  sku: string;
  price: number;
  currency?: string;
  stock?: number;
}

interface StoredReservation {
  orderId: string;
  status: 'RESERVED' | 'RELEASED';
  lines: StockLine[];
}

/**
 * An in-memory catalog domain (test double for the other domain only): prices and stock per
 * sku; reserveStock is idempotent by order id (RESERVED or RELEASED, a release before the reserve
 * leaves a RELEASED tombstone), like the real one. `down` makes every call fail as if the
 * catalog were unreachable; `onNextReserve` runs once inside the next reserveStock (to change the
 * world between pricing and reserving, or to fail that one call). Records every call it receives.
 */
export class FakeCatalog implements CatalogApi {
  readonly calls = {
    getMany: [] as GetProductsInput[],
    reserveStock: [] as ReserveStockInput[],
    releaseStock: [] as ReleaseStockInput[],
  };
  /** Every call throws a plain Error, as an unreachable catalog would. */
  down = false;
  /** Runs once at the start of the next reserveStock (after `down` is checked); may throw. */
  onNextReserve: ((input: ReserveStockInput) => void) | undefined;

  private readonly products = new Map<string, ProductView>();
  private readonly reservations = new Map<string, StoredReservation>();

  constructor(products: FakeProduct[] = []) {
    for (const product of products) this.put(product);
  }

  /** Adds or replaces a product (test set-up). */
  put({ sku, price, currency = 'EUR', stock = 100 }: FakeProduct): void {
    const now = new Date();
    const existing = this.products.get(sku);
    this.products.set(sku, { sku, name: sku, description: '', price, currency, stock, createdAt: existing?.createdAt ?? now, updatedAt: now });
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
    return stored && view(stored);
  }

  async create(input: CreateProductInput): Promise<ProductView> {
    this.reachable();
    if (this.products.has(input.sku)) throw new ProductExistsError(`Product ${input.sku} exists already`, { sku: input.sku });
    this.put(input);
    return { ...this.products.get(input.sku)!, name: input.name, description: input.description };
  }

  async update({ sku, ...changes }: UpdateProductInput): Promise<ProductView> {
    this.reachable();
    const product = this.find([sku])[0]!;
    Object.assign(product, changes, { updatedAt: new Date() });
    return { ...product };
  }

  async get({ sku }: GetProductInput): Promise<ProductView> {
    this.reachable();
    return { ...this.find([sku])[0]! };
  }

  async getMany(input: GetProductsInput): Promise<ProductList> {
    this.calls.getMany.push(input);
    this.reachable();
    const items = this.find(input.skus).map((p) => ({ ...p }));
    return { items, total: items.length };
  }

  async list({ limit = 20, offset = 0 }: ListProductsInput): Promise<ProductList> {
    this.reachable();
    const all = [...this.products.values()].sort((a, b) => a.sku.localeCompare(b.sku));
    return { items: all.slice(offset, offset + limit).map((p) => ({ ...p })), total: all.length };
  }

  async reserveStock(input: ReserveStockInput): Promise<ReservationView> {
    this.calls.reserveStock.push(input);
    this.reachable();
    const hook = this.onNextReserve;
    this.onNextReserve = undefined;
    hook?.(input);

    const { orderId } = input;
    const lines = merged(input.lines);
    const stored = this.reservations.get(orderId);
    if (stored) {
      // Idempotent by order id: a released reservation (or tombstone) answers RELEASED and takes nothing.
      if (stored.status === 'RELEASED' || sameLines(stored.lines, lines)) return view(stored);
      throw new ReservationMismatchError(`Order ${orderId} already reserved other lines`, { orderId });
    }
    const products = this.find(lines.map((l) => l.sku));
    lines.forEach(({ sku, quantity }, i) => {
      const available = products[i]!.stock;
      if (available < quantity) throw new InsufficientStockError(`Not enough stock of ${sku}`, { sku, requested: quantity, available });
    });
    lines.forEach(({ quantity }, i) => (products[i]!.stock -= quantity));
    const reservation: StoredReservation = { orderId, status: 'RESERVED', lines };
    this.reservations.set(orderId, reservation);
    return view(reservation);
  }

  async releaseStock(input: ReleaseStockInput): Promise<ReservationView> {
    this.calls.releaseStock.push(input);
    this.reachable();
    const stored = this.reservations.get(input.orderId);
    if (!stored) {
      const tombstone: StoredReservation = { orderId: input.orderId, status: 'RELEASED', lines: [] };
      this.reservations.set(input.orderId, tombstone);
      return view(tombstone);
    }
    if (stored.status === 'RESERVED') {
      stored.status = 'RELEASED';
      for (const { sku, quantity } of stored.lines) {
        const product = this.products.get(sku);
        if (product) product.stock += quantity;
      }
    }
    return view(stored);
  }

  private reachable(): void {
    if (this.down) throw new Error('connect ECONNREFUSED catalog');
  }

  /** The stored products of `skus`, in that order; ProductNotFoundError naming every missing one. */
  private find(skus: string[]): ProductView[] {
    const missing = skus.filter((sku) => !this.products.has(sku));
    if (missing.length > 0) throw new ProductNotFoundError(`No product with sku ${missing.join(', ')}`, { skus: missing });
    return skus.map((sku) => this.products.get(sku)!);
  }
}

/** One line per sku with the summed quantity, sorted by sku. */
function merged(lines: StockLine[]): StockLine[] {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of lines) bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity })).sort((a, b) => a.sku.localeCompare(b.sku));
}

function sameLines(a: StockLine[], b: StockLine[]): boolean {
  return JSON.stringify(merged(a)) === JSON.stringify(merged(b));
}

function view(reservation: StoredReservation): ReservationView {
  return { orderId: reservation.orderId, status: reservation.status, lines: reservation.lines.map((l) => ({ ...l })) };
}
