import { context, createContextKey, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Tracer } from '@opentelemetry/api';
import type { ObservabilityConfig } from './config/observability-config';
import { UnitMetrics } from './metrics/unit-metrics';
import { startTracing, type Tracing } from './tracing/start-tracing';

/** The W3C trace context of a call or an event, as it travels in an envelope: `traceparent` and maybe `tracestate`. */
export type TraceHeaders = Record<string, string>;

/** A unit of work traced apart from a call: handling an event, sending an e-mail. */
export interface WorkSpan {
  kind: 'internal' | 'consumer' | 'producer' | 'client';
  attributes?: Attributes;
  /** The stored trace context it continues (an event's, a delivery's); absent or malformed: the active one. */
  parent?: TraceHeaders;
  /** The domain whose code runs in it, for the logs. */
  domain?: string;
}

const WORK_KINDS = { internal: SpanKind.INTERNAL, consumer: SpanKind.CONSUMER, producer: SpanKind.PRODUCER, client: SpanKind.CLIENT };

/** The domain whose code runs in the active context: logs name it. */
export const DOMAIN_KEY = createContextKey('foodcourt.domain');

const getter = {
  keys: (carrier: TraceHeaders) => Object.keys(carrier),
  get: (carrier: TraceHeaders, key: string) => (typeof carrier[key] === 'string' ? carrier[key] : undefined),
};

/**
 * One unit's observability: its tracer (absent when tracing is off), its metrics (absent when
 * metrics are off) and the unit it speaks for. Everything the platform instruments goes through this.
 */
export class Telemetry {
  readonly tracer: Tracer | undefined;
  readonly tracing: Tracing | undefined;
  readonly metrics: UnitMetrics | undefined;

  constructor(
    readonly config: ObservabilityConfig,
    readonly unit: string,
    readonly topology: string,
  ) {
    this.tracing = config.tracingEnabled ? startTracing(config, { unit, topology }) : undefined;
    this.tracer = this.tracing?.tracer;
    this.metrics = config.metricsEnabled ? new UnitMetrics({ unit, topology }) : undefined;
  }

  /** The active trace context to put in an outgoing envelope; undefined when there is none. */
  outgoingHeaders(active: Context = context.active()): TraceHeaders | undefined {
    if (!this.tracing || !trace.getSpan(active)) return undefined;
    const carrier: TraceHeaders = {};
    this.tracing.propagator.inject(active, carrier, { set: (c, k, v) => (c[k] = v) });
    return carrier;
  }

  /**
   * The context an incoming envelope continues. Anything but a well-formed W3C `traceparent`
   * (absent, malformed, not an object) yields the root context: a new trace starts, nothing fails.
   */
  incomingContext(headers: unknown): Context {
    const root = context.active();
    if (!this.tracing || headers === null || typeof headers !== 'object' || Array.isArray(headers)) return root;
    return this.tracing.propagator.extract(root, headers as TraceHeaders, getter);
  }

  /** Runs `work` inside a span named `name` (ERROR if it throws); without tracing, only runs it. */
  async inSpan<T>(name: string, options: WorkSpan, work: () => Promise<T>): Promise<T> {
    const parent = options.parent ? this.incomingContext(options.parent) : context.active();
    const span = this.tracer?.startSpan(name, { kind: WORK_KINDS[options.kind], attributes: { 'foodcourt.unit': this.unit, ...options.attributes } }, parent);
    let active = span ? trace.setSpan(parent, span) : parent;
    if (options.domain) active = active.setValue(DOMAIN_KEY, options.domain);
    try {
      return await context.with(active, work);
    } catch (error) {
      span?.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span?.end();
    }
  }

  async shutdown(): Promise<void> {
    await this.tracing?.shutdown();
  }
}

