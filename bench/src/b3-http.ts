/**
 * B3 — the HTTP front door: a validated JSON endpoint of ours (Nest + Fastify + configureHttp,
 * class-validator DTO) against Nest+Express+ValidationPipe, Nest+Fastify+ValidationPipe, bare Fastify
 * with a JSON schema, and bare Fastify without one (the 1.0 reference). Every server runs in its own
 * child process; autocannon loads them from this process in alternating rounds, same body each time;
 * latencies of every measured round go into one HDR histogram per server.
 */
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ValidationPipe } from '@nestjs/common';
import { CreateProductInput } from '@foodcourt/catalog-contract';
import { validateDto } from '@foodcourt/platform-kernel';
import { freePort } from '@foodcourt/platform-testing';
import type { Benchmark, BenchContext } from './shared/benchmark';
import { cpuMicros, spawnTs, stopProcess, track, waitReady, type TsProcess } from './shared/child-processes';
import { progress } from './shared/progress';
import { measureMicro, type MicroSubject } from './shared/micro';
import type { Goal, SectionResult, Table } from './shared/report';
import { formatInt, formatNs, formatRatio, median, pairedRatio, ratio, rotate } from './shared/stats';
import { CREATE_PRODUCT_SCHEMA, HTTP_VARIANTS, VALIDATING_VARIANTS, type HttpVariant } from './servers/http-variants';

const LABELS: Record<HttpVariant, string> = {
  'fastify-bare': 'bare Fastify, no schema (reference 1.0)',
  'fastify-schema': 'bare Fastify + JSON schema (ajv)',
  'fastify-validatedto': 'bare Fastify + our validateDto in the handler (diagnostic)',
  'nest-fastify-nopipe': 'Nest + Fastify, no pipe (diagnostic)',
  'nest-fastify-validationpipe': 'Nest + Fastify + ValidationPipe',
  'nest-express-validationpipe': 'Nest + Express + ValidationPipe',
  ours: '**ours**: Nest + Fastify + configureHttp (DtoValidationPipe + AllErrorsFilter)',
};

/** The README walk-through's product: the same body for every server and every request. */
export const PRODUCT_BODY = JSON.stringify({
  sku: 'PIZZA-MARGHERITA',
  name: 'Pizza Margherita',
  description: 'Tomato, mozzarella, basil',
  price: 950,
  currency: 'EUR',
  stock: 50,
});
const INVALID_BODY = JSON.stringify({ ...JSON.parse(PRODUCT_BODY), price: -1 });

const CONNECTIONS = 10;

interface Server {
  variant: HttpVariant;
  url: string;
  proc: TsProcess;
}

export const b3Http: Benchmark = {
  id: 'B3',
  title: 'HTTP front door',
  async run(context: BenchContext): Promise<SectionResult> {
    const rounds = context.quick ? 2 : 8;
    const seconds = context.quick ? 1 : 2;
    const warmupSeconds = context.quick ? 1 : 3;

    // In-process first, while no server is running: what validating this body costs, without HTTP.
    const validators = await measureValidators(context);

    progress('B3', `starting ${HTTP_VARIANTS.length} servers, one child process each`);
    const servers: Server[] = [];
    try {
      for (const variant of HTTP_VARIANTS) {
        const port = await freePort();
        const proc = track(spawnTs('bench/src/servers/http-server.ts', [variant], { PORT: String(port), NODE_ENV: 'production' }, join(context.workDir, `b3-${variant}.log`)));
        servers.push({ variant, url: `http://127.0.0.1:${port}`, proc });
      }
      await Promise.all(servers.map((s) => waitReady(s.proc, `${s.url}/health`, 90_000)));
      for (const server of servers) await checkServer(server);

      progress('B3', `warm-up: ${warmupSeconds} s of load on each server`);
      for (const server of servers) await load(server.url, warmupSeconds);

      const rps = new Map<HttpVariant, number[]>(HTTP_VARIANTS.map((v) => [v, []]));
      // CPU time the server process used per request: barely moved by other jobs competing for the cores.
      const cpu = new Map<HttpVariant, number[]>(HTTP_VARIANTS.map((v) => [v, []]));
      const latencies = new Map<HttpVariant, hdr.Histogram>(HTTP_VARIANTS.map((v) => [v, hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 })]));
      for (let round = 0; round < rounds; round++) {
        for (const server of rotate(servers, round)) {
          const cpu0 = cpuMicros(server.proc.pid);
          const result = await load(server.url, seconds, latencies.get(server.variant));
          rps.get(server.variant)!.push(result.rps);
          cpu.get(server.variant)!.push((cpuMicros(server.proc.pid) - cpu0) / result.requests);
        }
        const last = (v: HttpVariant) => formatInt(rps.get(v)!.at(-1)!);
        progress('B3', `round ${round + 1}/${rounds} (req/s, server CPU µs/request): ${HTTP_VARIANTS.map((v) => `${v} ${last(v)} ${cpu.get(v)!.at(-1)!.toFixed(0)}`).join(', ')}`);
      }
      return report(context, rounds, seconds, warmupSeconds, rps, cpu, latencies, validators);
    } finally {
      await Promise.all(servers.map((s) => stopProcess(s.proc)));
    }
  },
};

