import { context, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { ObservabilityConfig } from '../config/observability-config';
import { RecentTraces } from './recent-traces';
import { samplerOf } from './sampler';

/** One unit's tracing: its tracer, its in-memory recent traces, and how to flush and stop. */
export interface Tracing {
  readonly tracer: Tracer;
  readonly recent: RecentTraces;
  readonly propagator: W3CTraceContextPropagator;
  shutdown(): Promise<void>;
}

let contextManagerInstalled = false;

/**
 * Async context is process-wide (one AsyncLocalStorage carries the active span through awaits);
 * the tracer provider is not registered globally, so several units in one process (the tests'
 * two-unit fixtures) each keep their own resource, sampler and recent traces.
 */
function installContextManager(): void {
  if (contextManagerInstalled) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerInstalled = true;
}

/** Starts tracing for one unit: spans kept in memory, and sent over OTLP/HTTP when an endpoint is configured. */
export function startTracing(config: ObservabilityConfig, resource: { unit: string; topology: string }): Tracing {
  installContextManager();
  const recent = new RecentTraces(config.tracesKept);
  const processors: SpanProcessor[] = [recent];
  if (config.otlpTracesUrl) processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: config.otlpTracesUrl })));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      ...parseResourceAttributes(config.resourceAttributes),
      'service.name': config.serviceName,
      'service.namespace': 'foodcourt',
      'foodcourt.unit': resource.unit,
      'foodcourt.topology': resource.topology,
    }),
    sampler: samplerOf(config.sampler, config.samplerRatio),
    spanProcessors: processors,
  });
  return {
    tracer: provider.getTracer('foodcourt'),
    recent,
    propagator: new W3CTraceContextPropagator(),
    shutdown: () => provider.shutdown(),
  };
}

function parseResourceAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    attributes[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return attributes;
}
