import type { ProductChangedPayload, ProductView } from '@foodcourt/catalog-contract';

/** A ProductChanged payload for `sku` at `version`, EUR, in stock unless told otherwise. */
export function productChanged(sku: string, overrides: Partial<ProductChangedPayload> = {}): ProductChangedPayload {
  return {
    sku,
    name: sku,
    description: '',
    price: 1_000,
    currency: 'EUR',
    stock: 10,
    version: 1,
    changedAt: new Date('2026-01-02T03:04:05.000Z'),
    ...overrides,
  };
}

/** A small menu whose texts exercise ranking, prefixes, diacritics, prices and stock. */
export const MENU: ProductChangedPayload[] = [
  productChanged('PIZZA-MARGHERITA', { name: 'Pizza Margherita', description: 'Tomato, mozzarella and basil', price: 950, stock: 12 }),
  productChanged('PIZZA-BUFALA', { name: 'Pizza Bufala', description: 'A margherita made with buffalo mozzarella', price: 1_250, stock: 0 }),
  productChanged('PIZZA-DIAVOLA', { name: 'Pizza Diavola', description: 'Spicy salami, tomato, mozzarella', price: 1_100, stock: 4 }),
  productChanged('CREME-BRULEE', { name: 'Crème brûlée', description: 'Caramelised custard', price: 650, stock: 3 }),
  productChanged('LEMONADE', { name: 'Lemonade', description: 'Fresh lemons, a little sugar', price: 350, stock: 40 }),
  productChanged('ESPRESSO', { name: 'espresso', description: 'Short and strong', price: 250, stock: 0 }),
];

/** The catalog's view of a product in the given state (what CatalogPort.list returns). */
export function productView(payload: ProductChangedPayload): ProductView {
  const { version: _version, changedAt, ...rest } = payload;
  return { ...rest, createdAt: new Date('2026-01-01T00:00:00.000Z'), updatedAt: changedAt };
}
