import { DomainError } from './domain-error';
import { DomainErrorCode } from './domain-error-code';

/** One field that failed validation, with every message about it. */
export interface FieldViolation {
  field: string;
  messages: string[];
}

/** Input (HTTP body, port input, message payload) did not match its DTO. */
@DomainErrorCode('VALIDATION_FAILED', 'invalid-input')
export class ValidationFailedError extends DomainError {
  static fromViolations(violations: FieldViolation[]): ValidationFailedError {
    const summary = violations.map((v) => `${v.field}: ${v.messages.join(', ')}`).join('; ');
    return new ValidationFailedError(`Invalid input: ${summary}`, { violations });
  }

  get violations(): FieldViolation[] {
    return (this.details?.['violations'] as FieldViolation[] | undefined) ?? [];
  }
}

/** A dependency (another unit, a database) cannot answer now; callers should retry later. */
@DomainErrorCode('DEPENDENCY_UNAVAILABLE', 'unavailable')
export class DependencyUnavailableError extends DomainError {}
