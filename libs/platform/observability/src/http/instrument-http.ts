import { context, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Telemetry } from '../telemetry';

const SPAN = Symbol('foodcourt.http-span');
const CONTEXT = Symbol('foodcourt.http-context');
const STARTED = Symbol('foodcourt.http-started');

type Instrumented = FastifyRequest & { [SPAN]?: Span; [CONTEXT]?: Context; [STARTED]?: number };

/** Paths scraped, probed or polled many times a minute (the dashboard and what it polls): counted, but neither traced nor logged. */
const QUIET = /^\/(health|metrics|dashboard)(\/|$|\?)/;
const POLLED = /^\/admin\/(overview|traces|dead-letters)(\/|$|\?)/;

function quiet(request: FastifyRequest): boolean {
  return QUIET.test(request.url) || (request.method === 'GET' && POLLED.test(request.url));
}

/**
 * Every HTTP request this unit serves: a SERVER span named `<METHOD> <route template>` that
 * continues an incoming `traceparent` (a malformed one starts a new trace), a latency histogram
 * by route and status, and one access-log line. Fastify hooks see every request, 404s and
 * rejected bodies included; `httpContextOf` hands the span to the handler (HttpTraceInterceptor).
 */
export function instrumentHttp(fastify: FastifyInstance, telemetry: Telemetry, logger: Logger): void {
  const { tracer, metrics } = telemetry;
  fastify.addHook('onRequest', (request: Instrumented, _reply, done) => {
    request[STARTED] = performance.now();
    if (tracer && !quiet(request)) {
      const parent = telemetry.incomingContext(request.headers);
      const route = request.routeOptions.url ?? 'unmatched';
      const span = tracer.startSpan(
        `${request.method} ${route}`,
        { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route, 'url.path': request.url.split('?')[0]!, 'foodcourt.unit': telemetry.unit } },
        parent,
      );
      request[SPAN] = span;
      request[CONTEXT] = trace.setSpan(parent, span);
    }
    done();
  });
  fastify.addHook('onResponse', (request: Instrumented, reply, done) => {
    const status = reply.statusCode;
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = (performance.now() - (request[STARTED] ?? performance.now())) / 1_000;
    metrics?.httpSeconds.labels(request.method, route, String(status)).observe(seconds);
    const span = request[SPAN];
    if (span) {
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    if (!quiet(request)) {
      const ids = span ? { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId } : {};
      logger.info({ ...ids, method: request.method, route, status, ms: Math.round(seconds * 10_000) / 10 }, 'request completed');
    }
    done();
  });
}

/** The context a request's handler runs in (its SERVER span active), or the current one if it was not traced. */
export function httpContextOf(request: unknown): Context {
  return (request as Instrumented | undefined)?.[CONTEXT] ?? context.active();
}
