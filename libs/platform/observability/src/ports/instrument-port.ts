import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { PortApi, PortDefinition } from '@foodcourt/platform-kernel';
import { DOMAIN_KEY, type Telemetry } from '../telemetry';
import { errorCodeOf, OUTCOMES, outcomeOfError, type CallOutcome } from './call-outcome';

/** Where a binding sends its calls: in-process, or to a peer unit over a transport. */
export type BindingPlace = { binding: 'local' } | { binding: 'remote'; transport: string; peerUnit: string };

const UNINSTRUMENTED = Symbol('foodcourt.uninstrumented-binding');

type Method = (input: unknown) => Promise<unknown>;

/**
 * Wraps a port binding so each call is a span named `<domain>.<method>` (INTERNAL when local,
 * CLIENT when remote, with the transport and the peer unit) and is counted and timed by outcome.
 * The same names in both bindings: a trace or a dashboard reads the same whether a domain is
 * in-process or not. With tracing and metrics both off the binding is returned as it is.
 */
export function instrumentPort<P extends PortDefinition>(port: P, binding: PortApi<P>, place: BindingPlace, telemetry: Telemetry | undefined): PortApi<P> {
  const { tracer, metrics } = telemetry ?? {};
  if (!telemetry || (!tracer && !metrics)) return binding;
  const target = binding as Record<string, Method>;
  const instrumented: Record<string | symbol, unknown> = { [UNINSTRUMENTED]: binding };
  for (const method of Object.keys(port.methods)) {
    const call = target[method]!.bind(binding) as Method;
    const name = `${port.domain}.${method}`;
    const attributes: Attributes = {
      'rpc.system': place.binding === 'local' ? 'in-process' : place.transport,
      'rpc.service': port.domain,
      'rpc.method': method,
      'foodcourt.binding': place.binding,
      'foodcourt.unit': telemetry.unit,
    };
    if (place.binding === 'remote') attributes['foodcourt.peer_unit'] = place.peerUnit;
    const kind = place.binding === 'local' ? SpanKind.INTERNAL : SpanKind.CLIENT;
    // Label children resolved once: a call touches two prom-client objects, no label lookup.
    const counted = metrics && Object.fromEntries(OUTCOMES.map((o) => [o, metrics.portCalls.labels(port.domain, method, place.binding, o)]));
    const timed = metrics?.portCallSeconds.labels(port.domain, method, place.binding);
    const peer = metrics && place.binding === 'remote' ? metrics.peerUp.labels(place.peerUnit, place.transport) : undefined;

    const measured = (input: unknown, span: Span | undefined): Promise<unknown> => {
      const started = metrics ? performance.now() : 0;
      const finish = (outcome: CallOutcome, error?: unknown) => {
        if (metrics) {
          counted![outcome].inc();
          timed!.observe((performance.now() - started) / 1_000);
          peer?.set(outcome === 'unavailable' ? 0 : 1);
        }
        if (span) {
          if (outcome !== 'ok') {
            span.setAttribute('foodcourt.outcome', outcome);
            const code = errorCodeOf(error);
            if (code) span.setAttribute('foodcourt.error_code', code);
          }
          if (outcome === 'unavailable' || outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
          span.end();
        }
      };
      let pending: Promise<unknown>;
      try {
        pending = call(input);
      } catch (error) {
        pending = Promise.reject(error);
      }
      return pending.then(
        (value) => {
          finish('ok');
          return value;
        },
        (error: unknown) => {
          finish(outcomeOfError(error), error);
          throw error;
        },
      );
    };

    instrumented[method] = !tracer
      ? (input: unknown) => measured(input, undefined)
      : (input: unknown) => {
          const active = context.active();
          const parent = trace.getSpan(active);
          // Inside a trace that was not sampled, a child span would be dropped anyway: skip it (the
          // parent's context still travels, so the callee does not sample either).
          if (parent && !parent.isRecording()) return measured(input, undefined);
          const span = tracer.startSpan(name, { kind, attributes }, active);
          return context.with(trace.setSpan(active, span).setValue(DOMAIN_KEY, port.domain), () => measured(input, span));
        };
  }
  return instrumented as PortApi<P>;
}

/** The binding under the instrumentation: a unit serving a remote call records a server span instead. */
export function uninstrumented<P extends PortDefinition>(binding: PortApi<P>): PortApi<P> {
  return ((binding as Record<symbol, unknown>)[UNINSTRUMENTED] as PortApi<P> | undefined) ?? binding;
}
