import { compiledDto } from './compile-dto';
import type { DtoClass } from './dto-class';
import { FAST_VALIDATION_ENABLED } from './fast-path-switch';
import { notAnObject, toDtoInstanceSlow, validateDtoSlow } from './slow-path';
import { INVALID } from './value-conversion';

export type { DtoClass } from './dto-class';

/**
 * Turns plain input into a validated instance of `dtoClass`, or throws ValidationFailedError
 * naming every offending field (nested fields as `lines.0.quantity`).
 *
 * Valid input of a compilable DTO takes the compiled fast path (compile-dto.ts); anything it does
 * not accept, and every DTO it cannot compile, goes through class-transformer + class-validator,
 * so errors (and anything unusual) are exactly what they always were.
 */
export function validateDto<T extends object>(dtoClass: DtoClass<T>, input: unknown): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw notAnObject();
  if (FAST_VALIDATION_ENABLED) {
    const validate = compiledDto(dtoClass).validate;
    if (typeof validate === 'function') {
      const instance = runFast(validate, input);
      if (instance !== INVALID) return instance as T;
    }
  }
  return validateDtoSlow(dtoClass, input);
}

/** Makes `value` an instance of `dtoClass` (nested DTOs and Dates included) without validating it. */
export function toDtoInstance<T extends object>(dtoClass: DtoClass<T>, value: unknown): T {
  if (value instanceof dtoClass) return value;
  if (FAST_VALIDATION_ENABLED && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const build = compiledDto(dtoClass).build;
    if (typeof build === 'function') {
      const instance = runFast(build, value);
      if (instance !== INVALID) return instance as T;
    }
  }
  return toDtoInstanceSlow(dtoClass, value);
}

// Whatever goes wrong on the fast path (a throwing getter in the input, say), the slow path decides.
function runFast(run: (input: object) => unknown, input: object): unknown {
  try {
    return run(input);
  } catch {
    return INVALID;
  }
}
