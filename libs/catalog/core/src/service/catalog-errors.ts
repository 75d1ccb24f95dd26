import { InsufficientStockError, ProductExistsError, ProductNotFoundError, ReservationMismatchError } from '@foodcourt/catalog-contract';

export function productsNotFound(skus: string[]): ProductNotFoundError {
  const noun = skus.length === 1 ? 'No product has SKU' : 'No products have SKUs';
  return new ProductNotFoundError(`${noun} ${skus.join(', ')}`, { skus });
}

export function productExists(sku: string): ProductExistsError {
  return new ProductExistsError(`A product with SKU ${sku} exists already`, { sku });
}

export function insufficientStock(sku: string, requested: number, available: number): InsufficientStockError {
  return new InsufficientStockError(`Not enough stock of ${sku}: ${requested} requested, ${available} available`, { sku, requested, available });
}

export function reservationMismatch(orderId: string): ReservationMismatchError {
  return new ReservationMismatchError(`Order ${orderId} has already reserved different lines`, { orderId });
}
