import { ExponentialBackoff, handleWhen, retry, TaskCancelledError, timeout, TimeoutStrategy, wrap, type IPolicy } from 'cockatiel';
import { DependencyUnavailableError } from '../errors/common-errors';
import type { UnitConnection } from './transport-clients';
import { unwrapReply } from './wire-reply';

/** What a caller declares about one call: how long it waits, and whether repeating it is safe. */
export interface CallOptions {
  timeoutMs: number;
  idempotent: boolean;
}

/** A request that never reached an answer: refused, dropped, or no handler. Only these are retried. */
class TransportFailure extends Error {}

/**
 * Calls `pattern` on the unit behind `connection` as `target` (the domain's name, which the
 * 503 names). The whole call, retries included, is bounded by `timeoutMs`; only idempotent
 * calls are retried, and only when the request failed to arrive (cockatiel policies).
 */
export function remoteCaller(target: string, connection: UnitConnection) {
  const policies = new Map<string, IPolicy>();
  const policyFor = ({ timeoutMs, idempotent }: CallOptions): IPolicy => {
    const key = `${timeoutMs}:${idempotent}`;
    let policy = policies.get(key);
    if (!policy) {
      const deadline = timeout(timeoutMs, TimeoutStrategy.Aggressive);
      policy = idempotent
        ? wrap(deadline, retry(handleWhen((e) => e instanceof TransportFailure), { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 25, maxDelay: 250 }) }))
        : deadline;
      policies.set(key, policy);
    }
    return policy;
  };

  return async (pattern: string, data: unknown, options: CallOptions): Promise<unknown> => {
    let reply: unknown;
    const deadline = Date.now() + options.timeoutMs;
    try {
      reply = await policyFor(options).execute(async ({ signal }) => {
        try {
          return await connection.request(pattern, data, deadline, signal);
        } catch (error) {
          throw new TransportFailure(reasonOf(error));
        }
      });
    } catch (error) {
      if (error instanceof TaskCancelledError) {
        throw new DependencyUnavailableError(`${target} did not answer within ${options.timeoutMs} ms; try again later`, { dependency: target });
      }
      if (error instanceof TransportFailure) {
        throw new DependencyUnavailableError(`${target} is unavailable (${error.message}); try again later`, { dependency: target });
      }
      throw error;
    }
    return unwrapReply(target, reply);
  };
}

// Transport errors are Errors, plain objects ({ err }) or strings depending on the transport; keep a short reason only.
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'connection reset';
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : (error as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && /no matching message handler/i.test(message)) return 'it does not answer this call';
  if (typeof message === 'string' && /closed/i.test(message)) return 'connection closed';
  if (typeof message === 'string' && /no subscribers|no responders|503/i.test(message)) return 'no unit answers';
  return 'transport error';
}
