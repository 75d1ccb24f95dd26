import { DomainError, DomainErrorCode } from '@foodcourt/platform-kernel';

/** One or more SKUs do not exist. details: { skus: string[] }. */
@DomainErrorCode('PRODUCT_NOT_FOUND', 'not-found')
export class ProductNotFoundError extends DomainError {}

/** A product with this SKU exists already. */
@DomainErrorCode('PRODUCT_EXISTS', 'conflict')
export class ProductExistsError extends DomainError {}

/** Not enough stock for a reservation; nothing was reserved. details: { sku, requested, available }. */
@DomainErrorCode('INSUFFICIENT_STOCK', 'conflict')
export class InsufficientStockError extends DomainError {}

/** The order id was already used to reserve different lines. */
@DomainErrorCode('RESERVATION_MISMATCH', 'conflict')
export class ReservationMismatchError extends DomainError {}
