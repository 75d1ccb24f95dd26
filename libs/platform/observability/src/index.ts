// How a unit observes itself: OpenTelemetry traces (kept in memory, sent over OTLP/HTTP when
// configured), pino JSON logs with trace ids, and Prometheus metrics. Glue over kept libraries.
export * from './config/observability-config';
export * from './telemetry';
export * from './observability.module';
export * from './logging/unit-logger';
export * from './logging/scrub-secrets';
export * from './metrics/unit-metrics';
export * from './ports/call-outcome';
export * from './ports/instrument-port';
export * from './ports/instrument-served-call';
export * from './http/instrument-http';
export * from './tracing/span-view';
export { summarizeTraces, type TraceSummary } from './tracing/recent-traces';
// How an event or a delivery stores its trace context (defined with the wire, which carries it).
export { traceContextHeaders, traceContextText } from '@foodcourt/platform-wire';
export * from './metrics/port-call-stats';
