import { DomainError, registerDomainError } from '@foodcourt/platform-runtime';

/** One or more SKUs do not exist. details: { skus: string[] }. */
export class ProductNotFoundError extends DomainError {
  readonly code = 'PRODUCT_NOT_FOUND';
  readonly kind = 'not-found' as const;
}

/** A product with this SKU exists already. */
export class ProductExistsError extends DomainError {
  readonly code = 'PRODUCT_EXISTS';
  readonly kind = 'conflict' as const;
}

/** Not enough stock for a reservation; nothing was reserved. details: { sku, requested, available }. */
export class InsufficientStockError extends DomainError {
  readonly code = 'INSUFFICIENT_STOCK';
  readonly kind = 'conflict' as const;
}

/** The order id was already used to reserve different lines. */
export class ReservationMismatchError extends DomainError {
  readonly code = 'RESERVATION_MISMATCH';
  readonly kind = 'conflict' as const;
}

registerDomainError(ProductNotFoundError);
registerDomainError(ProductExistsError);
registerDomainError(InsufficientStockError);
registerDomainError(ReservationMismatchError);
