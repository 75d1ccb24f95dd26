import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ValidationFailedError, type FieldViolation } from '../errors/common-errors';
import type { DtoClass } from './dto-class';

/** Options used everywhere, so a port call, an HTTP body and a message payload fail the same way. */
const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

/** The reference behaviour (class-transformer + class-validator); the fast path must be indistinguishable from it. */
export function validateDtoSlow<T extends object>(dtoClass: DtoClass<T>, input: unknown): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw notAnObject();
  assertSafeInput(input);
  const instance = plainToInstance(dtoClass, input) as T;
  const errors = validateSync(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw ValidationFailedError.fromViolations(flattenErrors(errors));
  return instance;
}

/** The reference conversion without validation (plainToInstance). */
export function toDtoInstanceSlow<T extends object>(dtoClass: DtoClass<T>, value: unknown): T {
  if (value instanceof dtoClass) return value;
  return plainToInstance(dtoClass, value) as T;
}

/**
 * An own key that shadows a member of Object.prototype (`__proto__`, `constructor`, `toString`,
 * `valueOf`…; JSON.parse makes them, Fastify's parser refuses only the first two, a port message
 * over a transport none) makes class-transformer swap the prototype of the object it builds, take
 * the key's value for its class, or fail converting it (`Number({ toString: 1 })`): a TypeError,
 * an internal error for bad input. So does a string that is not well-formed UTF-16 (a lone surrogate,
 * `"\ud800"` in JSON): validator's isEmail passes it to encodeURI, which throws URIError.
 * Both are refused here, naming the field. Iterative, so deep input cannot overflow it.
 */
function assertSafeInput(input: object): void {
  const stack: [unknown, string][] = [[input, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
      throw ValidationFailedError.fromViolations([{ field: path, messages: [`${path} must be well-formed Unicode text`] }]);
    }
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (key in Object.prototype) throw ValidationFailedError.fromViolations([{ field, messages: [`${field} is not allowed`] }]);
      stack.push([(value as Record<string, unknown>)[key], field]);
    }
  }
}

/** A UTF-16 surrogate not part of a pair (with the u flag, a paired one is one code point, not Cs). */
const LONE_SURROGATE = /\p{Cs}/u;

export function notAnObject(): ValidationFailedError {
  return ValidationFailedError.fromViolations([{ field: '(root)', messages: ['must be a JSON object'] }]);
}

function flattenErrors(errors: ValidationError[], prefix = ''): FieldViolation[] {
  const violations: FieldViolation[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      violations.push({ field, messages: Object.values(error.constraints).map((m) => renameField(m, error.property, field)) });
    }
    if (error.children?.length) violations.push(...flattenErrors(error.children, field));
  }
  return violations;
}

// class-validator says "quantity must be…"; the full path ("lines.0.quantity must be…") tells the client where.
function renameField(message: string, property: string, field: string): string {
  return message.startsWith(`${property} `) ? `${field}${message.slice(property.length)}` : message;
}
