import { randomUUID } from 'node:crypto';
import { ValidationFailedError } from '@foodcourt/platform-kernel';

const KEY = /^[\x21-\x7E]{1,200}$/;

/** The checkout's Idempotency-Key header: checked when sent, a fresh key (no deduplication) when absent. */
export function idempotencyKeyFrom(header: string | string[] | undefined): string {
  if (header === undefined) return randomUUID();
  if (typeof header !== 'string' || !KEY.test(header)) {
    throw ValidationFailedError.fromViolations([
      { field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1-200 visible ASCII characters, sent once'] },
    ]);
  }
  return header;
}
