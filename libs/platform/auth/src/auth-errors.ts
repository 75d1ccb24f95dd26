import { DomainError, registerDomainError } from '@foodcourt/platform-runtime';

/** No valid access token: missing, malformed, tampered, expired or signed by an unknown key. */
export class UnauthorizedError extends DomainError {
  readonly code = 'UNAUTHORIZED';
  readonly kind = 'unauthorized' as const;
}

/** A valid caller without the role an operation needs. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden' as const;
}

registerDomainError(UnauthorizedError);
registerDomainError(ForbiddenError);
