import { PaymentView } from '@foodcourt/payments-contract';
import type { PaymentEntity } from '../persistence/payment.entity';

/** A payment row as callers see it: optional fields left out when empty, no provider internals. */
export function toPaymentView(payment: PaymentEntity): PaymentView {
  const view = new PaymentView();
  view.id = payment.id;
  view.orderId = payment.orderId;
  view.customerId = payment.customerId;
  view.status = payment.status;
  view.amount = payment.amount;
  view.currency = payment.currency;
  if (payment.receiptEmail !== null) view.receiptEmail = payment.receiptEmail;
  if (payment.declineReason !== null) view.declineReason = payment.declineReason;
  view.createdAt = payment.createdAt;
  view.updatedAt = payment.updatedAt;
  return view;
}
