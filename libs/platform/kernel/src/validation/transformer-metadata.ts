import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import type { DtoClass } from './dto-class';

// The singleton plainToInstance reads; the package exposes it only by this path, without types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

interface TypeMetadata {
  typeFunction?: (options?: unknown) => unknown;
  reflectedType?: unknown;
  options?: { discriminator?: unknown };
}

// Private maps of class-transformer's storage, keyed by the class that declared the decorator.
interface StorageInternals {
  _typeMetadatas?: Map<unknown, Map<string, TypeMetadata>>;
  _transformMetadatas?: Map<unknown, Map<string, unknown[]>>;
}

/** How plainToInstance converts one property that carries @Type. */
export interface TypedProperty {
  /** What `@Type(() => X)` returns: Date, Number, String, Boolean or a DTO class. */
  target: DtoClass;
  /** plainToInstance makes a plain array of an array value only when the declared type is Array (or unknown). */
  arraysAllowed: boolean;
}

/** @Type properties of a compilable class, or why class-transformer must handle the class itself. */
export type TransformerRules = Map<string, TypedProperty> | string;

export function readTransformerRules(dtoClass: DtoClass): TransformerRules {
  const internals = defaultMetadataStorage as unknown as StorageInternals;
  if (!(internals._typeMetadatas instanceof Map) || !(internals._transformMetadatas instanceof Map)) {
    return 'class-transformer internals changed (storage maps not found)';
  }
  const chain = classChain(dtoClass);
  for (const cls of chain) {
    if (internals._transformMetadatas.get(cls)?.size) return `${cls.name}: @Transform`;
  }
  // @Expose/@Exclude rename, add or drop keys: not mirrored.
  if (defaultMetadataStorage.getExposedMetadatas(dtoClass).length) return `${dtoClass.name}: @Expose`;
  if (defaultMetadataStorage.getExcludedMetadatas(dtoClass).length) return `${dtoClass.name}: @Exclude`;
  if (defaultMetadataStorage.getStrategy(dtoClass) !== 'none') return `${dtoClass.name}: class-level @Expose/@Exclude`;

  const typed = new Map<string, TypedProperty>();
  for (const cls of chain) {
    for (const property of internals._typeMetadatas.get(cls)?.keys() ?? []) {
      if (typed.has(property)) continue;
      // The lookup plainToInstance does: the most derived declaration wins.
      const metadata = defaultMetadataStorage.findTypeMetadata(dtoClass, property) as unknown as TypeMetadata;
      const where = `${dtoClass.name}.${property}`;
      if (metadata.options?.discriminator) return `${where}: @Type with a discriminator`;
      // `@Type(() => X)` ignores its arguments; one that reads them may answer per object.
      if (typeof metadata.typeFunction !== 'function' || metadata.typeFunction.length > 0) return `${where}: @Type function takes arguments`;
      const target = metadata.typeFunction();
      if (typeof target !== 'function') return `${where}: @Type does not return a class`;
      const reflected = metadata.reflectedType;
      if (reflected === Map || reflected === Set) return `${where}: Map or Set property`;
      typed.set(property, { target: target as DtoClass, arraysAllowed: reflected === undefined || reflected === Array || reflected === Object });
    }
  }
  return typed;
}

/** The class and its ancestors, most derived first. */
function classChain(dtoClass: DtoClass): DtoClass[] {
  const chain: DtoClass[] = [];
  for (let cls: unknown = dtoClass; typeof cls === 'function' && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) {
    chain.push(cls as DtoClass);
  }
  return chain;
}
