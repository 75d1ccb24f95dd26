import { messagePattern, toDtoInstance, type PortApi, type PortDefinition } from '@foodcourt/platform-kernel';
import type { CallHeaders, CallOptions } from '@foodcourt/platform-wire';
import type { RemoteCaller } from './remote-call';

/**
 * A proxy for a port hosted by another unit, derived from the declaration alone: each method
 * sends `<domain>.<method>` with its declared timeout and idempotency, and returns an instance
 * of the output DTO (Dates as Dates), exactly as the local binding does. The hosting unit
 * validates the input, so a bad input fails with the same ValidationFailedError. `headers` gives
 * the trace context each call carries (none when tracing is off).
 */
export function createRemoteBinding<P extends PortDefinition>(port: P, call: RemoteCaller, headers: () => CallHeaders | undefined = () => undefined): PortApi<P> {
  const binding: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [method, spec] of Object.entries(port.methods)) {
    const pattern = messagePattern(port, method);
    const options: CallOptions = { timeoutMs: spec.timeoutMs, idempotent: spec.idempotent };
    binding[method] = async (input: unknown) => toDtoInstance(spec.output, await call(pattern, input, options, headers()));
  }
  return binding as PortApi<P>;
}
