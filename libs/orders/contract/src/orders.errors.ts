import { DomainError, registerDomainError } from '@foodcourt/platform-runtime';

export class OrderNotFoundError extends DomainError {
  readonly code = 'ORDER_NOT_FOUND';
  readonly kind = 'not-found' as const;
}

/** The order's state does not allow the operation (e.g. cancelling an order whose payment failed). */
export class OrderStateError extends DomainError {
  readonly code = 'ORDER_INVALID_STATE';
  readonly kind = 'conflict' as const;
}

/** The same Idempotency-Key was sent with a different checkout body. */
export class CheckoutKeyReusedError extends DomainError {
  readonly code = 'CHECKOUT_KEY_REUSED';
  readonly kind = 'conflict' as const;
}

/** The catalog's products in one order are priced in different currencies. */
export class MixedCurrenciesError extends DomainError {
  readonly code = 'MIXED_CURRENCIES';
  readonly kind = 'conflict' as const;
}

registerDomainError(OrderNotFoundError);
registerDomainError(MixedCurrenciesError);
registerDomainError(OrderStateError);
registerDomainError(CheckoutKeyReusedError);
