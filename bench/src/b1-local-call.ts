/**
 * B1 — a local port call (small DTO in, small DTO out) against its peers, in-process with tinybench:
 * an awaited direct call of the core method, Moleculer's local broker.call and @nestjs/event-emitter's
 * emitAsync. The port is the real catalog port (CatalogPort.get: GetProductInput → ProductView);
 * the core behind it is a stand-in answering a plain object, as one built from a database row would.
 */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitter2, EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { ServiceBroker } from 'moleculer';
import { CatalogPort, GetProductInput, ProductView, SKU_PATTERN, type CatalogApi } from '@foodcourt/catalog-contract';
import { createLocalBinding, toDtoInstance, validateDto } from '@foodcourt/platform-kernel';
import { context as otelContext, trace, TraceFlags } from '@opentelemetry/api';
import { instrumentPort, observabilityConfigFromEnv, Telemetry } from '@foodcourt/platform-observability';
import type { Benchmark, BenchContext } from './shared/benchmark';
import { measureMicro, type MicroSubject } from './shared/micro';
import type { Goal, SectionResult, Table } from './shared/report';
import { formatNs, formatRatio, median, pairedRatio } from './shared/stats';

const CREATED = new Date('2026-01-02T03:04:05.000Z');
const UPDATED = new Date('2026-02-03T04:05:06.000Z');

/** The core method: what the catalog service's get() returns once its row is read (here without a database). */
class CatalogCoreStandIn implements CatalogApi {
  async get(input: GetProductInput): Promise<ProductView> {
    return {
      sku: input.sku,
      name: 'Pizza Margherita',
      description: 'Tomato, mozzarella, basil',
      price: 950,
      currency: 'EUR',
      stock: 50,
      createdAt: CREATED,
      updatedAt: UPDATED,
    };
  }
  create = notBenchmarked;
  update = notBenchmarked;
  getMany = notBenchmarked;
  list = notBenchmarked;
  reserveStock = notBenchmarked;
  releaseStock = notBenchmarked;
}
async function notBenchmarked(): Promise<never> {
  throw new Error('not part of the benchmark');
}

const core = new CatalogCoreStandIn();

@Injectable()
class CatalogGetListener {
  @OnEvent('catalog.get', { promisify: true })
  handle(input: GetProductInput): Promise<ProductView> {
    return core.get(input);
  }
}

@Module({ imports: [EventEmitterModule.forRoot()], providers: [CatalogGetListener] })
class EmitterBenchModule {}

interface Subject extends MicroSubject {
  call: () => Promise<unknown>;
}

/** Calls per tinybench sample in the batched mode: amortizes the timer and the harness's own await. */
const BATCH = 100;

