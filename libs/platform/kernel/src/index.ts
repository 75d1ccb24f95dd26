// The kernel every contract stands on: how a port, an event and an error are declared, and how
// DTOs are validated. No Nest, no transport, no database: a contract imports this and nothing heavier.
import 'reflect-metadata';
export * from './errors/domain-error';
export * from './errors/domain-error-code';
export * from './errors/remote-domain-error';
export * from './errors/common-errors';
export * from './validation/dto-validator';
export * from './validation/violated-fields';
export * from './validation/nesting-depth';
export * from './validation/page-offset';
export * from './ports/port-definition';
export * from './ports/local-binding';
export * from './events/event-definition';
export * from './caller/caller';
export * from './caller/caller-input';
export * from './config/validate-config';
// The compiled fast path's internals, for the equivalence spec in contract-registry (every contract DTO, fast vs slow).
export { compiledDto, describeFastPath } from './validation/compile-dto';
export { toDtoInstanceSlow, validateDtoSlow } from './validation/slow-path';
export { INVALID } from './validation/value-conversion';
export { readTransformerRules } from './validation/transformer-metadata';
