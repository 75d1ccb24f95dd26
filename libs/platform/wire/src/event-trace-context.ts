import { receivedHeaders, type CallHeaders } from './call-headers';

/** Longest trace context an event may carry (a traceparent is 55 characters; tracestate at most 512). */
const MAX_TRACE_CONTEXT = 2_048;

/** The trace headers of a change, as an event stores them (outbox and inbox rows, the wire). */
export function traceContextText(headers: CallHeaders | undefined): string | null {
  return headers ? JSON.stringify(headers) : null;
}

/** The headers an event's stored trace context holds; anything malformed is no context (a new trace), never an error. */
export function traceContextHeaders(text: string | null | undefined): CallHeaders | undefined {
  if (typeof text !== 'string' || text.length > MAX_TRACE_CONTEXT) return undefined;
  try {
    return receivedHeaders(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * Splits an arriving event into the trace context it carries (kept only if usable) and the rest,
 * which is validated as a WireEvent: a bad trace context must not get a good event dropped.
 */
export function withoutTraceContext(data: unknown): { rest: unknown; traceContext: string | undefined } {
  if (data === null || typeof data !== 'object' || !('traceContext' in data)) return { rest: data, traceContext: undefined };
  const { traceContext, ...rest } = data as Record<string, unknown>;
  return { rest, traceContext: traceContextHeaders(traceContext as string) ? (traceContext as string) : undefined };
}
