import { Logger } from '@nestjs/common';
import { assertNestingWithin, DomainError, messagePattern, type PortApi, type PortDefinition } from '@foodcourt/platform-kernel';
import { instrumentServedCall, uninstrumented, type Telemetry } from '@foodcourt/platform-observability';
import { errorReply, valueReply, type RpcHandler } from '@foodcourt/platform-wire';

const logger = new Logger('PortServer');

/**
 * The server side of a port: one handler per method, derived from the declaration. `binding` is
 * what the port's token resolves to in the hosting unit (createLocalBinding), so input is
 * validated (a malformed message gets VALIDATION_FAILED naming the field and changes nothing)
 * before the core runs. Handlers answer a WireReply and never throw: the unit stays up. With
 * telemetry, each call is a SERVER span continuing the caller's trace (not also a local call).
 */
export function createPortHandlers<P extends PortDefinition>(port: P, localBinding: PortApi<P>, telemetry?: Telemetry, transport = 'unknown'): Map<string, RpcHandler> {
  const binding = uninstrumented(localBinding) as Record<string, (input: unknown) => Promise<unknown>>;
  const handlers = new Map<string, RpcHandler>();
  for (const method of Object.keys(port.methods)) {
    const target = binding[method];
    if (typeof target !== 'function') throw new Error(`${port.domain} port: the binding has no method "${method}"`);
    const call = target.bind(binding) as (input: unknown) => Promise<unknown>;
    const pattern = messagePattern(port, method);
    const handler = async (data: unknown) => {
      const started = performance.now();
      try {
        // A message is as untrusted as an HTTP body: its depth is bounded before the DTO is built.
        assertNestingWithin(data);
        const reply = valueReply(await call(data));
        logger.debug(`served ${pattern} in ${(performance.now() - started).toFixed(1)} ms`);
        return reply;
      } catch (error) {
        // The caller only learns "failed unexpectedly": the stack must be in this unit's log.
        if (!(error instanceof DomainError)) logger.error(`${pattern} failed`, error instanceof Error ? error.stack : String(error));
        else logger.debug(`served ${pattern} in ${(performance.now() - started).toFixed(1)} ms: ${error.code}`);
        return errorReply(error);
      }
    };
    handlers.set(pattern, instrumentServedCall(port.domain, method, transport, handler, telemetry));
  }
  return handlers;
}
