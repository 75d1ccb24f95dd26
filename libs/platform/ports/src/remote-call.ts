import { ExponentialBackoff, handleWhen, retry, TaskCancelledError, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import { DependencyUnavailableError } from '@foodcourt/platform-kernel';
import type { DependencyGuard } from './resilience/dependency-guards';
import { asTransportFailure, CallTimedOut, TransportFailure, unwrapReply, type CallHeaders, type CallOptions, type UnitConnection } from '@foodcourt/platform-wire';

export type { CallOptions } from '@foodcourt/platform-wire';

/** Sends one call as a port method does (with the caller's trace context in `headers`): resolves to the unwrapped value or throws the typed error. */
export type RemoteCaller = (pattern: string, data: unknown, options: CallOptions, headers?: CallHeaders) => Promise<unknown>;

/** The retry policy of idempotent calls (ADR 6): 2 retries after the first attempt (a topology may change the count per method), exponential backoff 25–250 ms; requests turned away by a draining unit are resent until the deadline (ADR 11). */
export const DEFAULT_RETRIES = 2;
const retryBackoff = () => new ExponentialBackoff({ initialDelay: 25, maxDelay: 250 });

/**
 * Calls `pattern` on the unit behind `connection` as `target` (the domain's name, which the
 * 503 names), through `guard` (the domain's breaker and its unit's bulkhead) when given. The whole call, retries included, is bounded by `timeoutMs`; only idempotent
 * calls are retried after a failure on the transport; a request a draining unit turned away is sent again whatever the method.
 *
 * The first attempt is a bare request: the connection holds its deadline (one timer per call,
 * see pending-requests.ts). cockatiel's policies (an aggressive timeout for what is left of the
 * deadline, around the retry) take over only once that attempt failed on the transport, so a
 * call that succeeds pays for none of them (ADR 6, "Timeouts on the success path").
 */
const whileDraining = (error: unknown) => error instanceof TransportFailure && error.reason === 'unit draining';

export function remoteCaller(target: string, connection: UnitConnection, guard?: DependencyGuard): RemoteCaller {
  const timedOut = (options: CallOptions) =>
    new DependencyUnavailableError(`${target} did not answer within ${options.timeoutMs} ms; try again later`, { dependency: target });
  const unavailable = (reason: string) => new DependencyUnavailableError(`${target} is unavailable (${reason}); try again later`, { dependency: target });

  /**
   * After a failed first attempt: the 503 the failure means, or the attempts that follow. A request
   * turned away by a draining unit (or refused while it restarts: a rolling update) never ran and
   * the unit is coming back: it is sent again until the deadline, idempotent or not (ADR 11). Any
   * other transport failure is retried only for an idempotent method, `retries` times.
   */
  const afterFailure = async (firstFailure: unknown, pattern: string, data: unknown, options: CallOptions, deadline: number, headers: CallHeaders | undefined): Promise<unknown> => {
    if (firstFailure instanceof CallTimedOut) throw timedOut(options);
    const retries = options.idempotent ? (options.retries ?? DEFAULT_RETRIES) : 0;
    if (!whileDraining(firstFailure) && retries <= 0) throw unavailable(asTransportFailure(firstFailure).reason);
    const left = deadline - Date.now();
    if (left <= 0) throw timedOut(options);
    let retried = 0;
    let lastFailure = asTransportFailure(firstFailure);
    const sendAgain = (error: unknown) => error instanceof TransportFailure && (whileDraining(error) || retried++ < retries);
    const policy = wrap(
      timeout(left, TimeoutStrategy.Aggressive),
      // The deadline, not the attempt count, bounds the resends to a draining unit.
      retry(handleWhen(sendAgain), { maxAttempts: Number.MAX_SAFE_INTEGER, backoff: retryBackoff() }),
    );
    try {
      // Attempt 0 is the one already made: replaying its failure lets the policy back off and retry exactly as declared.
      return await policy.execute(async ({ attempt, signal }) => {
        if (attempt === 0) throw asTransportFailure(firstFailure);
        try {
          return await connection.request(pattern, data, deadline, signal, headers);
        } catch (error) {
          if (error instanceof CallTimedOut) throw error;
          throw (lastFailure = asTransportFailure(error));
        }
      });
    } catch (error) {
      // Out of time while the unit was still restarting: that is what the caller should read.
      if (error instanceof TaskCancelledError && whileDraining(lastFailure)) throw unavailable(lastFailure.reason);
      if (error instanceof TaskCancelledError || error instanceof CallTimedOut) throw timedOut(options);
      if (error instanceof TransportFailure) throw unavailable(error.reason);
      throw error;
    }
  };

  /** The reply as it arrived (retries included), or the 503 of a call that could not be made. */
  const send = async (pattern: string, data: unknown, options: CallOptions, headers?: CallHeaders): Promise<unknown> => {
    const deadline = Date.now() + options.timeoutMs;
    try {
      return await connection.request(pattern, data, deadline, undefined, headers);
    } catch (error) {
      return afterFailure(error, pattern, data, options, deadline, headers);
    }
  };
  if (!guard) return async (pattern, data, options, headers) => unwrapReply(target, await send(pattern, data, options, headers));
  // The breaker sees the call itself, retries included: one exhausted call is one failure. What the
  // peer answered (even its own "my dependency is unavailable") is an answer: the peer is up.
  return async (pattern, data, options, headers) => unwrapReply(target, await guard.run(() => send(pattern, data, options, headers)));
}