export const b1LocalCall: Benchmark = {
  id: 'B1',
  title: 'Local port call',
  async run(context: BenchContext): Promise<SectionResult> {
    const rounds = context.quick ? 2 : 7;
    const taskTimeMs = context.quick ? 80 : 400;
    const warmupCalls = context.quick ? 5_000 : 50_000;
    const input = { sku: 'PIZZA-MARGHERITA' } as GetProductInput;

    const binding = createLocalBinding(CatalogPort, core);

    const broker = new ServiceBroker({ logger: false, nodeID: 'bench-b1', metrics: false, tracing: false });
    broker.createService({
      name: 'catalog',
      actions: {
        get: {
          params: { $$strict: true, sku: { type: 'string', pattern: SKU_PATTERN } },
          handler: (ctx: { params: GetProductInput }) => core.get(ctx.params),
        },
        getUnchecked: { handler: (ctx: { params: GetProductInput }) => core.get(ctx.params) },
      },
    });
    await broker.start();

    const nest = await NestFactory.createApplicationContext(EmitterBenchModule, { logger: false });
    await nest.init();
    const emitter = nest.get(EventEmitter2);

    // The same binding as a unit wraps it (ADR 8), per observability setting.
    const telemetryWith = (env: NodeJS.ProcessEnv) => new Telemetry(observabilityConfigFromEnv('bench', env, false), 'bench', 'bench');
    const telemetries = {
      metrics: telemetryWith({ OTEL_SDK_DISABLED: 'true' }),
      traced: telemetryWith({ METRICS: 'off' }),
      unsampled: telemetryWith({ METRICS: 'off', OTEL_TRACES_SAMPLER: 'always_off' }),
      full: telemetryWith({}),
    };
    const instrumented = (telemetry: Telemetry) => instrumentPort(CatalogPort, binding, { binding: 'local' }, telemetry);
    const off = instrumentPort(CatalogPort, binding, { binding: 'local' }, telemetryWith({ OTEL_SDK_DISABLED: 'true', METRICS: 'off' }));
    if (off !== binding) throw new Error('B1: with tracing and metrics off the binding must be returned unwrapped');
    const withMetrics = instrumented(telemetries.metrics);
    const traced = instrumented(telemetries.traced);
    const unsampled = instrumented(telemetries.unsampled);
    const full = instrumented(telemetries.full);
    const unsampledTrace = trace.setSpan(otelContext.active(), trace.wrapSpanContext({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.NONE }));
    const observability: Subject[] = [
      { key: 'obs-metrics', label: 'local port call, tracing off, metrics on (counter + histogram)', call: () => withMetrics.get(input) },
      // Inside a request that was not sampled (what a sampler's "no" means for every call it makes), against the plain binding in the same context.
      { key: 'obs-in-unsampled', label: 'plain local port call inside an unsampled trace (reference for the next row)', call: () => otelContext.with(unsampledTrace, () => binding.get(input)) },
      { key: 'obs-unsampled', label: 'local port call, traced, inside an unsampled trace, metrics off', call: () => otelContext.with(unsampledTrace, () => traced.get(input)) },
      { key: 'obs-root-unsampled', label: 'local port call, traced, no parent, sampler always_off, metrics off', call: () => unsampled.get(input) },
      { key: 'obs-traced', label: 'local port call, traced (span recorded, kept in memory), metrics off', call: () => traced.get(input) },
      { key: 'obs-full', label: 'local port call, traced and counted (a unit\'s default)', call: () => full.get(input) },
    ];

    const subjects: Subject[] = [
      { key: 'direct', label: 'awaited direct call of the core method', call: () => core.get(input) },
      { key: 'ours', label: '**local port call** (createLocalBinding: validate in, DTO instance out)', call: () => binding.get(input) },
      { key: 'moleculer', label: 'Moleculer local broker.call, params schema ($$strict)', call: () => broker.call('catalog.get', input) },
      { key: 'moleculer-plain', label: 'Moleculer local broker.call, no params schema', call: () => broker.call('catalog.getUnchecked', input) },
      { key: 'emitter', label: '@nestjs/event-emitter emitAsync (one listener)', call: () => emitter.emitAsync('catalog.get', input) },
    ];
    // Where the local port call spends its time (synchronous parts, measured the same way).
    const plainOutput = await core.get(input);
    const parts: Subject[] = [
      { key: 'part-validate', label: 'part: validateDto(GetProductInput, input)', call: async () => validateDto(GetProductInput, input) },
      { key: 'part-output', label: 'part: toDtoInstance(ProductView, output)', call: async () => toDtoInstance(ProductView, plainOutput) },
    ];

    try {
      await checkSubjects(binding, broker, emitter, input);
      const ns = (batched: Map<string, number[]>, key: string) => formatNs(batched.get(key)!.at(-1)!);
      const { batched, single } = await measureMicro([...subjects, ...parts, ...observability], {
        benchmark: 'B1',
        rounds,
        taskTimeMs,
        warmupCalls,
        batch: BATCH,
        single: true,
        describeRound: (_round, b) => `direct ${ns(b, 'direct')}, ours ${ns(b, 'ours')}, moleculer ${ns(b, 'moleculer')}, emitAsync ${ns(b, 'emitter')} per call`,
      });
      return report(context, rounds, taskTimeMs, subjects, parts, observability, batched, single);
    } finally {
      await broker.stop();
      await nest.close();
      await Promise.all(Object.values(telemetries).map((t) => t.shutdown()));
    }
  },
};

