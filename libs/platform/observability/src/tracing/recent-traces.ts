import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { spanView, type SpanView } from './span-view';

/** A trace holds at most this many spans here; a runaway loop cannot eat the unit's memory. */
const SPANS_PER_TRACE = 1_000;

/** A trace as the dashboard lists it: when, how long, what it started with, which units it crossed. */
export interface TraceSummary {
  traceId: string;
  root: string;
  startMs: number;
  durationMs: number;
  spans: number;
  units: string[];
  errors: number;
}

/**
 * The embedded trace store: the spans of the last `limit` traces this unit took part in, kept in
 * memory (the oldest trace goes first), so a team sees recent traces with no collector running.
 */
export class RecentTraces implements SpanProcessor {
  private readonly traces = new Map<string, SpanView[]>();

  constructor(private readonly limit: number) {}

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    if (this.limit === 0) return;
    const view = spanView(span);
    let spans = this.traces.get(view.traceId);
    if (!spans) {
      spans = [];
      this.traces.set(view.traceId, spans);
      if (this.traces.size > this.limit) this.traces.delete(this.traces.keys().next().value!);
    }
    if (spans.length < SPANS_PER_TRACE) spans.push(view);
  }

  spansOf(traceId: string): SpanView[] {
    return [...(this.traces.get(traceId) ?? [])];
  }

  /** Every kept trace's spans, newest trace first. */
  all(): SpanView[][] {
    return [...this.traces.values()].reverse().map((spans) => [...spans]);
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {
    this.traces.clear();
  }
}

/** Summaries of traces whose spans may come from several units (joined by trace id), newest first. */
export function summarizeTraces(spans: SpanView[]): TraceSummary[] {
  const byTrace = new Map<string, SpanView[]>();
  for (const span of spans) {
    const list = byTrace.get(span.traceId) ?? [];
    list.push(span);
    byTrace.set(span.traceId, list);
  }
  const summaries: TraceSummary[] = [];
  for (const [traceId, list] of byTrace) {
    const ids = new Set(list.map((s) => s.spanId));
    const root = list.find((s) => !s.parentSpanId || !ids.has(s.parentSpanId)) ?? list[0]!;
    const start = Math.min(...list.map((s) => s.startMs));
    const end = Math.max(...list.map((s) => s.startMs + s.durationMs));
    summaries.push({
      traceId,
      root: root.name,
      startMs: start,
      durationMs: end - start,
      spans: list.length,
      units: [...new Set(list.map((s) => s.unit))].sort(),
      errors: list.filter((s) => s.status === 'error').length,
    });
  }
  return summaries.sort((a, b) => b.startMs - a.startMs);
}