/** Same answer from every server for the same body; a validating one refuses an invalid body with 400. */
async function checkServer(server: Server): Promise<void> {
  const post = async (body: string) => {
    const response = await fetch(`${server.url}/products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, body: await response.text() };
  };
  const ok = await post(PRODUCT_BODY);
  if (ok.status !== 200 || JSON.parse(ok.body).sku !== 'PIZZA-MARGHERITA') throw new Error(`B3: ${server.variant} answered ${ok.status} ${ok.body}`);
  const bad = await post(INVALID_BODY);
  const expected = VALIDATING_VARIANTS.includes(server.variant) ? 400 : 200;
  if (bad.status !== expected) throw new Error(`B3: ${server.variant} answered ${bad.status} to an invalid body, expected ${expected}: ${bad.body}`);
  // Ours answers with the documented error body: configureHttp is really in front.
  if (server.variant === 'ours' && (JSON.parse(bad.body) as { code?: string }).code !== 'VALIDATION_FAILED') {
    throw new Error(`B3: ours answered an invalid body without the documented error body: ${bad.body}`);
  }
}

/** Loads one server for `seconds`; resolves with requests per second. Fails on any error or non-2xx answer. */
function load(url: string, seconds: number, histogram?: hdr.Histogram): Promise<{ rps: number; requests: number }> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/products`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: PRODUCT_BODY,
        connections: CONNECTIONS,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
      },
      (error, result) => {
        if (error) return reject(error);
        if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
          return reject(new Error(`B3: load on ${url} had ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`));
        }
        resolve({ rps: result.requests.total / result.duration, requests: result.requests.total });
      },
    );
    if (histogram) instance.on('response', (_client, _status, _bytes, ms) => histogram.recordValue(Math.max(1, Math.round(ms * 1000))));
  });
}

