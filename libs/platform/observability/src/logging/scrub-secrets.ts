/**
 * Secrets that can hide inside free text (an error message quoting a URL, a header echoed in a
 * stack): the password of a URL's user info, bearer tokens, JWTs. Structured fields are redacted by
 * pino's `redact` paths (unit-logger.ts); this catches what reaches a log line as a string.
 */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]*:)[^@/?#\s]+@/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g;
const SECRET_FIELD = /("?(?:password|newPassword|currentPassword|accessToken|refreshToken|refresh_token|access_token|token|secret|smtpPassword|authorization|cookie)"?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;}&]+)/gi;

export const REDACTED = '[redacted]';

export function scrubSecrets(text: string): string {
  return text
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(SECRET_FIELD, `$1${REDACTED}`);
}
