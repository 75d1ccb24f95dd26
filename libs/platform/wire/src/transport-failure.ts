/**
 * Why a request never reached an answer, as the 503 of the caller names it. Each transport maps its
 * own failures (socket error codes, broker status codes, Nest's reply markers) to one of these, so
 * the RPC layer decides on types, never on the wording of a library's messages.
 */
export type TransportFailureReason =
  | 'connection refused'
  | 'connection reset'
  | 'connection closed'
  | 'connection lost'
  | 'no unit answers'
  | 'unit draining'
  | 'it does not answer this call'
  | 'protocol error'
  | 'transport error';

/**
 * A request that failed to arrive or to be answered (not a domain error, not a timeout): idempotent
 * calls may retry it. 'unit draining': the unit is stopping gracefully and turned the request away
 * unexecuted, or refused it while it restarts after saying so; its caller sends it again.
 */
export class TransportFailure extends Error {
  constructor(
    readonly reason: TransportFailureReason,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'TransportFailure';
  }
}

/**
 * What a draining unit answers, unexecuted, to a call that arrives after it was told to stop
 * (sent as the `err` of Nest's reply packet, compared by value): the caller's transport client
 * turns it into TransportFailure('unit draining').
 */
export const UNIT_DRAINING = 'foodcourt: unit draining';

/**
 * Whether the unit certainly did not execute the request: it never got it (refused connection,
 * no subscriber) or turned it away while draining. Such a call may be sent again even when its
 * method is not idempotent.
 */
export function neverExecuted(error: unknown): boolean {
  if (!(error instanceof TransportFailure)) return false;
  return error.reason === 'connection refused' || error.reason === 'unit draining' || error.reason === 'no unit answers';
}

const BY_SOCKET_CODE: Readonly<Record<string, TransportFailureReason>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENOTFOUND: 'connection refused',
  EHOSTUNREACH: 'connection refused',
  ETIMEDOUT: 'connection lost',
};

/**
 * A failure of the transport as a TransportFailure: kept if it is one already, classified by the
 * Node socket error `code` when it has one, else `fallback`.
 */
export function asTransportFailure(error: unknown, fallback: TransportFailureReason = 'transport error'): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? BY_SOCKET_CODE[code] : undefined;
  return new TransportFailure(reason ?? fallback, { cause: error });
}
