import { randomUUID } from 'node:crypto';
import type { AuthorizePaymentInput } from '../payment.dto';

/** A valid authorization for a fresh order (1 250 EUR cents, with a receipt address); `overrides` wins. */
export function anAuthorization(overrides: Partial<AuthorizePaymentInput> = {}): AuthorizePaymentInput {
  return {
    idempotencyKey: `order:${randomUUID()}`,
    orderId: randomUUID(),
    customerId: randomUUID(),
    amount: 1_250,
    currency: 'EUR',
    receiptEmail: 'ada@example.com',
    ...overrides,
  };
}
