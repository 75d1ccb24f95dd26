import { DomainError, type DomainErrorBody, type DomainErrorKind } from './domain-error';
import { RemoteDomainError } from './remote-domain-error';

/** A concrete domain error class, as @DomainErrorCode decorates it. */
export type DomainErrorClass = new (message: string, details?: Record<string, unknown>) => DomainError;

const byCode = new Map<string, DomainErrorClass>();

/**
 * Declares a domain error's stable code and kind and registers the class under that code, in one
 * step, so a remote caller rebuilds the same class from its wire body:
 *
 *   @DomainErrorCode('PAYMENT_DECLINED', 'payment-required')
 *   export class PaymentDeclinedError extends DomainError {}
 *
 * A second class claiming a code already taken fails at load time: codes are what clients branch on.
 */
export function DomainErrorCode(code: string, kind: DomainErrorKind) {
  return <C extends DomainErrorClass>(errorClass: C): C => {
    const taken = byCode.get(code);
    if (taken && taken !== errorClass) throw new Error(`domain error code ${code} is declared by both ${taken.name} and ${errorClass.name}`);
    Object.defineProperty(errorClass.prototype, 'code', { value: code, enumerable: false, writable: true, configurable: true });
    Object.defineProperty(errorClass.prototype, 'kind', { value: kind, enumerable: false, writable: true, configurable: true });
    byCode.set(code, errorClass);
    return errorClass;
  };
}

/** Whether `errorClass` was declared with @DomainErrorCode (and so survives a trip across the wire). */
export function isRegisteredDomainError(errorClass: unknown): boolean {
  if (typeof errorClass !== 'function') return false;
  const code = Object.getOwnPropertyDescriptor(errorClass.prototype, 'code')?.value;
  return typeof code === 'string' && byCode.get(code) === errorClass;
}

/** Rebuilds a typed error from its body; an unknown code becomes a generic RemoteDomainError. */
export function domainErrorFromBody(body: DomainErrorBody): DomainError {
  const errorClass = byCode.get(body.code);
  if (errorClass) return new errorClass(body.message, body.details);
  return new RemoteDomainError(body);
}
