import { getMetadataStorage } from 'class-validator';
import { readTransformerRules, toDtoInstanceSlow, validateDtoSlow, ValidationFailedError, type DtoClass } from '@foodcourt/platform-kernel';

/**
 * Test inputs for the fast/slow equivalence spec, generated from each DTO's own decorators: a valid
 * sample (each property takes the first candidate the slow path accepts) and systematic mutations.
 * Only the spec uses this file.
 */

const UUID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const ISO = '2026-03-04T05:06:07.089Z';
const PRIMITIVE_CANDIDATES: unknown[] = [
  'PIZZA-MARGHERITA',
  'EUR',
  'ada@example.com',
  UUID,
  'localhost:3001',
  'nats://localhost:4222',
  'amqp://localhost',
  'some-name',
  'Pa55word-long-enough',
  1,
  2,
  0,
  true,
  ['PIZZA-1', 'PIZZA-2'],
  ['orders', 'catalog'],
  [{ kty: 'OKP', crv: 'Ed25519', x: 'abc', key_ops: ['verify'] }],
  ISO,
];

/** Values that are wrong for most properties: each replaces each property in turn. */
export const WRONG_VALUES: unknown[] = [
  null,
  undefined,
  'text',
  '',
  '42',
  42,
  1.5,
  -1,
  0,
  Number.NaN,
  true,
  'true',
  [],
  ['x'],
  [1],
  [null],
  {},
  { unknown: 1 },
  'not a date',
  ISO,
  1_700_000_000_000,
  new Date(ISO),
  new Date('invalid'),
  // Lengths as validator's isLength counts them: surrogate pairs and variation selectors count once.
  '😀',
  'x\uFE0F',
  '😀'.repeat(150),
  'x'.repeat(201),
  'x'.repeat(2_001),
];

export function propertiesOf(dtoClass: DtoClass): string[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dtoClass, undefined as unknown as string, false, false, undefined as unknown as string[]);
  const typed = readTransformerRules(dtoClass);
  return [...new Set([...metadatas.map((m) => m.propertyName), ...(typeof typed === 'string' ? [] : typed.keys())])];
}

function fieldErrors(dtoClass: DtoClass, input: object, property: string): boolean {
  try {
    validateDtoSlow(dtoClass, input);
    return false;
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    return error.violations.some((v) => v.field === property || String(v.field).startsWith(`${property}.`));
  }
}

function candidatesFor(dtoClass: DtoClass, property: string, depth: number): unknown[] {
  const candidates: unknown[] = [];
  let nestedEach = false;
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(dtoClass, undefined as unknown as string, false, false, undefined as unknown as string[])) {
    if (metadata.propertyName === property && metadata.type === 'nestedValidation') nestedEach = metadata.each;
    if (metadata.propertyName !== property || metadata.name !== 'isIn') continue;
    const allowed = (metadata.constraints[0] as unknown[])[0];
    candidates.push(metadata.each ? [allowed] : allowed);
  }
  const typed = readTransformerRules(dtoClass);
  const target = typeof typed === 'string' ? undefined : typed.get(property)?.target;
  if (target && target !== Date && target !== Number && depth < 4) {
    const nested = validSample(target, depth + 1);
    const array = [nested, validSample(target, depth + 1)];
    // A bare object passes `@ValidateNested({ each: true })` too, but an array is what the DTO means.
    candidates.push(...(nestedEach ? [array, nested] : [nested, array]));
  }
  return [...candidates, ...PRIMITIVE_CANDIDATES];
}

/** A valid input of `dtoClass` (as far as the candidates allow: the spec checks the slow path accepts it). */
export function validSample(dtoClass: DtoClass, depth = 0): Record<string, unknown> {
  const sample: Record<string, unknown> = {};
  for (const property of propertiesOf(dtoClass)) {
    const fits = candidatesFor(dtoClass, property, depth).find((candidate) => !fieldErrors(dtoClass, { ...sample, [property]: candidate }, property));
    if (fits !== undefined) sample[property] = fits;
  }
  return sample;
}

/** Systematic mutations of a valid sample: dropped fields, wrong types, unknown fields, top level and nested. */
export function mutationsOf(sample: Record<string, unknown>, nestedDepth = 1): Array<[string, Record<string, unknown>]> {
  const mutations: Array<[string, Record<string, unknown>]> = [['unknown field', { ...sample, surprise: 1 }]];
  for (const [property, value] of Object.entries(sample)) {
    const { [property]: _dropped, ...rest } = sample;
    mutations.push([`without ${property}`, rest]);
    WRONG_VALUES.forEach((wrong, i) => mutations.push([`${property} = wrong #${i}`, { ...sample, [property]: wrong }]));
    if (nestedDepth <= 0) continue;
    if (isRecord(value)) {
      for (const [label, nested] of mutationsOf(value, nestedDepth - 1)) mutations.push([`${property}: ${label}`, { ...sample, [property]: nested }]);
    }
    if (Array.isArray(value) && value.length > 0) {
      const holey: unknown[] = new Array(3);
      holey[0] = holey[2] = value[0];
      mutations.push([`${property} with a hole`, { ...sample, [property]: holey }]);
      mutations.push([`${property} nested array`, { ...sample, [property]: [value] }]);
      WRONG_VALUES.forEach((wrong, i) => mutations.push([`${property}[1] = wrong #${i}`, { ...sample, [property]: [value[0], wrong] }]));
      if (isRecord(value[0])) {
        for (const [label, nested] of mutationsOf(value[0], nestedDepth - 1)) mutations.push([`${property}.0: ${label}`, { ...sample, [property]: [nested, ...value.slice(1)] }]);
      }
    }
  }
  return mutations;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * What a core hands back for a DTO (the input of toDtoInstance on a port's output), from a valid
 * sample: Date properties as Date objects (as read from a database row) or as ISO strings, invalid
 * Dates and epoch milliseconds; nested values as instances of their DTO classes, or the whole value
 * already an instance, as it is and spread into a plain object.
 */
export function outputFormsOf(dtoClass: DtoClass, sample: Record<string, unknown>): unknown[] {
  const withDates = withDateValues(dtoClass, sample, () => new Date(ISO));
  const instance = toDtoInstanceSlow(dtoClass, withDates) as Record<string, unknown>;
  return [
    withDates,
    withDateValues(dtoClass, sample, () => ISO),
    withDateValues(dtoClass, sample, () => new Date('invalid')),
    withDateValues(dtoClass, sample, () => Date.parse(ISO)),
    instance,
    { ...instance },
  ];
}

/** A copy of `sample` with every @Type(() => Date) property, nested DTOs included, set to `date()`. */
function withDateValues(dtoClass: DtoClass, sample: Record<string, unknown>, date: () => unknown): Record<string, unknown> {
  const typed = readTransformerRules(dtoClass);
  const copy: Record<string, unknown> = { ...sample };
  if (typeof typed === 'string') return copy;
  for (const [property, { target }] of typed) {
    const convert = (value: unknown): unknown => {
      if (target === Date) return date();
      return isRecord(value) && target !== Number && target !== String && target !== Boolean ? withDateValues(target, value, date) : value;
    };
    const value = copy[property];
    if (target === Date && value === undefined) copy[property] = date();
    else if (Array.isArray(value)) copy[property] = value.map(convert);
    else if (value !== undefined) copy[property] = convert(value);
  }
  return copy;
}
