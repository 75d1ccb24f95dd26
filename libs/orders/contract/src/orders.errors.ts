import { DomainError, DomainErrorCode } from '@foodcourt/platform-kernel';

@DomainErrorCode('ORDER_NOT_FOUND', 'not-found')
export class OrderNotFoundError extends DomainError {}

/** The order's state does not allow the operation (e.g. cancelling an order whose payment failed). */
@DomainErrorCode('ORDER_INVALID_STATE', 'conflict')
export class OrderStateError extends DomainError {}

/** The same Idempotency-Key was sent with a different checkout body. */
@DomainErrorCode('CHECKOUT_KEY_REUSED', 'conflict')
export class CheckoutKeyReusedError extends DomainError {}

/** The catalog's products in one order are priced in different currencies. */
@DomainErrorCode('MIXED_CURRENCIES', 'conflict')
export class MixedCurrenciesError extends DomainError {}
