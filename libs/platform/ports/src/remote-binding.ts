import { messagePattern, toDtoInstance, type PortApi, type PortDefinition } from '@foodcourt/platform-kernel';
import type { CallHeaders, CallOptions } from '@foodcourt/platform-wire';
import type { MethodOverride } from '@foodcourt/platform-topology';
import type { RemoteCaller } from './remote-call';

/** Per-method overrides by `<domain>.<method>` (platform-topology's methodOverridesOf). */
export type MethodOverrides = ReadonlyMap<string, MethodOverride>;

/**
 * A proxy for a port hosted by another unit, derived from the declaration alone: each method
 * sends `<domain>.<method>` with its declared timeout and idempotency, and returns an instance
 * of the output DTO (Dates as Dates), exactly as the local binding does. The hosting unit
 * validates the input, so a bad input fails with the same ValidationFailedError. `headers` gives
 * the trace context each call carries (none when tracing is off). `overrides` (the topology's
 * `methods`) replace a method's timeout and, for an idempotent method only, its retry count.
 */
export function createRemoteBinding<P extends PortDefinition>(
  port: P,
  call: RemoteCaller,
  headers: () => CallHeaders | undefined = () => undefined,
  overrides: MethodOverrides = new Map(),
): PortApi<P> {
  const binding: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [method, spec] of Object.entries(port.methods)) {
    const pattern = messagePattern(port, method);
    const override = overrides.get(pattern) ?? {};
    if (override.retries !== undefined && !spec.idempotent) {
      // The topology loader refuses this already; a binding built by hand must not retry such a method either.
      throw new Error(`${pattern} is not idempotent: it cannot be given retries`);
    }
    const options: CallOptions = { timeoutMs: override.timeoutMs ?? spec.timeoutMs, idempotent: spec.idempotent };
    if (override.retries !== undefined) options.retries = override.retries;
    binding[method] = async (input: unknown) => toDtoInstance(spec.output, await call(pattern, input, options, headers()));
  }
  return binding as PortApi<P>;
}