function report(
  context: BenchContext,
  rounds: number,
  seconds: number,
  warmupSeconds: number,
  rps: Map<HttpVariant, number[]>,
  cpu: Map<HttpVariant, number[]>,
  latencies: Map<HttpVariant, hdr.Histogram>,
  validators: Table,
): SectionResult {
  const med = (v: HttpVariant) => median(rps.get(v)!);
  const paired = (v: HttpVariant, reference: HttpVariant) => pairedRatio(rps.get(v)!, rps.get(reference)!);
  const schema = med('fastify-schema');
  const us = (v: HttpVariant, p: number) => `${(latencies.get(v)!.getValueAtPercentile(p) / 1000).toFixed(2)} ms`;
  // Server CPU time per request (µs), median over rounds, and the throughput it allows relative to bare Fastify + schema.
  const cpuUs = (v: HttpVariant) => median(cpu.get(v)!);
  const cpuRatio = (v: HttpVariant) => pairedRatio(cpu.get('fastify-schema')!, cpu.get(v)!);
  const rows = HTTP_VARIANTS.map((v) => [
    LABELS[v],
    formatInt(med(v)),
    formatRatio(paired(v, 'fastify-bare')),
    formatRatio(paired(v, 'fastify-schema')),
    `${cpuUs(v).toFixed(0)} µs`,
    formatRatio(cpuRatio(v)),
    us(v, 50),
    us(v, 99),
    `${formatInt(Math.min(...rps.get(v)!))} – ${formatInt(Math.max(...rps.get(v)!))}`,
  ]);

  // Where the time goes: server CPU per request of each layer (differences between servers).
  const layer = (from: HttpVariant, to: HttpVariant) => cpuUs(to) - cpuUs(from);
  const budget = cpuUs('fastify-schema') / 0.8;
  const breakdown = [
    ['Fastify (HTTP parsing, routing, JSON parse, reply) — bare Fastify', cpuUs('fastify-bare')],
    ['+ ajv JSON-schema validation (bare → + schema)', layer('fastify-bare', 'fastify-schema')],
    ['+ our validateDto without Nest (bare → + validateDto)', layer('fastify-bare', 'fastify-validatedto')],
    ['+ Nest on Fastify, no pipe (bare → Nest no pipe)', layer('fastify-bare', 'nest-fastify-nopipe')],
    ['+ our configureHttp on top of Nest (Nest no pipe → ours)', layer('nest-fastify-nopipe', 'ours')],
    ['+ Nest ValidationPipe on top of Nest (Nest no pipe → Nest + ValidationPipe)', layer('nest-fastify-nopipe', 'nest-fastify-validationpipe')],
    ['ours in total', cpuUs('ours')],
    ['budget for the goal (bare Fastify + schema ÷ 0.8)', budget],
  ].map(([label, value]) => [label as string, `${(value as number).toFixed(1)} µs`]);

  const oursVsSchema = paired('ours', 'fastify-schema');
  const goals: Goal[] = [
    {
      benchmark: 'B3',
      goal: 'our validated endpoint ≥ 0.8× bare Fastify + JSON schema (req/s)',
      measured: `${formatRatio(oursVsSchema)} (${formatInt(med('ours'))} vs ${formatInt(schema)} req/s; by server CPU per request ${formatRatio(cpuRatio('ours'))})`,
      met: oursVsSchema >= 0.8,
      gap:
        oursVsSchema >= 0.8
          ? `margin ${formatRatio(oursVsSchema - 0.8)}`
          : `${((0.8 / oursVsSchema - 1) * 100).toFixed(0)} % more throughput needed (server CPU: ${cpuUs('ours').toFixed(0)} µs per request vs a budget of ${budget.toFixed(0)} µs)`,
    },
  ];

  return {
    id: 'B3',
    title: 'HTTP front door',
    ranAt: new Date().toISOString(),
    command: context.command,
    quick: context.quick,
    method: [
      'Every server serves `POST /products` with the catalog contract\'s `CreateProductInput` (six fields: sku pattern, ' +
        'lengths, integer ranges, currency pattern) and answers `200 {"sku":…,"accepted":true}`; bare Fastify + schema gets ' +
        'the equivalent JSON schema (`additionalProperties: false`); ValidationPipe runs with `whitelist` and ' +
        '`forbidNonWhitelisted`, as strict as ours. Before loading, each server is checked: the body answers 200, an invalid ' +
        'price answers 400 on every validating server. Each server is its own child process (`node -r @swc-node/register`, ' +
        '`NODE_ENV=production`, Nest logger at warn).',
      `autocannon from the bench process: ${CONNECTIONS} connections, no pipelining, the same body every request. ` +
        `${warmupSeconds} s warm-up per server, then ${rounds} rounds of ${seconds} s per server, the order rotating each round. ` +
        'req/s is the median over rounds; ratios are the median over rounds of the ratio within each round (the servers of one round ' +
        'ran seconds apart, so changes of machine load between rounds cancel out); latency percentiles come from one HDR histogram ' +
        'per server over every measured request. The server\'s CPU time (user + system, `/proc/<pid>/stat`) is read around ' +
        'each slice and divided by the requests served: CPU per request hardly moves when other jobs compete for the cores, so ' +
        'its ratio ("by CPU") is the steadier estimate of the same throughput ratio on an idle machine (the server is the ' +
        'bottleneck there). ' +
        'Before the servers start, the three validators are also timed in-process on the same body (tinybench, rounds, batches of 50).',
    ],
    tables: [
      {
        title: 'Throughput (higher is better) and latency',
        headers: [
          'server',
          'req/s (median)',
          '× bare Fastify',
          '× bare Fastify + schema',
          'server CPU per request',
          '× bare Fastify + schema, by CPU',
          'p50 latency',
          'p99 latency',
          'round req/s (min – max)',
        ],
        rows,
      },
      validators,
      {
        title: 'Where the time goes: server CPU time per request (median over rounds), layer by layer',
        headers: ['layer', 'µs per request'],
        rows: breakdown,
      },
    ],
    notes: [gapAnalysis(paired, cpuUs, cpuRatio)],
    goals,
  };
}

