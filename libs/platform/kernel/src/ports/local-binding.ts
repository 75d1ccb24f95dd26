import { dtoInstanceMaker, dtoValidator } from '../validation/dto-validator';
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
    // Resolved once per method: a call goes straight to this DTO's (compiled) validator and builder.
    const validate = dtoValidator(spec.input);
    const toOutput = dtoInstanceMaker(spec.output);
    // What `async (input) => toOutput(await call(validate(input)))` does, one promise cheaper: a
    // throw (invalid input, or a synchronous one from the implementation) becomes a rejection.
    binding[name] = (input: unknown) => {
      try {
        return Promise.resolve(call(validate(input))).then(toOutput);
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return binding as PortApi<P>;
}
