import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsDateString, IsISO8601 } from 'class-validator';
import * as catalog from '@foodcourt/catalog-contract';
import * as identity from '@foodcourt/identity-contract';
import * as notifications from '@foodcourt/notifications-contract';
import * as orders from '@foodcourt/orders-contract';
import * as payments from '@foodcourt/payments-contract';
import * as search from '@foodcourt/search-contract';
import { CallerInput, compiledDto, describeFastPath, INVALID, toDtoInstance, toDtoInstanceSlow, validateDto, validateDtoSlow, type DtoClass } from '@foodcourt/platform-kernel';
import { Topology, TopologyBrokers, TopologyUnit } from '@foodcourt/platform-topology';
import { mutationsOf, outputFormsOf, propertiesOf, validSample } from './equivalence-fixtures';

const MODULES = { catalog, identity, notifications, orders, payments, search, topology: { Topology, TopologyBrokers, TopologyUnit }, auth: { CallerInput } };

/** Every exported class that carries class-validator or class-transformer metadata. */
const DTO_CLASSES: Array<[string, DtoClass]> = Object.entries(MODULES).flatMap(([, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter((entry): entry is [string, DtoClass] => isClass(entry[1]) && !((entry[1] as DtoClass).prototype instanceof Error))
    .filter(([, dtoClass]) => propertiesOf(dtoClass).length > 0),
);

function isClass(value: unknown): value is DtoClass {
  return typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

type Outcome = { value: unknown } | { error: unknown };

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    return { error };
  }
}

// Prototypes compared by identity (two classes of the same name stay different).
const prototypeIds = new Map<unknown, number>();
function prototypeId(value: object): number {
  const prototype = Object.getPrototypeOf(value);
  if (!prototypeIds.has(prototype)) prototypeIds.set(prototype, prototypeIds.size);
  return prototypeIds.get(prototype) as number;
}

/** Same classes at every level, same Date-ness, same keys in the same order, same values (an invalid Date equals an invalid Date). */
function shape(value: unknown): unknown {
  if (value instanceof Date) return { date: Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString() };
  if (Array.isArray(value)) return { prototype: Object.getPrototypeOf(value) === Array.prototype ? 'Array' : 'other', items: [...value.keys()].map((i) => shape(value[i])) };
  if (value !== null && typeof value === 'object') {
    return { prototype: prototypeId(value), entries: Object.keys(value).map((k) => [k, shape((value as Record<string, unknown>)[k])]) };
  }
  return { primitive: value };
}

/** Paths of the output that are the very objects of the input (not copies): fast and slow must share the same ones. */
function sharedWithInput(output: unknown, input: unknown): string[] {
  const inputObjects = new Set<unknown>();
  const collect = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || inputObjects.has(value)) return;
    inputObjects.add(value);
    for (const key of Object.keys(value)) collect((value as Record<string, unknown>)[key]);
  };
  collect(input);
  const shared: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (value === null || typeof value !== 'object') return;
    if (inputObjects.has(value)) shared.push(path);
    for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], `${path}.${key}`);
  };
  walk(output, '(root)');
  return shared;
}

function expectSameOutcome(fast: Outcome, slow: Outcome): void {
  if ('error' in slow) {
    expect(fast).toHaveProperty('error');
    const [f, s] = [(fast as { error: Error & { violations?: unknown } }).error, slow.error as Error & { violations?: unknown }];
    expect(f.constructor).toBe(s.constructor);
    expect(f.message).toBe(s.message);
    expect(f.violations).toEqual(s.violations);
  } else {
    expect(fast).toHaveProperty('value');
    const fastValue = (fast as { value: unknown }).value;
    expect(shape(fastValue)).toEqual(shape(slow.value));
  }
}

let acceptedByFastPath = 0;

/**
 * The core property: whenever the compiled function accepts an input, the slow path accepts it
 * too and builds a deep-equal instance; and validateDto (fast with fallback) answers exactly as
 * the slow path, errors included. Same for toDtoInstance.
 */
function expectEquivalent(dtoClass: DtoClass, input: unknown): void {
  const { validate } = compiledDto(dtoClass);
  if (typeof validate === 'function' && input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const fast = validate(input);
    if (fast !== INVALID) {
      acceptedByFastPath++;
      expectSameOutcome({ value: fast }, outcome(() => validateDtoSlow(dtoClass, input)));
    }
  }
  expectSameOutcome(outcome(() => validateDto(dtoClass, input)), outcome(() => validateDtoSlow(dtoClass, input)));
  expectSameConversion(dtoClass, input);
}

let builtByFastPath = 0;

