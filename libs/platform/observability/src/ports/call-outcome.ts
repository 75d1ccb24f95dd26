import { DomainError } from '@foodcourt/platform-kernel';
import type { WireReply } from '@foodcourt/platform-wire';

/**
 * How a port call ended, as metrics label it: a domain's own answer (a declined payment, an
 * unknown product) is `domain_error`, not a failure of the call; `unavailable` is the peer or
 * the transport not answering; `error` is a bug.
 */
export type CallOutcome = 'ok' | 'domain_error' | 'unavailable' | 'error';

export const OUTCOMES: readonly CallOutcome[] = ['ok', 'domain_error', 'unavailable', 'error'];

export function outcomeOfError(error: unknown): CallOutcome {
  if (!(error instanceof DomainError)) return 'error';
  return error.kind === 'unavailable' ? 'unavailable' : 'domain_error';
}

export function outcomeOfReply(reply: WireReply): CallOutcome {
  if (reply.ok) return 'ok';
  if ('error' in reply) return reply.error.kind === 'unavailable' ? 'unavailable' : 'domain_error';
  return 'error';
}

/** The error code a span records for a domain error (what a reader of the trace branches on). */
export function errorCodeOf(error: unknown): string | undefined {
  return error instanceof DomainError ? error.code : undefined;
}
