import type { PaymentCapturedPayload, PaymentFailedPayload } from '@foodcourt/payments-contract';
import type { PaymentEntity } from '../persistence/payment.entity';

/** Payload of payments.payment-captured for a payment just captured. */
export function capturedPayload(payment: PaymentEntity): PaymentCapturedPayload {
  return { ...common(payment), capturedAt: payment.updatedAt };
}

/** Payload of payments.payment-failed for a payment just declined. */
export function failedPayload(payment: PaymentEntity): PaymentFailedPayload {
  return { ...common(payment), reason: payment.declineReason ?? '', failedAt: payment.updatedAt };
}

function common(payment: PaymentEntity) {
  return {
    paymentId: payment.id,
    orderId: payment.orderId,
    amount: payment.amount,
    currency: payment.currency,
    ...(payment.receiptEmail !== null ? { receiptEmail: payment.receiptEmail } : {}),
  };
}
