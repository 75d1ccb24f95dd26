import { NO_MESSAGE_HANDLER } from '@nestjs/microservices/constants';
import type { PendingRequests } from './pending-requests';
import { TransportFailure, UNIT_DRAINING } from './transport-failure';

/** Nest's reply packet (ServerTCP, ServerNats): `{id, response}` and/or `{id, err}`, the last one flagged `isDisposed`. */
export interface NestReply {
  id?: unknown;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * Settles `id` from a Nest reply as Nest's ClientProxy would: a `response` answers it; `err` fails
 * it, as "it does not answer this call" when it is Nest's own no-handler marker (the constant
 * Nest sends, compared by identity, not by wording), as "unit draining" when a draining unit turned it away; a bare `isDisposed` means the unit closed
 * the request without answering. Anything else (a later packet of a reply already taken) is ignored.
 */
export function settleFromNestReply(pending: PendingRequests, id: string, reply: NestReply): void {
  if (reply.err) pending.reject(id, failureOfNestErr(reply.err));
  else if (reply.response !== undefined) pending.resolve(id, reply.response);
  else if (reply.isDisposed) pending.reject(id, new TransportFailure('protocol error'));
}

/** The failure a Nest reply's `err` means for the caller. */
export function failureOfNestErr(err: unknown): TransportFailure {
  if (err === NO_MESSAGE_HANDLER) return new TransportFailure('it does not answer this call');
  if (err === UNIT_DRAINING) return new TransportFailure('unit draining');
  return new TransportFailure('transport error', { cause: err });
}
