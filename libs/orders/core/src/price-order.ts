import { ValidationFailedError } from '@foodcourt/platform-kernel';
import type { CatalogApi } from '@foodcourt/catalog-contract';
import { type OrderLineInput, MixedCurrenciesError } from '@foodcourt/orders-contract';
import { MAX_PAYMENT_AMOUNT } from '@foodcourt/payments-contract';
import type { StoredOrderLine } from './order.entity';

/** Lines priced by the catalog (the client sends only sku and quantity), their currency and total. */
export interface PricedOrder {
  lines: StoredOrderLine[];
  currency: string;
  total: number;
}

/** Reads every line's current price from the catalog; a repeated sku is one line with the summed quantity. */
export async function priceOrder(catalog: CatalogApi, requested: OrderLineInput[]): Promise<PricedOrder> {
  const quantities = new Map<string, number>();
  for (const line of requested) quantities.set(line.sku, (quantities.get(line.sku) ?? 0) + line.quantity);
  const { items } = await catalog.getMany({ skus: [...quantities.keys()] });
  const currencies = new Set(items.map((p) => p.currency));
  if (currencies.size > 1) {
    throw new MixedCurrenciesError(`These products are priced in different currencies (${[...currencies].join(', ')}); order them separately`, {
      currencies: [...currencies],
    });
  }
  const lines = items.map((product) => ({ sku: product.sku, quantity: quantities.get(product.sku)!, unitPrice: product.price }));
  const total = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  if (total > MAX_PAYMENT_AMOUNT) {
    // Each line is within bounds, but the sum must fit one payment: refuse before anything is stored.
    throw ValidationFailedError.fromViolations([{ field: 'lines', messages: [`the order total ${total} exceeds the largest payment, ${MAX_PAYMENT_AMOUNT}`] }]);
  }
  return { lines, currency: items[0]!.currency, total };
}
