/** The servers of B3, each started by bench/src/servers/http-server.ts in its own process. */
export const HTTP_VARIANTS = [
  'fastify-bare',
  'fastify-schema',
  'fastify-validatedto',
  'nest-fastify-nopipe',
  'nest-fastify-validationpipe',
  'nest-express-validationpipe',
  'ours',
] as const;
export type HttpVariant = (typeof HTTP_VARIANTS)[number];

/** Variants that refuse an invalid body with 400 (the others accept anything). */
export const VALIDATING_VARIANTS: readonly HttpVariant[] = ['fastify-schema', 'fastify-validatedto', 'nest-fastify-validationpipe', 'nest-express-validationpipe', 'ours'];

/** The JSON schema equivalent of CreateProductInput's class-validator rules (libs/catalog/contract). */
export const CREATE_PRODUCT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['sku', 'name', 'description', 'price', 'currency', 'stock'],
  properties: {
    sku: { type: 'string', pattern: '^[A-Z0-9][A-Z0-9-]{0,63}$' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
    price: { type: 'integer', minimum: 1, maximum: 100_000_000 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    stock: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  },
} as const;
