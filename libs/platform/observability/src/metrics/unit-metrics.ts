import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { foodcourtMetrics, type MetricJson } from './port-call-stats';

/** Latency buckets in seconds, from an in-process call (tens of µs) to a timed-out remote one. */
const CALL_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of one unit, in its own registry (several units may share a process in
 * tests). Names follow Prometheus conventions: `_total` counters, `_seconds` histograms.
 */
export class UnitMetrics {
  readonly registry = new Registry();

  /** Port calls as the caller saw them: binding local (in-process) or remote, outcome ok | domain_error | unavailable | error. */
  readonly portCalls = new Counter({
    name: 'foodcourt_port_calls_total',
    help: 'Port calls made by this unit, by domain, method, binding (local or remote) and outcome',
    labelNames: ['domain', 'method', 'binding', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly portCallSeconds = new Histogram({
    name: 'foodcourt_port_call_duration_seconds',
    help: 'Duration of port calls made by this unit, as the caller waited for them',
    labelNames: ['domain', 'method', 'binding'] as const,
    buckets: CALL_BUCKETS,
    registers: [this.registry],
  });

  /** Remote calls this unit answered for the domains it hosts. */
  readonly portCallsServed = new Counter({
    name: 'foodcourt_port_calls_served_total',
    help: 'Port calls this unit served for other units, by domain, method and outcome',
    labelNames: ['domain', 'method', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly httpSeconds = new Histogram({
    name: 'foodcourt_http_request_duration_seconds',
    help: 'HTTP requests served by this unit, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: CALL_BUCKETS,
    registers: [this.registry],
  });

  readonly eventsHandled = new Counter({
    name: 'foodcourt_inbox_handled_total',
    help: 'Events handled by a subscriber of this unit, by domain and event type',
    labelNames: ['domain', 'event'] as const,
    registers: [this.registry],
  });

  readonly eventsFailed = new Counter({
    name: 'foodcourt_inbox_failed_total',
    help: 'Failed attempts of a subscriber of this unit to handle an event (each retry counts)',
    labelNames: ['domain', 'event'] as const,
    registers: [this.registry],
  });

  /** 1 while this unit's last call to a peer unit reached it, 0 after a transport failure. */
  readonly peerUp = new Gauge({
    name: 'foodcourt_remote_connection_up',
    help: 'Whether the last call from this unit to a peer unit reached it (1) or failed on the transport (0)',
    labelNames: ['peer_unit', 'transport'] as const,
    registers: [this.registry],
  });

  constructor(constantLabels: { unit: string; topology: string }) {
    this.registry.setDefaultLabels(constantLabels);
    collectDefaultMetrics({ register: this.registry });
  }

  /** A gauge read when scraped (outbox depth, dead letters): `read` returns one value per label set. */
  gaugeOnScrape<L extends string>(name: string, help: string, labelNames: readonly L[], read: () => Promise<{ labels: Record<L, string>; value: number }[]>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { labels, value } of await read()) this.set(labels as never, value);
      },
    });
  }

  /** This unit's own metrics (not the process's) as JSON, for the dashboard. */
  async foodcourtJson(): Promise<MetricJson[]> {
    return foodcourtMetrics((await this.registry.getMetricsAsJSON()) as unknown as MetricJson[]);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
