/** A metric as prom-client's getMetricsAsJSON() gives it (what units send each other for the dashboard). */
export interface MetricJson {
  name: string;
  type: string;
  values: { value: number; labels: Record<string, string | number>; metricName?: string }[];
}

/** One port method as one unit called it: how many calls, how they ended, how long they took. */
export interface PortCallStats {
  unit: string;
  domain: string;
  method: string;
  binding: string;
  calls: number;
  domainErrors: number;
  /** Calls that failed as calls: the peer unavailable, or a bug. */
  failures: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

/** The metrics of this unit worth sending to the dashboard (its own, not the process's). */
export function foodcourtMetrics(all: MetricJson[]): MetricJson[] {
  return all.filter((metric) => metric.name.startsWith('foodcourt_'));
}

/** Per unit, domain, method and binding: counts by outcome and latency quantiles from the histogram. */
export function portCallStats(metricsByUnit: Map<string, MetricJson[]>): PortCallStats[] {
  const rows = new Map<string, PortCallStats & { buckets: [number, number][] }>();
  const row = (unit: string, labels: Record<string, string | number>) => {
    const key = [unit, labels['domain'], labels['method'], labels['binding']].join('|');
    let found = rows.get(key);
    if (!found) {
      found = { unit, domain: String(labels['domain']), method: String(labels['method']), binding: String(labels['binding']), calls: 0, domainErrors: 0, failures: 0, p50Ms: null, p99Ms: null, buckets: [] };
      rows.set(key, found);
    }
    return found;
  };
  for (const [unit, metrics] of metricsByUnit) {
    for (const metric of metrics) {
      if (metric.name === 'foodcourt_port_calls_total') {
        for (const { labels, value } of metric.values) {
          const target = row(unit, labels);
          target.calls += value;
          if (labels['outcome'] === 'domain_error') target.domainErrors += value;
          if (labels['outcome'] === 'unavailable' || labels['outcome'] === 'error') target.failures += value;
        }
      } else if (metric.name === 'foodcourt_port_call_duration_seconds') {
        for (const { labels, value, metricName } of metric.values) {
          if (metricName?.endsWith('_bucket')) row(unit, labels).buckets.push([labels['le'] === '+Inf' ? Infinity : Number(labels['le']), value]);
        }
      }
    }
  }
  return [...rows.values()]
    .map(({ buckets, ...stats }) => ({ ...stats, p50Ms: quantileMs(buckets, 0.5), p99Ms: quantileMs(buckets, 0.99) }))
    .sort((a, b) => `${a.domain}.${a.method}`.localeCompare(`${b.domain}.${b.method}`) || a.unit.localeCompare(b.unit));
}

/** A quantile from cumulative buckets, interpolated inside its bucket as Prometheus's histogram_quantile() does. */
export function quantileMs(buckets: [number, number][], q: number): number | null {
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [bound, count] of sorted) {
    if (count >= rank) {
      if (bound === Infinity) return lowerBound * 1_000;
      const inBucket = count - lowerCount;
      const fraction = inBucket === 0 ? 0 : (rank - lowerCount) / inBucket;
      return (lowerBound + (bound - lowerBound) * fraction) * 1_000;
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return lowerBound * 1_000;
}

/** The value of a gauge per label value (`domain`), summed over units. */
export function gaugeByLabel(metricsByUnit: Map<string, MetricJson[]>, name: string, label: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const metrics of metricsByUnit.values()) {
    for (const metric of metrics) {
      if (metric.name !== name) continue;
      for (const { labels, value } of metric.values) values[String(labels[label])] = (values[String(labels[label])] ?? 0) + value;
    }
  }
  return values;
}