/** toDtoInstance alone (the output side of a port call): the compiled builder, and the public function, against plainToInstance. */
function expectSameConversion(dtoClass: DtoClass, input: unknown): void {
  const { build } = compiledDto(dtoClass);
  if (typeof build === 'function' && input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const built = build(input);
    if (built !== INVALID) {
      builtByFastPath++;
      // The builder itself converts even an instance of the class (toDtoInstance returns such one as it is, before any builder).
      const slow = outcome(() => plainToInstance(dtoClass, input));
      expectSameOutcome({ value: built }, slow);
      // Dates, arrays and nested objects are copies exactly where class-transformer copies them.
      if ('value' in slow) expect(sharedWithInput(built, input)).toEqual(sharedWithInput(slow.value, input));
    }
  }
  const [fast, slow] = [outcome(() => toDtoInstance(dtoClass, input)), outcome(() => toDtoInstanceSlow(dtoClass, input))];
  expectSameOutcome(fast, slow);
  if ('value' in fast && 'value' in slow) expect(sharedWithInput(fast.value, input)).toEqual(sharedWithInput(slow.value, input));
}

// Imported after the helpers only for readability: the public functions under test.

describe('fast path ≡ class-transformer + class-validator, for every contract DTO', () => {
  it('finds the contract DTOs', () => {
    expect(DTO_CLASSES.length).toBeGreaterThan(40);
  });

  describe.each(DTO_CLASSES)('%s', (_name, dtoClass) => {
    const sample = validSample(dtoClass);

    it('agrees on a valid sample, and the fast path accepts it when the class compiled', () => {
      expectEquivalent(dtoClass, sample);
      const { validate } = compiledDto(dtoClass);
      const slowAccepts = !('error' in outcome(() => validateDtoSlow(dtoClass, sample)));
      if (typeof validate === 'function' && slowAccepts) expect(validate(sample)).not.toBe(INVALID);
    });

    it('agrees on every mutation (dropped, wrong-typed and unknown fields, top level and nested)', () => {
      for (const [, input] of mutationsOf(sample)) expectEquivalent(dtoClass, input);
    });

    it('converts what a core returns as plainToInstance does (Dates as Date objects, nested DTO instances, an instance itself)', () => {
      for (const output of outputFormsOf(dtoClass, sample)) expectSameConversion(dtoClass, output);
    });

    it('agrees on non-object inputs and odd objects', () => {
      for (const input of [null, undefined, 'x', 7, [sample], new Date(), Object.create(null), Object.assign(Object.create(null), sample)]) {
        expectEquivalent(dtoClass, input);
      }
    });
  });

  afterAll(() => {
    // Guards against a vacuous pass: the fast path did accept many of the inputs above.
    expect(acceptedByFastPath).toBeGreaterThan(100);
    expect(builtByFastPath).toBeGreaterThan(1000);
  });
});

describe('which DTOs compile', () => {
  it('compiles every DTO except the documented fallbacks', () => {
    const report = Object.fromEntries(DTO_CLASSES.map(([name, dtoClass]) => [name, describeFastPath(dtoClass)]));
    const fallbacks = Object.fromEntries(Object.entries(report).filter(([, d]) => d.validate !== 'compiled' || d.build !== 'compiled'));
    expect(fallbacks).toEqual(EXPECTED_FALLBACKS);
  });
});

// @Transform is not mirrored (identity normalizes e-mails, search parses query booleans); a class
// without validators cannot pass validateDto at all (forbidUnknownValues) but still builds fast.
const TRANSFORM = { build: expect.stringContaining('@Transform'), validate: expect.stringContaining('@Transform') };
const NO_VALIDATORS = { build: 'compiled', validate: 'no validation metadata (forbidUnknownValues refuses any input)' };
const EXPECTED_FALLBACKS = {
  LoginInput: TRANSFORM,
  LoginRequest: TRANSFORM,
  RegisterInput: TRANSFORM,
  SearchProductsInput: TRANSFORM,
  OrderList: NO_VALIDATORS,
  OrderView: NO_VALIDATORS,
};

// Date strings as ISO 8601 (no contract uses them yet; B2's order line does): delegated to the
// decorator's own constraint, so the fast path must agree with class-validator on every sample.
class PlacedAt {
  @IsISO8601() at: string;
  @IsISO8601({ strict: true, strictSeparator: true }) strictAt: string;
  @IsDateString() dateString: string;
}

describe('ISO 8601 date strings', () => {
  const valid = { at: '2026-01-02T03:04:05.000Z', strictAt: '2026-02-28T10:00:00Z', dateString: '2026-01-02' };
  const wrong = ['2026-02-30T10:00:00Z', '2026-01-02 03:04:05', 'yesterday', '', 20260102, null, '2026-13-01', '2026-01-02T03:04:05+0100'];

  it('is compiled', () => {
    expect(describeFastPath(PlacedAt).validate).toBe('compiled');
  });

  it.each(Object.keys(valid).flatMap((field) => wrong.map((value) => [field, value] as const)))('agrees with class-validator on %s = %j', (field, value) => {
    expectEquivalent(PlacedAt, { ...valid, [field]: value });
  });

  it('accepts the valid sample on the compiled path, as class-validator does', () => {
    const { validate } = compiledDto(PlacedAt);
    expect(typeof validate === 'function' && validate(valid) !== INVALID).toBe(true);
    expectEquivalent(PlacedAt, valid);
  });
});
