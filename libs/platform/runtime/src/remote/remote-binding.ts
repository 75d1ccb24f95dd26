import { messagePattern, type PortApi, type PortDefinition } from '../ports/port-definition';
import { toDtoInstance } from '../validation/dto-validator';
import type { CallOptions } from './remote-call';

/** Sends one call; resolves to the unwrapped value or throws the typed error (see remoteCaller). */
export type RemoteCall = (pattern: string, data: unknown, options: CallOptions) => Promise<unknown>;

/**
 * A proxy for a port hosted by another unit, derived from the declaration alone: each method
 * sends `<domain>.<method>` with its declared timeout and idempotency, and returns an instance
 * of the output DTO (Dates as Dates), exactly as the local binding does. The hosting unit
 * validates the input, so a bad input fails with the same ValidationFailedError.
 */
export function createRemoteBinding<P extends PortDefinition>(port: P, call: RemoteCall): PortApi<P> {
  const binding: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [method, spec] of Object.entries(port.methods)) {
    const pattern = messagePattern(port, method);
    const options: CallOptions = { timeoutMs: spec.timeoutMs, idempotent: spec.idempotent };
    binding[method] = async (input: unknown) => toDtoInstance(spec.output, await call(pattern, input, options));
  }
  return binding as PortApi<P>;
}
