/**
 * Value conversions of class-transformer's plainToInstance (TransformOperationExecutor.transform,
 * 0.5.1), restricted to inputs where mirroring it is obvious. Anything else yields INVALID, which
 * sends the whole call to the slow path: being stricter than class-transformer only costs speed.
 */

/** "The fast path does not vouch for this input": the caller falls back to the slow path. */
export const INVALID: unique symbol = Symbol('fast-path: not accepted');
export type Invalid = typeof INVALID;

/** Converts one property value (arrays included) the way plainToInstance would. */
export type Converter = (value: unknown) => unknown;

// Deeper than any DTO; also stops a cyclic input (on which class-transformer itself would overflow).
const MAX_DEPTH = 32;

/** `@Type(() => Date)`: Date instances are copied, strings and numbers parsed, null/undefined kept. */
export function toDate(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.valueOf());
  if (value === null || value === undefined) return value;
  if (typeof value === 'string' || typeof value === 'number') return new Date(value);
  return INVALID; // new Date(object) would run its valueOf/toString: not worth mirroring
}

/** `@Type(() => Number)` (query strings): Number(value) of primitives, null/undefined kept. */
export function toNumber(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return Number(value);
  return INVALID;
}

export function toStringValue(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return INVALID;
}

export function toBoolean(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return Boolean(value);
  return INVALID;
}

/**
 * A value without @Type: primitives (and functions) as they are, Dates copied, arrays and plain
 * objects copied deeply. Class instances, Maps, Sets, promises… are left to the slow path.
 */
export function copyUntyped(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.valueOf());
  if (depth > MAX_DEPTH) return INVALID;
  if (Array.isArray(value)) return convertArray(value, (element) => copyUntyped(element, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype || isThenable(value)) return INVALID;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // class-transformer silently skips keys like `constructor` or `toString`: let it do so itself.
    if (key in Object.prototype) return INVALID;
    const converted = copyUntyped((value as Record<string, unknown>)[key], depth + 1);
    if (converted === INVALID) return INVALID;
    copy[key] = converted;
  }
  return copy;
}

/**
 * An array property: a plain array of converted elements. Holes (which forEach skips, shortening
 * the result) and nested arrays (converted with other rules) are left to the slow path.
 */
export function convertArray(array: unknown[], convertElement: Converter): unknown[] | Invalid {
  const result = new Array<unknown>(array.length);
  for (let i = 0; i < array.length; i++) {
    if (!(i in array)) return INVALID;
    const element = array[i];
    if (Array.isArray(element)) return INVALID;
    const converted = convertElement(element);
    if (converted === INVALID) return INVALID;
    result[i] = converted;
  }
  return result;
}

/** class-transformer turns a thenable into a Promise of its converted value. */
export function isThenable(value: object): boolean {
  return typeof (value as { then?: unknown }).then === 'function';
}