/** Every subject answers the same product, and the validating ones refuse a bad sku: they do comparable work. */
async function checkSubjects(binding: CatalogApi, broker: ServiceBroker, emitter: EventEmitter2, input: GetProductInput): Promise<void> {
  const ours = await binding.get(input);
  if (!(ours instanceof ProductView) || !(ours.createdAt instanceof Date) || ours.sku !== input.sku) throw new Error('B1: the local binding answered something else');
  const viaBroker = (await broker.call('catalog.get', input)) as ProductView;
  const [viaEmitter] = (await emitter.emitAsync('catalog.get', input)) as ProductView[];
  if (viaBroker.sku !== input.sku || viaEmitter?.sku !== input.sku) throw new Error('B1: a peer answered something else');
  const bad = { sku: 'not a sku' } as GetProductInput;
  const refused = async (call: () => Promise<unknown>) => call().then(() => false, () => true);
  if (!(await refused(() => binding.get(bad))) || !(await refused(() => broker.call('catalog.get', bad)))) {
    throw new Error('B1: a validating subject accepted an invalid sku');
  }
}

function report(
  context: BenchContext,
  rounds: number,
  taskTimeMs: number,
  subjects: Subject[],
  parts: Subject[],
  observability: Subject[],
  batched: Map<string, number[]>,
  single: Map<string, number[]>,
): SectionResult {
  const med = (map: Map<string, number[]>, key: string) => median(map.get(key)!);
  const paired = (map: Map<string, number[]>, key: string, reference: string) => pairedRatio(map.get(key)!, map.get(reference)!);
  const spread = (key: string) => {
    const values = batched.get(key)!;
    return `${formatNs(Math.min(...values))} – ${formatNs(Math.max(...values))}`;
  };
  const row = (subject: Subject): string[] => [
    subject.label,
    formatNs(med(batched, subject.key)),
    formatRatio(paired(batched, subject.key, 'direct')),
    formatRatio(paired(batched, subject.key, 'ours')),
    formatNs(med(single, subject.key)),
    formatRatio(paired(single, subject.key, 'direct')),
    spread(subject.key),
  ];
  const headers = [
    'subject',
    `per call (batches of ${BATCH})`,
    '× direct call',
    '× local port call',
    'per call (1 call per sample)',
    '× direct call (1 per sample)',
    'round medians (batched)',
  ];
  const tables: Table[] = [
    { title: 'Median time per call (lower is better)', headers, rows: subjects.map(row) },
    { title: 'Where the local port call spends its time', headers, rows: parts.map(row) },
    { title: 'What observability adds to a local port call (ADR 8)', headers, rows: observability.map(row) },
  ];

  const oursB = med(batched, 'ours');
  const vsDirectB = paired(batched, 'ours', 'direct');
  const vsDirectS = paired(single, 'ours', 'direct');
  const vsMolB = paired(batched, 'ours', 'moleculer');
  const vsMolPlainB = paired(batched, 'ours', 'moleculer-plain');
  const goals: Goal[] = [
    {
      benchmark: 'B1',
      goal: 'local port call ≤ 2× the awaited direct call',
      measured: `${formatRatio(vsDirectB, 1)} (batched; ${formatRatio(vsDirectS, 1)} with one call per sample)`,
      met: vsDirectB <= 2,
      gap: vsDirectB <= 2 ? `margin ${formatRatio(2 - vsDirectB)}` : `${formatRatio(vsDirectB / 2, 1)} the allowed time (${formatNs(oursB - 2 * med(batched, 'direct'))} per call too slow)`,
    },
    {
      benchmark: 'B1',
      goal: 'local port call faster than Moleculer local broker.call',
      measured: `${formatRatio(vsMolB)} of Moleculer with a params schema, ${formatRatio(vsMolPlainB)} of Moleculer without`,
      met: vsMolB < 1,
      gap: vsMolB < 1 ? `${((1 - vsMolB) * 100).toFixed(0)} % faster` : `${((vsMolB - 1) * 100).toFixed(0)} % slower (${formatNs(oursB - med(batched, 'moleculer'))} per call)`,
    },
  ];
  // Tracing off: the binding is the same function (checked above), so the span costs nothing; with
  // metrics on, what is left is the two prom-client updates.
  const added = (key: string) => med(batched, key) - oursB;
  const unsampledAdded = med(batched, 'obs-unsampled') - med(batched, 'obs-in-unsampled');
  goals.push(
    {
      benchmark: 'B1',
      goal: 'span overhead on a local port call ≤ 50 ns with tracing off',
      measured: `0 ns (the binding is returned unwrapped); metrics alone add ${formatNs(added('obs-metrics'))}`,
      met: true,
      gap: 'margin 50 ns',
    },
    {
      benchmark: 'B1',
      goal: 'a sampled-out call costs nearly nothing (≤ 50 ns over the plain local call)',
      measured: `${formatNs(unsampledAdded)} inside an unsampled trace (a root call the sampler refuses adds ${formatNs(added('obs-root-unsampled'))}; a recorded span ${formatNs(added('obs-traced'))}, span + metrics ${formatNs(added('obs-full'))})`,
      met: unsampledAdded <= 50,
      gap: unsampledAdded <= 50 ? `margin ${formatNs(50 - unsampledAdded)}` : `${formatNs(unsampledAdded - 50)} over`,
    },
  );

  return {
    id: 'B1',
    title: 'Local port call',
    ranAt: new Date().toISOString(),
    command: context.command,
    quick: context.quick,
    method: [
      'In-process, tinybench. The port is the real `CatalogPort.get` (`GetProductInput {sku}` in, `ProductView` with 8 fields ' +
        'incl. two Dates out); the core behind it is a stand-in that answers a plain object, as the catalog service does from ' +
        'its row. Every subject ends in that same core method: the direct call awaits it; the local port call goes through ' +
        '`createLocalBinding` (class-transformer + class-validator on the input, `plainToInstance` on the output); Moleculer ' +
        'calls a local action (one variant validating `{sku}` with its fastest-validator params schema, `$$strict` like our ' +
        'forbid-unknown-fields, one without); the event emitter variant is `EventEmitter2.emitAsync` with one `@OnEvent` listener ' +
        'in a Nest application context.',
      `${rounds} rounds; in each round every subject runs for ${taskTimeMs} ms (after a tinybench warm-up, and a first ` +
        'warm-up of every subject before round 1), the order rotating from round to round. "Batched" samples time ' +
        `${BATCH} sequential awaited calls and divide (timer and harness overhead amortized: the cost of the call itself); ` +
        '"1 call per sample" is tinybench\'s default (each sample includes the timer and one extra await), the way the ' +
        'reference numbers of the issue (~180 ns direct, ~460 ns emitAsync) were taken. Times are the median over rounds of ' +
        "each round's median; ratios are the median over rounds of the ratio within each round (subjects of one round ran " +
        'seconds apart, so changes of machine load between rounds cancel out).',
    ],
    tables,
    notes: [
      'The two "part" rows are the synchronous halves of the binding measured alone: validating the input (`validateDto`: ' +
        'unknown fields refused, the input made a `GetProductInput`) and making the output a `ProductView` instance ' +
        `(\`toDtoInstance\`, Dates copied). Together ${formatNs(med(batched, 'part-validate') + med(batched, 'part-output'))} of the ` +
        `${formatNs(oursB - med(batched, 'direct'))} the local port call adds to the direct call; the rest is the binding's own ` +
        'async wrapper. Moleculer validates with a compiled fastest-validator function and hands the handler\'s result back ' +
        'as it is (no output conversion).',
    ],
    goals,
  };
}
