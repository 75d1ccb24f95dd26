import {
  IdempotencyKeyReusedError,
  PaymentDeclinedError,
  PaymentNotFoundError,
  PaymentStateError,
  type AuthorizePaymentInput,
} from '@foodcourt/payments-contract';
import type { PaymentEntity } from '../persistence/payment.entity';

/** The error a declined payment answers with, the first time and on every retry. */
export function declinedError(payment: PaymentEntity): PaymentDeclinedError {
  const reason = payment.declineReason ?? 'declined by the provider';
  return new PaymentDeclinedError(`Payment declined: ${reason}`, { paymentId: payment.id, orderId: payment.orderId, reason });
}

export function notFoundError(paymentId: string): PaymentNotFoundError {
  return new PaymentNotFoundError(`Payment ${paymentId} does not exist`, { paymentId });
}

/** `action` reads in "only a CAPTURED payment can be <action>". */
export function stateError(payment: PaymentEntity, action: string, required: string): PaymentStateError {
  return new PaymentStateError(`Payment ${payment.id} is ${payment.status}: only a ${required} payment can be ${action}`, {
    paymentId: payment.id,
    status: payment.status,
  });
}

/** Null when `input` repeats the payment stored under its key; the error naming what differs otherwise. */
export function keyReuseError(payment: PaymentEntity, input: AuthorizePaymentInput): IdempotencyKeyReusedError | null {
  const differing = (['orderId', 'customerId', 'amount', 'currency'] as const).filter((field) => payment[field] !== input[field]);
  if (differing.length === 0) return null;
  return new IdempotencyKeyReusedError(`Idempotency key already used for a payment with a different ${differing.join(', ')}`, {
    fields: differing,
  });
}
