import { DomainError, registerDomainError } from '@foodcourt/platform-runtime';

/** The one message of a failed login, whether the e-mail is unknown or the password wrong. */
export const INVALID_CREDENTIALS_MESSAGE = 'Invalid e-mail or password';

/** An account with this e-mail exists already. details: { email }. */
export class EmailTakenError extends DomainError {
  readonly code = 'EMAIL_TAKEN';
  readonly kind = 'conflict' as const;
}

/** Unknown e-mail or wrong password: the two are indistinguishable by design. */
export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  readonly kind = 'unauthorized' as const;
}

/** The refresh token is unknown, expired, revoked or was used already (which revokes its whole session). */
export class InvalidRefreshTokenError extends DomainError {
  readonly code = 'INVALID_REFRESH_TOKEN';
  readonly kind = 'unauthorized' as const;
}

/** Too many login attempts for this e-mail or from this address. details: { retryAfterSeconds }. */
export class TooManyAttemptsError extends DomainError {
  readonly code = 'TOO_MANY_ATTEMPTS';
  readonly kind = 'rate-limited' as const;

  /** Seconds until another attempt may succeed (at least 1). */
  get retryAfterSeconds(): number {
    const value = Number(this.details?.['retryAfterSeconds']);
    return Number.isFinite(value) && value >= 1 ? Math.ceil(value) : 1;
  }
}

/** details: { userId }. */
export class UserNotFoundError extends DomainError {
  readonly code = 'USER_NOT_FOUND';
  readonly kind = 'not-found' as const;
}

registerDomainError(EmailTakenError);
registerDomainError(InvalidCredentialsError);
registerDomainError(InvalidRefreshTokenError);
registerDomainError(TooManyAttemptsError);
registerDomainError(UserNotFoundError);
