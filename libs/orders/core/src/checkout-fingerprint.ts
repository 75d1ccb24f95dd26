import { createHash } from 'node:crypto';
import type { CheckoutInput } from '@foodcourt/orders-contract';

/** A hash of what a checkout asks for, so a reused Idempotency-Key with another body is caught. */
export function checkoutFingerprint(input: CheckoutInput): string {
  const canonical = JSON.stringify({
    customerEmail: input.customerEmail.toLowerCase(),
    currency: input.currency,
    lines: input.lines.map((l) => [l.sku, l.quantity, l.unitPrice]),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
