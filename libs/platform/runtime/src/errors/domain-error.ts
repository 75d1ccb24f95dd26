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
 * other domains branch on it, so renaming one is a breaking change.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;

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

type DomainErrorClass = new (message: string, details?: Record<string, unknown>) => DomainError;
const registry = new Map<string, DomainErrorClass>();

/**
 * Registers a domain error class by its code so a remote caller can rebuild the same class
 * from a wire body. Contracts call this once per error class they declare.
 */
export function registerDomainError(errorClass: DomainErrorClass): void {
  // `code` is an instance field, so a throw-away instance is the one place to read it.
  registry.set(new errorClass('probe').code, errorClass);
}

/** Rebuilds a typed error from its body; an unknown code becomes a generic RemoteDomainError. */
export function domainErrorFromBody(body: DomainErrorBody): DomainError {
  const errorClass = registry.get(body.code);
  if (errorClass) return new errorClass(body.message, body.details);
  return new RemoteDomainError(body);
}

/** A domain error whose class this process does not know (a newer peer, say): kind and code are kept. */
export class RemoteDomainError extends DomainError {
  readonly code: string;
  readonly kind: DomainErrorKind;
  constructor(body: DomainErrorBody) {
    super(body.message, body.details);
    this.code = body.code;
    this.kind = body.kind;
  }
}
