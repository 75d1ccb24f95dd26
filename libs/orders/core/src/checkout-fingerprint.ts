import { createHash } from 'node:crypto';
import type { CheckoutInput } from '@foodcourt/orders-contract';

/** A hash of who checks out and what, so a reused Idempotency-Key with another body (or by another customer) is caught. */
export function checkoutFingerprint(input: CheckoutInput): string {
  const canonical = JSON.stringify({ customer: input.caller.id, lines: input.lines.map((l) => [l.sku, l.quantity]) });
  return createHash('sha256').update(canonical).digest('hex');
}
