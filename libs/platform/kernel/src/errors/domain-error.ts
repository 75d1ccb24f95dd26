/**
 * What kind of failure a domain error is. The HTTP layer maps a kind to a status,
 * the remote binding carries it across the wire; domains never pick HTTP statuses themselves.
 */
export type DomainErrorKind =
  | 'invalid-input'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'payment-required'
  | 'rate-limited'
  | 'unavailable';

/** Serializable shape of a domain error, as it crosses process boundaries and reaches HTTP clients. */
export interface DomainErrorBody {
  code: string;
  kind: DomainErrorKind;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * Base class of every typed error a port method may throw. `code` is stable: clients and
 * other domains branch on it, so renaming one is a breaking change. A subclass gets its code
 * and kind from @DomainErrorCode, which also registers it (errors/domain-error-code.ts).
 */
export abstract class DomainError extends Error {
  // Set on the subclass's prototype by @DomainErrorCode (or as fields, by RemoteDomainError).
  declare readonly code: string;
  declare readonly kind: DomainErrorKind;

  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toBody(): DomainErrorBody {
    const body: DomainErrorBody = { code: this.code, kind: this.kind, message: this.message };
    if (this.details !== undefined) body.details = this.details;
    return body;
  }
}
