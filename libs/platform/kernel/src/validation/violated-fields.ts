import { ValidationFailedError } from '../errors/common-errors';
import { validateDto, type DtoClass } from './dto-validator';

/** The fields validateDto rejects `input` for (empty when it is valid): how DTO specs state their rules. */
export function violatedFields(dto: DtoClass, input: unknown): string[] {
  try {
    validateDto(dto, input);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    return error.violations.map((v) => v.field);
  }
}
