import type { DomainErrorKind } from '@foodcourt/platform-kernel';

/** The one place a domain error kind becomes an HTTP status. */
export const STATUS_FOR_KIND: Record<DomainErrorKind, number> = {
  'invalid-input': 400,
  unauthorized: 401,
  'payment-required': 402,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  unavailable: 503,
};
