import { ValidationFailedError } from '../errors/common-errors';
import { validateDto, type DtoClass } from '../validation/dto-validator';

/** A setting an operator gave (environment variable, flag, file) is unusable; the message names it. */
export class ConfigError extends Error {}

/**
 * Validates settings gathered from the environment against their DTO. `sources` maps each DTO
 * field to the variable it came from, so the error names what the operator has to change.
 */
export function validateConfig<T extends object>(dtoClass: DtoClass<T>, raw: Record<string, unknown>, sources: Record<string, string>): T {
  try {
    return validateDto(dtoClass, raw);
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    const problems = error.violations.map((v) => `${sources[v.field] ?? v.field}: ${v.messages.join(', ')}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
}
