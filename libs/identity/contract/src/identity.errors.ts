import { DomainError, DomainErrorCode } from '@foodcourt/platform-kernel';

/** The one message of a failed login, whether the e-mail is unknown or the password wrong. */
export const INVALID_CREDENTIALS_MESSAGE = 'Invalid e-mail or password';

/** An account with this e-mail exists already. details: { email }. */
@DomainErrorCode('EMAIL_TAKEN', 'conflict')
export class EmailTakenError extends DomainError {}

/** Unknown e-mail or wrong password: the two are indistinguishable by design. */
@DomainErrorCode('INVALID_CREDENTIALS', 'unauthorized')
export class InvalidCredentialsError extends DomainError {}

/** The refresh token is unknown, expired, revoked or was used already (which revokes its whole session). */
@DomainErrorCode('INVALID_REFRESH_TOKEN', 'unauthorized')
export class InvalidRefreshTokenError extends DomainError {}

/** Too many login attempts for this e-mail or from this address. details: { retryAfterSeconds }. */
@DomainErrorCode('TOO_MANY_ATTEMPTS', 'rate-limited')
export class TooManyAttemptsError extends DomainError {

  /** Seconds until another attempt may succeed (at least 1). */
  get retryAfterSeconds(): number {
    const value = Number(this.details?.['retryAfterSeconds']);
    return Number.isFinite(value) && value >= 1 ? Math.ceil(value) : 1;
  }
}

/** details: { userId }. */
@DomainErrorCode('USER_NOT_FOUND', 'not-found')
export class UserNotFoundError extends DomainError {}

/** A rotation named a key that no longer signs (another rotation came first). details: { currentKid }. */
@DomainErrorCode('SIGNING_KEY_CHANGED', 'conflict')
export class SigningKeyChangedError extends DomainError {}
