import { DomainError, registerDomainError } from './domain-error';

/** One field that failed validation, with every message about it. */
export interface FieldViolation {
  field: string;
  messages: string[];
}

/** Input (HTTP body, port input, message payload) did not match its DTO. */
export class ValidationFailedError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly kind = 'invalid-input' as const;

  static fromViolations(violations: FieldViolation[]): ValidationFailedError {
    const summary = violations.map((v) => `${v.field}: ${v.messages.join(', ')}`).join('; ');
    return new ValidationFailedError(`Invalid input: ${summary}`, { violations });
  }

  get violations(): FieldViolation[] {
    return (this.details?.['violations'] as FieldViolation[] | undefined) ?? [];
  }
}

/** A dependency (another unit, a database) cannot answer now; callers should retry later. */
export class DependencyUnavailableError extends DomainError {
  readonly code = 'DEPENDENCY_UNAVAILABLE';
  readonly kind = 'unavailable' as const;
}

registerDomainError(ValidationFailedError);
registerDomainError(DependencyUnavailableError);
