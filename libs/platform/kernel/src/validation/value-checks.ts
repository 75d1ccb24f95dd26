import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  ARRAY_NOT_EMPTY,
  ARRAY_UNIQUE,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_DATE,
  IS_EMAIL,
  IS_ENUM,
  IS_IN,
  IS_DATE_STRING,
  IS_INT,
  IS_ISO8601,
  IS_LENGTH,
  IS_NEGATIVE,
  IS_NOT_EMPTY,
  IS_NOT_IN,
  IS_NUMBER,
  IS_OBJECT,
  IS_POSITIVE,
  IS_STRING,
  IS_UUID,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

/** One class-validator constraint applied to one (already converted) value. */
export type ValueCheck = (value: unknown) => boolean;

/**
 * Built-in validators whose verdict depends on the value and the decorator's constraints only
 * (never on the object, never async): the compiled check calls the decorator's own constraint,
 * so it agrees with class-validator by construction.
 */
const DELEGATED = new Set<string>([
  IS_UUID,
  IS_ISO8601,
  IS_DATE_STRING,
  IS_EMAIL,
  MATCHES,
  IS_LENGTH,
  MIN_LENGTH,
  MAX_LENGTH,
  IS_NUMBER,
  IS_OBJECT,
  IS_POSITIVE,
  IS_NEGATIVE,
  IS_NOT_EMPTY,
  IS_NOT_IN,
  IS_ENUM,
  ARRAY_MIN_SIZE,
  ARRAY_MAX_SIZE,
  ARRAY_UNIQUE,
  ARRAY_NOT_EMPTY,
]);

/**
 * The cheapest ones are inlined (no call through the constraint). Each is the body of the
 * class-validator 0.15.1 function of the same name, or stricter (typeof only, no `new String()`),
 * which is safe: a value the fast path refuses goes to the slow path.
 */
function inlined(name: string, constraints: readonly unknown[]): ValueCheck | undefined {
  const [first] = constraints;
  switch (name) {
    case IS_STRING:
      return (value) => typeof value === 'string';
    case IS_INT:
      return (value) => typeof value === 'number' && Number.isInteger(value);
    case IS_BOOLEAN:
      return (value) => typeof value === 'boolean';
    case IS_ARRAY:
      return (value) => Array.isArray(value);
    case IS_DATE:
      return (value) => value instanceof Date && !Number.isNaN(value.getTime());
    case MIN:
      return typeof first === 'number' ? (value) => typeof value === 'number' && value >= first : undefined;
    case MAX:
      return typeof first === 'number' ? (value) => typeof value === 'number' && value <= first : undefined;
    case IS_IN:
      return Array.isArray(first) ? (value) => first.some((allowed) => allowed === value) : undefined;
    case MATCHES:
      // validator's matches() uses a RegExp constraint as it is: `!!str.match(re)`, which is `re.test(str)`
      // without the match array (a RegExp with state, global or sticky, is left to the constraint).
      return isPlainRegExp(first) ? (value) => typeof value === 'string' && first.test(value) : undefined;
    default:
      return undefined;
  }
}

function isPlainRegExp(value: unknown): value is RegExp {
  return value instanceof RegExp && Object.getPrototypeOf(value) === RegExp.prototype && !value.global && !value.sticky;
}

// validator's isLength() subtracts surrogate pairs and variation selectors from str.length, with two
// regex matches per call; a string without any of those code units has exactly str.length.
const LENGTH_ADJUSTING = /[\uD800-\uDBFF]|\uFE0E|\uFE0F/;

/**
 * @Length / @MinLength / @MaxLength: the bounds validator's isLength() gets ({ min, max }), checked
 * on str.length when no code unit could change the count; other strings go to the constraint.
 */
function lengthCheck(name: string, constraints: readonly unknown[], delegate: ValueCheck): ValueCheck | undefined {
  const [first, second] = constraints;
  const bounds = name === IS_LENGTH ? [first, second] : name === MIN_LENGTH ? [first, undefined] : name === MAX_LENGTH ? [0, first] : undefined;
  if (!bounds) return undefined;
  const [min, max] = bounds;
  if (typeof min !== 'number' || (max !== undefined && typeof max !== 'number')) return undefined;
  // isLength: `min = options.min || 0`, `max === undefined` means no upper bound.
  const lower = min || 0;
  const upper = max ?? Number.POSITIVE_INFINITY;
  return (value) => {
    if (typeof value !== 'string') return false;
    if (LENGTH_ADJUSTING.test(value)) return delegate(value);
    return value.length >= lower && value.length <= upper;
  };
}

/**
 * The compiled check for a built-in decorator `name` with its constraints, or undefined when the
 * decorator is not one this module knows to be pure (the DTO then keeps the slow path).
 */
export function compileCheck(
  name: string,
  constraints: readonly unknown[] | undefined,
  constraint: ValidatorConstraintInterface,
): ValueCheck | undefined {
  const values = constraints ?? [];
  const fast = inlined(name, values);
  if (fast) return fast;
  if (!DELEGATED.has(name)) return undefined;
  // A sticky or global RegExp keeps state between calls: the fast and the slow run could disagree.
  if (values.some((c) => c instanceof RegExp && (c.global || c.sticky))) return undefined;
  // Built-ins read only `constraints`; the rest is there for the type.
  const args: ValidationArguments = { targetName: '', property: '', object: {}, value: undefined, constraints: [...values] };
  // Only a literal true counts: a promise or any other truthy oddity goes to the slow path.
  const delegated: ValueCheck = (value) => constraint.validate(value, args) === true;
  return lengthCheck(name, values, delegated) ?? delegated;
}
