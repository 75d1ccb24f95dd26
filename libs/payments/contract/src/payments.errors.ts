import { DomainError, registerDomainError } from '@foodcourt/platform-runtime';

/** The provider refused the authorization. details: { paymentId, orderId, reason }. */
export class PaymentDeclinedError extends DomainError {
  readonly code = 'PAYMENT_DECLINED';
  readonly kind = 'payment-required' as const;
}

export class PaymentNotFoundError extends DomainError {
  readonly code = 'PAYMENT_NOT_FOUND';
  readonly kind = 'not-found' as const;
}

/** The payment is not in a state that allows this operation (e.g. refunding an uncaptured payment). */
export class PaymentStateError extends DomainError {
  readonly code = 'PAYMENT_INVALID_STATE';
  readonly kind = 'conflict' as const;
}

/** An idempotency key was reused with a different order, amount or currency. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  readonly kind = 'conflict' as const;
}

registerDomainError(PaymentDeclinedError);
registerDomainError(PaymentNotFoundError);
registerDomainError(PaymentStateError);
registerDomainError(IdempotencyKeyReusedError);
