import { DomainError, DomainErrorCode } from '@foodcourt/platform-kernel';

/** No valid access token: missing, malformed, tampered, expired or signed by an unknown key. */
@DomainErrorCode('UNAUTHORIZED', 'unauthorized')
export class UnauthorizedError extends DomainError {}

/** A valid caller without the role an operation needs. */
@DomainErrorCode('FORBIDDEN', 'forbidden')
export class ForbiddenError extends DomainError {}
