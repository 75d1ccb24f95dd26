import { DomainError, domainErrorFromBody, type DomainErrorBody } from '@foodcourt/platform-kernel';
import { RemoteInternalError } from './remote-internal-error';

/**
 * What a unit answers to a port call. Errors travel as data, never as transport errors, so a
 * typed domain error is rebuilt as the same class on the caller's side and a transport error
 * always means "could not reach the unit".
 */
export type WireReply = { ok: true; value: unknown } | { ok: false; error: DomainErrorBody } | { ok: false; internal: true };

/** The reply for a value the port method resolved to. */
export function valueReply(value: unknown): WireReply {
  return { ok: true, value };
}

/** The reply for what a port method threw: a domain error travels whole; anything else only as "internal". */
export function errorReply(error: unknown): WireReply {
  if (error instanceof DomainError) return { ok: false, error: error.toBody() };
  return { ok: false, internal: true };
}

/** Unwraps a reply: the value, or the typed error thrown. A reply of the wrong shape is a protocol error. */
export function unwrapReply(target: string, reply: unknown): unknown {
  if (typeof reply !== 'object' || reply === null || typeof (reply as { ok?: unknown }).ok !== 'boolean') {
    throw new RemoteInternalError(target);
  }
  const typed = reply as WireReply;
  if (typed.ok) return typed.value;
  if ('error' in typed && isErrorBody(typed.error)) throw domainErrorFromBody(typed.error);
  throw new RemoteInternalError(target);
}

function isErrorBody(body: unknown): body is DomainErrorBody {
  const candidate = body as Partial<DomainErrorBody> | null;
  return typeof candidate?.code === 'string' && typeof candidate.kind === 'string' && typeof candidate.message === 'string';
}
