import { DomainError, DomainErrorCode } from '@foodcourt/platform-kernel';

/** The provider refused the authorization. details: { paymentId, orderId, reason }. */
@DomainErrorCode('PAYMENT_DECLINED', 'payment-required')
export class PaymentDeclinedError extends DomainError {}

@DomainErrorCode('PAYMENT_NOT_FOUND', 'not-found')
export class PaymentNotFoundError extends DomainError {}

/** The payment is not in a state that allows this operation (e.g. refunding an uncaptured payment). */
@DomainErrorCode('PAYMENT_INVALID_STATE', 'conflict')
export class PaymentStateError extends DomainError {}

/** An idempotency key was reused with a different order, amount or currency. */
@DomainErrorCode('IDEMPOTENCY_KEY_REUSED', 'conflict')
export class IdempotencyKeyReusedError extends DomainError {}
