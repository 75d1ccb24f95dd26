import { compiledDto, type CompiledBuilder } from './compile-dto';
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
  return entryPoints(dtoClass).validate(input);
}

/** Makes `value` an instance of `dtoClass` (nested DTOs and Dates included) without validating it. */
export function toDtoInstance<T extends object>(dtoClass: DtoClass<T>, value: unknown): T {
  return entryPoints(dtoClass).toInstance(value);
}

/**
 * validateDto for one class, resolved once: for callers that know their class up front (a port
 * binding, per method), so a call skips the per-class lookup.
 */
export function dtoValidator<T extends object>(dtoClass: DtoClass<T>): (input: unknown) => T {
  return entryPoints(dtoClass).validate;
}

/** toDtoInstance for one class, resolved once (see dtoValidator). */
export function dtoInstanceMaker<T extends object>(dtoClass: DtoClass<T>): (value: unknown) => T {
  return entryPoints(dtoClass).toInstance;
}

interface EntryPoints<T extends object> {
  validate: (input: unknown) => T;
  toInstance: (value: unknown) => T;
}

const entries = new WeakMap<DtoClass, EntryPoints<object>>();

function entryPoints<T extends object>(dtoClass: DtoClass<T>): EntryPoints<T> {
  let found = entries.get(dtoClass);
  if (!found) entries.set(dtoClass, (found = makeEntryPoints(dtoClass)));
  return found as EntryPoints<T>;
}

// Compiled lazily, at the first call: a class referenced by @Type(() => Later) may not exist yet
// when a binding is created, and a DTO never used costs nothing.
function makeEntryPoints<T extends object>(dtoClass: DtoClass<T>): EntryPoints<T> {
  let validateFast: CompiledBuilder | null | undefined;
  let buildFast: CompiledBuilder | null | undefined;
  return {
    validate(input) {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) throw notAnObject();
      if (validateFast === undefined) validateFast = fastPath(compiledDto(dtoClass).validate);
      if (validateFast !== null) {
        const instance = runFast(validateFast, input);
        if (instance !== INVALID) return instance as T;
      }
      return validateDtoSlow(dtoClass, input);
    },
    toInstance(value) {
      if (value instanceof dtoClass) return value;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        if (buildFast === undefined) buildFast = fastPath(compiledDto(dtoClass).build);
        if (buildFast !== null) {
          const instance = runFast(buildFast, value);
          if (instance !== INVALID) return instance as T;
        }
      }
      return toDtoInstanceSlow(dtoClass, value);
    },
  };
}

/** The compiled function, or null when the class did not compile or the fast path is switched off. */
function fastPath(compiled: CompiledBuilder | string): CompiledBuilder | null {
  return FAST_VALIDATION_ENABLED && typeof compiled === 'function' ? compiled : null;
}

// Whatever goes wrong on the fast path (a throwing getter in the input, say), the slow path decides.
function runFast(run: CompiledBuilder, input: object): unknown {
  try {
    return run(input);
  } catch {
    return INVALID;
  }
}
