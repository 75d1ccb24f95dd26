import { toDtoInstance, validateDto } from '../validation/dto-validator';
import type { PortApi, PortDefinition } from './port-definition';

/**
 * Wraps a domain's implementation so an in-process call behaves as a remote one would
 * wherever a caller could notice: input validated against its DTO (ValidationFailedError
 * naming the field), output an instance of the output DTO, domain errors passed through typed.
 */
export function createLocalBinding<P extends PortDefinition>(port: P, implementation: PortApi<P>): PortApi<P> {
  const binding: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, spec] of Object.entries(port.methods)) {
    const target = (implementation as Record<string, unknown>)[name];
    if (typeof target !== 'function') {
      throw new Error(`${port.domain} port: the implementation has no method "${name}"`);
    }
    const call = target.bind(implementation) as (input: unknown) => Promise<unknown>;
    binding[name] = async (input: unknown) => {
      const validInput = validateDto(spec.input, input);
      const output = await call(validInput);
      return toDtoInstance(spec.output, output);
    };
  }
  return binding as PortApi<P>;
}
