import type { DtoClass } from './dto-class';
import { readTransformerRules, type TypedProperty } from './transformer-metadata';
import { readValidationRules, type PropertyRules } from './validator-metadata';
import { generateBuilder, type PropertyPlan } from './generate-builder';
import { toBoolean, toDate, toNumber, toStringValue, type Converter } from './value-conversion';

/**
 * Compiled conversion of plain input into an instance of one DTO class: returns the instance
 * plainToInstance would make, or INVALID when the fast path cannot vouch for the input.
 */
export type CompiledBuilder = (input: object) => unknown;

/** Per DTO class: the validating builder (validateDto) and the plain builder (toDtoInstance), or why not. */
export interface CompiledDto {
  /** Converts and validates: an instance only when validateSync would find nothing to report. */
  readonly validate: CompiledBuilder | string;
  /** Converts only, like plainToInstance. */
  readonly build: CompiledBuilder | string;
}

const cache = new WeakMap<DtoClass, CompiledDto>();
// Classes being compiled right now: meeting one again means a recursive DTO (not compiled).
const compiling = new Set<DtoClass>();

/** The compiled fast path of `dtoClass`, compiled at first use from its decorators. */
export function compiledDto(dtoClass: DtoClass): CompiledDto {
  const cached = cache.get(dtoClass);
  if (cached) return cached;
  if (compiling.has(dtoClass)) return notCompilable(`${dtoClass.name}: recursive DTO`);
  compiling.add(dtoClass);
  try {
    const compiled = compile(dtoClass);
    cache.set(dtoClass, compiled);
    return compiled;
  } finally {
    compiling.delete(dtoClass);
  }
}

/** Whether validateDto / toDtoInstance of `dtoClass` take the fast path ('compiled') or, if not, why. */
export function describeFastPath(dtoClass: DtoClass): { validate: string; build: string } {
  const { validate, build } = compiledDto(dtoClass);
  return { validate: typeof validate === 'string' ? validate : 'compiled', build: typeof build === 'string' ? build : 'compiled' };
}

function compile(dtoClass: DtoClass): CompiledDto {
  const typed = readTransformerRules(dtoClass);
  if (typeof typed === 'string') return notCompilable(typed);
  const validation = readValidationRules(dtoClass);
  const properties = new Set([...typed.keys(), ...(typeof validation === 'string' ? [] : validation.keys())]);
  const probe = probeInstance(dtoClass, properties);
  if (typeof probe === 'string') return notCompilable(probe);
  return { build: compileBuild(dtoClass, typed, properties), validate: compileValidate(dtoClass, typed, validation, probe) };
}

function notCompilable(reason: string): CompiledDto {
  return { validate: reason, build: reason };
}

/**
 * plainToInstance starts from `new Dto()` and skips keys that are methods or getters: the fast
 * path does the same `new`, and refuses classes where a property could be such a member.
 */
function probeInstance(dtoClass: DtoClass, properties: Set<string>): object | string {
  let probe: Record<string, unknown>;
  try {
    probe = new dtoClass() as Record<string, unknown>;
  } catch {
    return `${dtoClass.name}: constructor throws without arguments`;
  }
  for (const key of Object.keys(probe)) {
    if (typeof probe[key] === 'function') return `${dtoClass.name}.${key}: function-valued field`;
  }
  for (const property of properties) {
    if (property === '__proto__' || property === 'constructor' || property in dtoClass.prototype) {
      return `${dtoClass.name}.${property}: shadows a prototype member`;
    }
  }
  return probe;
}

function compileBuild(dtoClass: DtoClass, typed: Map<string, TypedProperty>, properties: Set<string>): CompiledBuilder | string {
  const plans: PropertyPlan[] = [];
  for (const property of properties) {
    const conversion = conversionFor(typed.get(property), 'build');
    if (typeof conversion === 'string') return `${dtoClass.name}.${property}: ${conversion}`;
    plans.push({ name: property, typed: conversion });
  }
  return generateBuilder(dtoClass, plans, false);
}

function compileValidate(
  dtoClass: DtoClass,
  typed: Map<string, TypedProperty>,
  validation: Map<string, PropertyRules> | string,
  probe: object,
): CompiledBuilder | string {
  if (typeof validation === 'string') return validation;
  // An own field of `new Dto()` that no decorator allows fails the whitelist on every input.
  for (const key of Object.keys(probe)) if (!validation.has(key)) return `${dtoClass.name}.${key}: field without validation`;
  const plans: PropertyPlan[] = [];
  for (const [property, rules] of validation) {
    const where = `${dtoClass.name}.${property}`;
    const type = typed.get(property);
    if (rules.nested && !isDtoTarget(type?.target)) return `${where}: @ValidateNested without @Type(() => SomeDto)`;
    // Only @ValidateNested makes class-validator look inside a nested DTO.
    const conversion = conversionFor(type, rules.nested ? 'validate' : 'build');
    if (typeof conversion === 'string') return `${where}: ${conversion}`;
    plans.push({ name: property, typed: conversion, rules });
  }
  return generateBuilder(dtoClass, plans, true);
}

/** How plainToInstance converts a property: by its @Type target (undefined: as an untyped value). */
function conversionFor(type: TypedProperty | undefined, nestedMode: 'validate' | 'build'): PropertyPlan['typed'] | string {
  if (!type) return undefined;
  const element = elementConverter(type.target, nestedMode);
  if (typeof element === 'string') return element;
  return { element, arraysAllowed: type.arraysAllowed };
}

function elementConverter(target: DtoClass, nestedMode: 'validate' | 'build'): Converter | string {
  if (target === Date) return toDate;
  if (target === Number) return toNumber;
  if (target === String) return toStringValue;
  if (target === Boolean) return toBoolean;
  if (!isDtoTarget(target)) return `@Type(() => ${(target as { name?: string }).name}) is not supported`;
  const nested = compiledDto(target)[nestedMode];
  if (typeof nested === 'string') return `nested ${target.name} not compilable (${nested})`;
  // Primitives stay as they are (class-validator then refuses them where a DTO is expected).
  return (value) => (value === null || typeof value !== 'object' ? value : nested(value));
}

// Built-in classes have their own branches in class-transformer (or none that is worth mirroring).
const BUILT_INS: unknown[] = [Object, Array, Date, Number, String, Boolean, Map, Set, Promise, Function, RegExp, Error, Symbol, BigInt];

function isDtoTarget(target: DtoClass | undefined): target is DtoClass {
  const buffer = (globalThis as { Buffer?: unknown }).Buffer;
  return typeof target === 'function' && !BUILT_INS.includes(target) && target !== buffer;
}
