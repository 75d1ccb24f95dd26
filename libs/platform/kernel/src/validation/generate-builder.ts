import type { DtoClass } from './dto-class';
import type { PropertyRules } from './validator-metadata';
import { convertArray, copyUntyped, INVALID, type Converter } from './value-conversion';

/**
 * Source generation of one DTO class's builder (compile-dto.ts decides what to build, this file only
 * writes it). Why generate: a generic loop reads `input[key]`, `converters[key]` and writes
 * `instance[key]` with keys that vary from DTO to DTO, so every one of those accesses is megamorphic
 * and costs a hash lookup; a function of its own per DTO, with the property names written out, has
 * monomorphic accesses and calls (inlined by the optimizer) and allocates nothing but the instance
 * and the keys array. Property names are emitted only through JSON.stringify, never as code.
 */

/** How one declared property's value is converted: untyped (copied), or by its @Type element converter. */
export interface PropertyPlan {
  name: string;
  /** The @Type element converter and whether an array of elements is allowed; absent: an untyped value. */
  typed?: { element: Converter; arraysAllowed: boolean };
  /** Validating builders only: the class-validator rules of the property. */
  rules?: PropertyRules;
}

/** What a builder returns: the instance, or INVALID when the fast path does not vouch for the input. */
export type GeneratedBuilder = (input: object) => unknown;

/**
 * The builder: `new Dto()`, then every own key of the input in order, converted as plainToInstance
 * would (exposeUnsetFields: undefined values are assigned too). Validating (`validating`), an unknown
 * key is refused as forbidNonWhitelisted would, and the finished instance must pass every property's
 * rules. Building only, an unknown key is copied untyped, unless it could reach a member of the class.
 * A string when no function could be generated (why; the class then keeps the slow path).
 */
export function generateBuilder(dtoClass: DtoClass, properties: readonly PropertyPlan[], validating: boolean): GeneratedBuilder | string {
  // Values the generated code refers to, by generated name.
  const scope = new Map<string, unknown>([
    ['Dto', dtoClass],
    ['dtoPrototype', dtoClass.prototype],
    ['objectPrototype', Object.prototype],
    ['getPrototypeOf', Object.getPrototypeOf],
    ['objectKeys', Object.keys],
    ['isArray', Array.isArray],
    ['INVALID', INVALID],
    ['copyUntyped', copyUntyped],
    ['convertArray', convertArray],
  ]);
  const bind = (prefix: string, value: unknown): string => {
    const name = `${prefix}${scope.size}`;
    scope.set(name, value);
    return name;
  };

  const cases = properties.map((property) => `      case ${JSON.stringify(property.name)}:\n${convertSource(property, bind)}        break;`);
  const unknownKey = validating
    ? '        return INVALID;'
    : [
        // class-transformer skips these or writes through to the prototype: let it do so itself.
        "        if (key === '__proto__' || key === 'constructor' || key in instance) return INVALID;",
        '        value = copyUntyped(input[key]);',
        '        if (value === INVALID) return INVALID;',
        '        instance[key] = value;',
      ].join('\n');
  const checks = validating ? properties.map((property) => checkSource(property, bind)).join('') : '';

  const body = `
  return function build${safeName(dtoClass.name)}(input) {
    const inputPrototype = getPrototypeOf(input);
    // Plain objects, or instances of this very class: other objects get class-transformer's special cases.
    if ((inputPrototype !== objectPrototype && inputPrototype !== dtoPrototype) || typeof input.then === 'function') return INVALID;
    const instance = new Dto();
    const keys = objectKeys(input);
    let value;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      switch (key) {
${cases.join('\n')}
      default:
${unknownKey}
      }
    }
${checks}    return instance;
  };`;
  let factory: (...values: unknown[]) => GeneratedBuilder;
  try {
    // The generated source above is built from fixed text and JSON.stringify'd property names only.
    factory = new Function(...scope.keys(), `'use strict';${body}`) as typeof factory;
  } catch {
    // e.g. node --disallow-code-generation-from-strings: the class keeps the slow path.
    return `${dtoClass.name}: code generation from strings is not allowed`;
  }
  return factory(...scope.values());
}

/** Reads the property's own value (the key came from Object.keys), converts it and assigns it. */
function convertSource(property: PropertyPlan, bind: (prefix: string, value: unknown) => string): string {
  const read = `input[${JSON.stringify(property.name)}]`;
  const write = `        instance[${JSON.stringify(property.name)}] = value;\n`;
  if (!property.typed) {
    // Primitives (and functions) as they are; objects, arrays and Dates through copyUntyped.
    return `        value = ${read};
        if (typeof value === 'object' && value !== null) {
          value = copyUntyped(value);
          if (value === INVALID) return INVALID;
        }
${write}`;
  }
  const element = bind('element', property.typed.element);
  // plainToInstance maps an array value element-wise only where the declared type allows an array.
  const array = property.typed.arraysAllowed ? `convertArray(value, ${element})` : 'INVALID';
  return `        value = ${read};
        value = isArray(value) ? ${array} : ${element}(value);
        if (value === INVALID) return INVALID;
${write}`;
}

/** The property's class-validator rules on the converted value, as validateSync would find nothing to report. */
function checkSource(property: PropertyPlan, bind: (prefix: string, value: unknown) => string): string {
  const rules = property.rules;
  if (!rules) return '';
  const lines: string[] = [];
  for (const check of rules.checks) lines.push(`      if (!${bind('check', check)}(value)) return INVALID;`);
  if (rules.eachChecks.length > 0) {
    // class-validator applies `each` to a non-array value as a whole; leave that to it.
    lines.push('      if (!isArray(value)) return INVALID;');
    lines.push('      for (let i = 0; i < value.length; i++) {');
    for (const check of rules.eachChecks) lines.push(`        if (!${bind('check', check)}(value[i])) return INVALID;`);
    lines.push('      }');
  }
  if (rules.nested) {
    // The converter already built and validated every nested DTO; what is left is the shape.
    if (!rules.nested.each) {
      lines.push("      if (typeof value !== 'object' || isArray(value)) return INVALID;");
    } else {
      lines.push('      if (!isArray(value)) return INVALID;');
      lines.push('      for (let i = 0; i < value.length; i++) {');
      lines.push("        if (value[i] === null || typeof value[i] !== 'object' || isArray(value[i])) return INVALID;");
      lines.push('      }');
    }
  }
  // Optional: null and undefined skip every check. Required: absent may still pass (a bare
  // @ValidateNested), but that is rare: the slow path decides.
  const absent = rules.optional ? '' : ' return INVALID;';
  return `    value = instance[${JSON.stringify(property.name)}];
    if (value === null || value === undefined) {${absent}} else {
${lines.join('\n')}
    }
`;
}

/** The class name as part of the function's name (stack traces, profiles), reduced to identifier characters. */
function safeName(name: string): string {
  return `_${name.replace(/[^A-Za-z0-9_$]/g, '_')}`;
}
