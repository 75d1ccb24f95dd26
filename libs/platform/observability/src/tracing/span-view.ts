import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** A finished span as the dashboard and the units' trace queries carry it: plain JSON, epoch milliseconds. */
export interface SpanView {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: 'internal' | 'server' | 'client' | 'producer' | 'consumer';
  /** The unit that recorded it (its service name). */
  unit: string;
  startMs: number;
  durationMs: number;
  status: 'ok' | 'error' | 'unset';
  attributes: Record<string, string | number | boolean>;
}

const KINDS: Record<SpanKind, SpanView['kind']> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};

const STATUSES: Record<SpanStatusCode, SpanView['status']> = {
  [SpanStatusCode.UNSET]: 'unset',
  [SpanStatusCode.OK]: 'ok',
  [SpanStatusCode.ERROR]: 'error',
};

const hrMs = ([seconds, nanos]: [number, number]) => seconds * 1_000 + nanos / 1_000_000;

export function spanView(span: ReadableSpan): SpanView {
  const context = span.spanContext();
  const attributes: SpanView['attributes'] = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
  }
  const view: SpanView = {
    traceId: context.traceId,
    spanId: context.spanId,
    name: span.name,
    kind: KINDS[span.kind],
    unit: String(span.resource.attributes['service.name'] ?? ''),
    startMs: hrMs(span.startTime),
    durationMs: hrMs(span.duration),
    status: STATUSES[span.status.code],
    attributes,
  };
  if (span.parentSpanContext) view.parentSpanId = span.parentSpanContext.spanId;
  return view;
}
