import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedError } from '@foodcourt/platform-kernel';

/** A route parameter that must be a UUID; a bad one fails like any invalid field (400 VALIDATION_FAILED naming it). */
export function uuidParam(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => ValidationFailedError.fromViolations([{ field, messages: [`${field} must be a UUID`] }]),
  });
}
