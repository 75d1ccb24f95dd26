import { DomainError, type DomainErrorBody, type DomainErrorKind } from './domain-error';

/** A domain error whose class this process does not know (a newer peer, say): kind and code are kept. */
export class RemoteDomainError extends DomainError {
  override readonly code: string;
  override readonly kind: DomainErrorKind;

  constructor(body: DomainErrorBody) {
    super(body.message, body.details);
    this.code = body.code;
    this.kind = body.kind;
  }
}
