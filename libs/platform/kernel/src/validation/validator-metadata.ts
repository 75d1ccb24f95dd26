import { getMetadataStorage, ValidationTypes, type ValidatorConstraintInterface } from 'class-validator';
import type { DtoClass } from './dto-class';
import { compileCheck, type ValueCheck } from './value-checks';

/** What class-validator checks on one property, in a form the compiled checker runs directly. */
export interface PropertyRules {
  /** @IsOptional: null and undefined skip every other check. */
  optional: boolean;
  /** @ValidateNested, and whether with `each`. */
  nested?: { each: boolean };
  /** Checks on the value itself. */
  checks: ValueCheck[];
  /** Checks with `each: true`: on every element of an array. */
  eachChecks: ValueCheck[];
}

/** A compilable class's rules by property, or why it is not compilable. */
export type ValidationRules = Map<string, PropertyRules> | string;

interface ConstraintMetadata {
  name: string;
  async: boolean;
  instance: ValidatorConstraintInterface;
}

/** The metadata validateSync(instance, { whitelist, forbidNonWhitelisted, forbidUnknownValues }) uses for this class. */
export function readValidationRules(dtoClass: DtoClass): ValidationRules {
  const storage = getMetadataStorage();
  // The same call as ValidationExecutor.execute without groups: inherited metadata included.
  const metadatas = storage.getTargetValidationMetadatas(dtoClass, undefined as unknown as string, false, false, undefined as unknown as string[]);
  if (metadatas.length === 0) return 'no validation metadata (forbidUnknownValues refuses any input)';
  const rules = new Map<string, PropertyRules>();
  for (const metadata of metadatas) {
    const where = `${dtoClass.name}.${metadata.propertyName}`;
    // Groups, `always` and `validateIf` make the set of checks depend on options or on the object.
    if (metadata.groups?.length || metadata.always !== undefined || (metadata as { validateIf?: unknown }).validateIf) {
      return `${where}: validation groups, always or validateIf`;
    }
    if (typeof metadata.target === 'string') return `${where}: schema-based validation`;
    let property = rules.get(metadata.propertyName);
    if (!property) rules.set(metadata.propertyName, (property = { optional: false, checks: [], eachChecks: [] }));
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
        if (metadata.name !== 'isOptional') return `${where}: conditional validation (@ValidateIf)`;
        property.optional = true;
        break;
      case ValidationTypes.NESTED_VALIDATION:
        property.nested = { each: metadata.each };
        break;
      case ValidationTypes.IS_DEFINED:
        // Required is the compiled checker's default (null/undefined are refused unless optional).
        if (metadata.each) return `${where}: @IsDefined with each`;
        break;
      case ValidationTypes.CUSTOM_VALIDATION: {
        const check = customCheck(metadata.name, metadata.constraintCls, metadata.constraints);
        if (typeof check === 'string') return `${where}: ${check}`;
        (metadata.each ? property.eachChecks : property.checks).push(check);
        break;
      }
      default:
        return `${where}: ${metadata.type} is not supported`;
    }
  }
  return rules;
}

function customCheck(name: string | undefined, constraintCls: unknown, constraints: unknown[] | undefined): ValueCheck | string {
  const found = getMetadataStorage().getTargetValidatorConstraints(constraintCls as DtoClass) as unknown as ConstraintMetadata[];
  const constraint = found.length === 1 ? found[0] : undefined;
  // A custom @Validate(Class) has no decorator name, or one that differs from its constraint's.
  if (!name || !constraint || constraint.name !== name || constraint.async) return `custom constraint ${constraint?.name ?? name ?? '?'}`;
  return compileCheck(name, constraints, constraint.instance) ?? `@${name} is not supported`;
}
