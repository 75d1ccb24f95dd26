import type { UserRegisteredPayload } from '@foodcourt/identity-contract';
import type { OrderCancelledPayload, OrderConfirmedPayload } from '@foodcourt/orders-contract';
import type { PaymentCapturedPayload, PaymentFailedPayload } from '@foodcourt/payments-contract';

/** An order of 2 × 6.25 EUR = EUR 12.50 for ann@example.com. */
export const orderConfirmed = (): OrderConfirmedPayload => ({
  orderId: '11111111-1111-4111-8111-111111111111',
  customerId: '55555555-5555-4555-8555-555555555555',
  customerEmail: 'ann@example.com',
  total: 1250,
  currency: 'EUR',
  paymentId: '22222222-2222-4222-8222-222222222222',
  lines: [{ sku: 'PIZZA-MARGHERITA', quantity: 2, unitPrice: 625 }],
  confirmedAt: new Date('2026-01-02T03:04:05Z'),
});

/** The same order, cancelled. */
export const orderCancelled = (): OrderCancelledPayload => {
  const { lines: _lines, confirmedAt: _at, ...rest } = orderConfirmed();
  return { ...rest, cancelledAt: new Date('2026-01-03T00:00:00Z') };
};

/** EUR 12.50 taken for Ann's order; `receiptEmail` only when given. */
export const paymentCaptured = (receiptEmail?: string): PaymentCapturedPayload => ({
  paymentId: '22222222-2222-4222-8222-222222222222',
  orderId: '11111111-1111-4111-8111-111111111111',
  amount: 1250,
  currency: 'EUR',
  ...(receiptEmail ? { receiptEmail } : {}),
  capturedAt: new Date('2026-01-02T03:04:00Z'),
});

/** A declined payment; `receiptEmail` only when given. */
export const paymentFailed = (receiptEmail?: string): PaymentFailedPayload => ({
  paymentId: '33333333-3333-4333-8333-333333333333',
  orderId: '11111111-1111-4111-8111-111111111111',
  amount: 999,
  currency: 'USD',
  ...(receiptEmail ? { receiptEmail } : {}),
  reason: 'card declined',
  failedAt: new Date('2026-01-02T03:04:05Z'),
});

/** Ann's new account. */
export const userRegistered = (): UserRegisteredPayload => ({
  userId: '44444444-4444-4444-8444-444444444444',
  email: 'ann@example.com',
  name: 'Ann <Admin> & Co',
  registeredAt: new Date('2026-01-02T03:04:05Z'),
});
