import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { WireReply } from '@foodcourt/platform-wire';
import { DOMAIN_KEY, type Telemetry } from '../telemetry';
import { OUTCOMES, outcomeOfReply } from './call-outcome';

/** A server-side handler of a port method: the call's data and the envelope's trace headers, answered with a reply. */
export type ServedCall = (data: unknown, headers?: unknown) => Promise<WireReply>;

/**
 * Wraps the handler of a hosted port method: the call continues the caller's trace (its
 * `traceparent` from the envelope; a malformed one starts a new trace) as a SERVER span named as
 * the caller's CLIENT span, and is counted as served by outcome.
 */
export function instrumentServedCall(domain: string, method: string, transport: string, handler: ServedCall, telemetry: Telemetry | undefined): ServedCall {
  const { tracer, metrics } = telemetry ?? {};
  if (!telemetry || (!tracer && !metrics)) return handler;
  const name = `${domain}.${method}`;
  const counted = metrics && Object.fromEntries(OUTCOMES.map((o) => [o, metrics.portCallsServed.labels(domain, method, o)]));
  const attributes = { 'rpc.system': transport, 'rpc.service': domain, 'rpc.method': method, 'foodcourt.binding': 'remote', 'foodcourt.unit': telemetry.unit };
  return async (data, headers) => {
    const parent = telemetry.incomingContext(headers);
    const span = tracer ? tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent) : undefined;
    const active = (span ? trace.setSpan(parent, span) : parent).setValue(DOMAIN_KEY, domain);
    const reply = await context.with(active, () => handler(data, headers));
    const outcome = outcomeOfReply(reply);
    counted?.[outcome].inc();
    if (span) {
      if (outcome !== 'ok') span.setAttribute('foodcourt.outcome', outcome);
      if (!reply.ok && 'error' in reply) span.setAttribute('foodcourt.error_code', reply.error.code);
      if (outcome === 'unavailable' || outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    return reply;
  };
}