/** What the measurements say about the gap to 0.8× bare Fastify + schema, in words. */
function gapAnalysis(paired: (v: HttpVariant, reference: HttpVariant) => number, cpuUs: (v: HttpVariant) => number, cpuRatio: (v: HttpVariant) => number): string {
  const ours = paired('ours', 'fastify-schema');
  const budget = cpuUs('fastify-schema') / 0.8;
  const nest = cpuUs('nest-fastify-nopipe');
  const pipe = cpuUs('ours') - nest;
  const verdict =
    ours >= 0.8
      ? `Ours reaches ${formatRatio(ours)} of bare Fastify + schema by throughput (${formatRatio(cpuRatio('ours'))} by server CPU): the goal is met.`
      : `Ours reaches ${formatRatio(ours)} of bare Fastify + schema by throughput and ${formatRatio(cpuRatio('ours'))} by server CPU per request.`;
  const parts = [
    verdict,
    `Per request the server spends ${cpuUs('fastify-schema').toFixed(0)} µs of CPU with bare Fastify + schema (budget for 0.8×: ${budget.toFixed(0)} µs), ` +
      `${nest.toFixed(0)} µs with Nest on Fastify and no pipe (${formatRatio(cpuRatio('nest-fastify-nopipe'))}), ` +
      `${cpuUs('ours').toFixed(0)} µs with ours: our pipe and filter add ${pipe.toFixed(0)} µs on top of Nest, Nest adds ` +
      `${(nest - cpuUs('fastify-bare')).toFixed(0)} µs on top of Fastify.`,
  ];
  if (ours < 0.8) {
    if (nest > budget) {
      parts.push(
        'Nest without any pipe is already over the budget, so no validator, however fast, reaches the goal behind a Nest ' +
          'controller: what closes the gap is serving the hot validated routes without the Nest router pipeline (e.g. a Fastify ' +
          'route registered from the same controller metadata, its JSON schema derived once from the DTO — the class-validator ' +
          'metadata or the Swagger schema Nest already builds — so the DTO stays the single declaration), or trimming what Nest ' +
          'runs per request (no global interceptors/guards on those routes).',
      );
    } else {
      parts.push(
        `Nest itself fits in the budget; the validation has to cost at most ${(budget - nest).toFixed(0)} µs per request instead of ${pipe.toFixed(0)} µs ` +
          '(see the in-process table for what the validators cost alone).',
      );
    }
  }
  return parts.join(' ');
}

/** In-process cost of validating the B3 body once: Fastify's ajv (compiled schema), our validateDto, Nest's ValidationPipe. */
async function measureValidators(context: BenchContext): Promise<Table> {
  // Fastify's own ajv (8), with the options Fastify compiles body schemas with.
  const requireFromFastify = createRequire(require.resolve('@fastify/ajv-compiler'));
  const Ajv = requireFromFastify('ajv') as new (options: object) => { compile(schema: object): (data: unknown) => boolean };
  const ajvValidate = new Ajv({ coerceTypes: 'array', useDefaults: true, removeAdditional: true, allErrors: false }).compile(CREATE_PRODUCT_SCHEMA);
  const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true });
  const body = JSON.parse(PRODUCT_BODY) as object;
  const bad = JSON.parse(INVALID_BODY) as object;
  if (!ajvValidate(body) || ajvValidate(bad)) throw new Error('B3: the JSON schema does not match CreateProductInput');
  const subjects: MicroSubject[] = [
    { key: 'ajv', label: 'ajv, schema compiled once (what Fastify runs)', call: () => ajvValidate(body) },
    { key: 'validateDto', label: 'our validateDto (what DtoValidationPipe runs)', call: () => validateDto(CreateProductInput, body) },
    { key: 'pipe', label: 'Nest ValidationPipe.transform (whitelist, forbidNonWhitelisted)', call: () => pipe.transform(body, { type: 'body', metatype: CreateProductInput }) },
  ];
  const { batched } = await measureMicro(subjects, {
    benchmark: 'B3',
    rounds: context.quick ? 2 : 5,
    taskTimeMs: context.quick ? 80 : 300,
    warmupCalls: context.quick ? 2_000 : 20_000,
    batch: 50,
    describeRound: (_r, b) => subjects.map((s) => `${s.key} ${formatNs(b.get(s.key)!.at(-1)!)}`).join(', '),
  });
  const ajv = median(batched.get('ajv')!);
  return {
    title: 'In-process: validating this body once (median per call, tinybench, batches of 50)',
    headers: ['validator', 'per call', '× ajv'],
    rows: subjects.map((s) => [s.label, formatNs(median(batched.get(s.key)!)), formatRatio(ratio(median(batched.get(s.key)!), ajv), 0)]),
  };
}
