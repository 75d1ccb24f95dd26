/**
 * B4 — checkout end to end per topology. Each topology is started with the test harness's
 * TopologyProcess (every unit a child process, as the e2e suites run them); a customer logs in
 * once, one product with a huge stock is created, then POST /orders checkouts run for a fixed time
 * at each concurrency (undici Pool, keep-alive). CPU seconds per 1,000 checkouts are summed over
 * every unit process and the brokers / database (/proc/<pid>/stat utime + stime before and after).
 */
import * as hdr from 'hdr-histogram-js';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import { TopologyProcess } from '@foodcourt/platform-testing';
import { wireFloorsFile, type WireFloors } from './b2-remote-call';
import type { Benchmark, BenchContext } from './shared/benchmark';
import { progress } from './shared/progress';
import type { Goal, SectionResult } from './shared/report';
import { formatInt, formatNs, formatRatio } from './shared/stats';

const POSTGRES = process.env['BENCH_POSTGRES_URL'] || 'postgres://postgres@127.0.0.1:5432';
const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
const ADMIN = { email: 'admin@foodcourt.test', password: 'admin-Passw0rd-bench' };
/** As the e2e suites' SHOP_ENV (apps/e2e/src/support/shop.ts): the first admin, cheap hashing, no login limit from loopback. */
export const SHOP_ENV: Record<string, string> = {
  IDENTITY_ADMIN_EMAIL: ADMIN.email,
  IDENTITY_ADMIN_PASSWORD: ADMIN.password,
  IDENTITY_ARGON2_MEMORY_KIB: '8192',
  IDENTITY_LOGIN_MAX_PER_IP: '100000',
  LOG_LEVEL: 'warn',
};
/** The most CreateProductInput accepts: far more than any run checks out. */
const STOCK = 1_000_000;
export const CLOCK_TICKS = 100;
const MONOLITH_P50_GOAL_MS = 2;
const MONOLITH_RPS_GOAL = 2_000;
const SPLIT_OVERHEAD_GOAL = 1.2;

interface Cell {
  name: string;
  topology: string;
  db: 'sqlite' | 'postgres';
  /** Remote calls one checkout makes in this topology (see the method paragraph), and over which transport. */
  remoteCalls: number;
  transport?: 'tcp' | 'nats';
}

/** Counted from libs/orders/core/src/orders.service.ts: catalog.getMany (priceOrder), catalog.reserveStock, payments.authorize, payments.capture; plus gateway → orders. */
const CELLS: Cell[] = [
  { name: 'monolith, SQLite', topology: 'monolith', db: 'sqlite', remoteCalls: 0 },
  { name: 'monolith, PostgreSQL', topology: 'monolith', db: 'postgres', remoteCalls: 0 },
  { name: 'payments-extracted, PostgreSQL', topology: 'payments-extracted', db: 'postgres', remoteCalls: 2, transport: 'tcp' },
  { name: 'split-tcp, PostgreSQL', topology: 'split-tcp', db: 'postgres', remoteCalls: 5, transport: 'tcp' },
  { name: 'split-nats, PostgreSQL', topology: 'split-nats', db: 'postgres', remoteCalls: 5, transport: 'nats' },
];
const QUICK_CELLS: Cell[] = [CELLS[0]!, { name: 'split-tcp, SQLite', topology: 'split-tcp', db: 'sqlite', remoteCalls: 5, transport: 'tcp' }];

interface Measure {
  cell: Cell;
  concurrency: number;
  p50Ns: number;
  p99Ns: number;
  rps: number;
  checkouts: number;
  cpuSecondsPer1000: number;
}

export const b4Checkout: Benchmark = {
  id: 'B4',
  title: 'Checkout end to end per topology',
  async run(context: BenchContext): Promise<SectionResult> {
    const cells = context.quick ? QUICK_CELLS : CELLS;
    const concurrencies = context.quick ? [1, 8] : [1, 32];
    const seconds = context.quick ? 2 : 8;
    const warmupSeconds = context.quick ? 1 : 3;
    const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
    const measures: Measure[] = [];
    const skipped: string[] = [];
    for (const cell of cells) {
      if (Date.now() > context.deadline - 20_000) {
        skipped.push(`${cell.name}: skipped, the run's time budget was used up`);
        continue;
      }
      const slug = `${cell.topology}-${cell.db}`.replace(/[^a-z0-9]/g, '_');
      const dataDir = join(context.workDir, `b4-${slug}`);
      mkdirSync(dataDir, { recursive: true });
      const namespace = `b4-${slug}-${run}`.replace(/_/g, '-');
      const database = `bench_b4_${slug}_${run}`;
      const env: Record<string, string> = { ...SHOP_ENV };
      if (cell.db === 'postgres') {
        env['DB_DRIVER'] = 'postgres';
        if (cell.topology === 'monolith') {
          psql(`CREATE DATABASE ${database}`);
          env['DATABASE_URL'] = `${POSTGRES}/${database}`;
        } else {
          env['DATABASE_URL'] = `${POSTGRES}/${database}_{domain}`;
        }
      }
      const topology = new TopologyProcess({ topologyFile: `topology/${cell.topology}.yaml`, dataDir, env, namespace, readyTimeoutMs: 120_000 });
      try {
        progress('B4', `${cell.name}: starting topology/${cell.topology}.yaml`);
        await topology.start();
        const pool = new Pool(topology.url, { connections: Math.max(...concurrencies), pipelining: 1, keepAliveTimeout: 30_000 });
        try {
          const { token, sku } = await prepareShop(pool);
          await load(pool, token, sku, Math.min(4, Math.max(...concurrencies)), warmupSeconds * 1_000);
          for (const concurrency of concurrencies) {
            const pids = processes();
            const before = cpuTicks(pids);
            const result = await load(pool, token, sku, concurrency, seconds * 1_000);
            const after = cpuTicks(processes());
            const ticks = [...after].reduce((sum, [pid, t]) => sum + t - (before.get(pid) ?? 0), 0);
            const measure: Measure = {
              cell,
              concurrency,
              p50Ns: result.histogram.getValueAtPercentile(50),
              p99Ns: result.histogram.getValueAtPercentile(99),
              rps: result.rps,
              checkouts: result.done,
              cpuSecondsPer1000: (ticks / CLOCK_TICKS / result.done) * 1_000,
            };
            measures.push(measure);
            progress('B4', `${cell.name}, c=${concurrency}: p50 ${formatNs(measure.p50Ns)}, p99 ${formatNs(measure.p99Ns)}, ${formatInt(measure.rps)} checkouts/s, ${measure.cpuSecondsPer1000.toFixed(2)} CPU s / 1,000`);
          }
        } finally {
          await pool.close();
        }
      } catch (error) {
        skipped.push(`${cell.name}: failed — ${(error as Error).message.split('\n')[0]}`);
        progress('B4', `${cell.name}: FAILED ${(error as Error).message.split('\n').slice(0, 3).join(' | ')}`);
      } finally {
        await topology.stop().catch(() => topology.kill());
        if (cell.db === 'postgres') dropDatabases(database);
        if (cell.topology === 'split-nats') await deleteStream(`${namespace}_events`).catch(() => undefined);
      }
    }
    if (measures.length === 0) throw new Error(`B4: no topology could be measured:\n${skipped.join('\n')}`);
    return report(context, concurrencies, seconds, warmupSeconds, measures, skipped);
  },
};

/** Registers a customer and logs them in once; creates (as the admin) one product with a huge stock. */
export async function prepareShop(pool: Pool): Promise<{ token: string; sku: string }> {
  const admin = (await request(pool, 'POST', '/auth/login', { email: ADMIN.email, password: ADMIN.password }, 200)) as { accessToken: string };
  const sku = `BENCH-${randomUUID().slice(0, 8).toUpperCase()}`;
  await request(pool, 'POST', '/products', { sku, name: 'Bench pizza', description: 'For the benchmark.', price: 950, currency: 'EUR', stock: STOCK }, 201, admin.accessToken);
  const email = `bench-${randomUUID()}@example.com`;
  const password = 'correct-horse-9-battery';
  await request(pool, 'POST', '/auth/register', { email, password, name: 'Bench' }, 201);
  const customer = (await request(pool, 'POST', '/auth/login', { email, password }, 200)) as { accessToken: string };
  // One checkout to prove the path works before timing it.
  await request(pool, 'POST', '/orders', { lines: [{ sku, quantity: 1 }] }, 201, customer.accessToken, { 'idempotency-key': randomUUID() });
  return { token: customer.accessToken, sku };
}

async function request(pool: Pool, method: 'POST' | 'GET', path: string, body: unknown, expected: number, token?: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await pool.request({
    method,
    path,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode !== expected) throw new Error(`B4: ${method} ${path} answered ${response.statusCode} (expected ${expected}): ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** `concurrency` customers' worth of checkouts, back to back, for `ms`: latencies (ns) in an HDR histogram. */
export async function load(pool: Pool, token: string, sku: string, concurrency: number, ms: number): Promise<{ histogram: hdr.Histogram; rps: number; done: number }> {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: 3 });
  const body = JSON.stringify({ lines: [{ sku, quantity: 1 }] });
  let done = 0;
  const t0 = performance.now();
  const end = t0 + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const start = process.hrtime.bigint();
        const response = await pool.request({
          method: 'POST',
          path: '/orders',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
          body,
        });
        const text = await response.body.text();
        if (response.statusCode !== 201) throw new Error(`B4: checkout answered ${response.statusCode}: ${text.slice(0, 300)}`);
        histogram.recordValue(Math.max(1, Number(process.hrtime.bigint() - start)));
        done++;
      }
    }),
  );
  return { histogram, rps: (done * 1_000) / (performance.now() - t0), done };
}

/** Every unit process (children of this process) and every broker / database process on the machine. */
export function processes(): number[] {
  const pgrep = (args: string[]) => {
    try {
      return execFileSync('pgrep', args, { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  return [...pgrep(['-P', String(process.pid)]), ...pgrep(['-x', 'nats-server']), ...pgrep(['-x', 'beam.smp']), ...pgrep(['-x', 'postgres'])];
}

/** utime + stime (clock ticks) of each process, from /proc/<pid>/stat. */
export function cpuTicks(pids: number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    const file = `/proc/${pid}/stat`;
    if (!existsSync(file)) continue;
    try {
      const stat = readFileSync(file, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // exited meanwhile
    }
  }
  return ticks;
}

function psql(...statements: string[]): void {
  execFileSync('psql', [`${POSTGRES}/postgres`, '-v', 'ON_ERROR_STOP=1', '-q', ...statements.flatMap((sql) => ['-c', sql])], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Drops the run's database and every per-domain database named after it. */
function dropDatabases(prefix: string): void {
  try {
    const names = execFileSync('psql', [`${POSTGRES}/postgres`, '-At', '-c', `SELECT datname FROM pg_database WHERE datname LIKE '${prefix}%'`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    if (names.length > 0) psql(...names.map((name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  } catch (error) {
    progress('B4', `could not drop databases ${prefix}*: ${(error as Error).message.split('\n')[0]}`);
  }
}

async function deleteStream(stream: string): Promise<void> {
  const connection = await natsConnect({ servers: [NATS_URL] });
  try {
    await (await jetstreamManager(connection)).streams.delete(stream);
  } finally {
    await connection.close();
  }
}

function readFloors(quick: boolean): WireFloors | undefined {
  for (const file of [wireFloorsFile(quick), wireFloorsFile(!quick)]) {
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as WireFloors;
  }
  return undefined;
}

function report(context: BenchContext, concurrencies: number[], seconds: number, warmupSeconds: number, measures: Measure[], skipped: string[]): SectionResult {
  const ms = (ns: number) => `${(ns / 1e6).toFixed(2)} ms`;
  const rows = measures.map((m) => [m.cell.name, String(m.concurrency), ms(m.p50Ns), ms(m.p99Ns), formatInt(m.rps), m.cpuSecondsPer1000.toFixed(2)]);
  for (const line of skipped) rows.push([line, '—', '—', '—', '—', '—']);
  const find = (name: string, c: number) => measures.find((m) => m.cell.name === name && m.concurrency === c);
  const low = Math.min(...concurrencies);
  const high = Math.max(...concurrencies);

  const goals: Goal[] = [];
  const mono1 = find('monolith, SQLite', low);
  const monoN = find('monolith, SQLite', high);
  goals.push({
    benchmark: 'B4',
    goal: `monolith on SQLite: checkout p50 ≤ ${MONOLITH_P50_GOAL_MS} ms (concurrency 1)`,
    measured: mono1 ? ms(mono1.p50Ns) : 'not measured',
    met: mono1 ? mono1.p50Ns / 1e6 <= MONOLITH_P50_GOAL_MS : null,
    gap: mono1 ? (mono1.p50Ns / 1e6 <= MONOLITH_P50_GOAL_MS ? `margin ${(MONOLITH_P50_GOAL_MS - mono1.p50Ns / 1e6).toFixed(2)} ms` : `${(mono1.p50Ns / 1e6 - MONOLITH_P50_GOAL_MS).toFixed(2)} ms too slow`) : '—',
  });
  goals.push({
    benchmark: 'B4',
    goal: `monolith on SQLite: ≥ ${formatInt(MONOLITH_RPS_GOAL)} checkouts/s (concurrency ${high})`,
    measured: monoN ? `${formatInt(monoN.rps)} checkouts/s` : 'not measured',
    met: monoN ? monoN.rps >= MONOLITH_RPS_GOAL : null,
    gap: monoN ? (monoN.rps >= MONOLITH_RPS_GOAL ? `margin ${formatRatio(monoN.rps / MONOLITH_RPS_GOAL)}` : `${formatRatio(MONOLITH_RPS_GOAL / monoN.rps)} more throughput needed`) : '—',
  });

  const floors = readFloors(context.quick);
  const floorOf = (transport: 'tcp' | 'nats') => floors?.p50Ns[transport === 'tcp' ? 'nest-tcp' : 'nats-raw'];
  const overheadRows: string[][] = [];
  for (const m of measures.filter((x) => x.cell.remoteCalls > 0 && x.concurrency === low)) {
    const base = measures.find((x) => x.cell.topology === 'monolith' && x.cell.db === m.cell.db && x.concurrency === low);
    const floor = floorOf(m.cell.transport!);
    const overhead = base ? m.p50Ns - base.p50Ns : Number.NaN;
    const budget = floor !== undefined ? SPLIT_OVERHEAD_GOAL * m.cell.remoteCalls * floor : Number.NaN;
    const met = Number.isFinite(overhead) && Number.isFinite(budget) ? overhead <= budget : null;
    overheadRows.push([
      m.cell.name,
      base ? base.cell.name : '—',
      Number.isFinite(overhead) ? ms(overhead) : '—',
      String(m.cell.remoteCalls),
      floor !== undefined ? formatNs(floor) : 'B2 not run',
      Number.isFinite(budget) ? ms(budget) : '—',
      Number.isFinite(overhead) && Number.isFinite(budget) ? formatRatio(overhead / (m.cell.remoteCalls * floor!)) : '—',
    ]);
    goals.push({
      benchmark: 'B4',
      goal: `${m.cell.name}: split overhead (p50 at c=${low} minus the monolith's) ≤ ${SPLIT_OVERHEAD_GOAL}× the sum of the B2 wire floors of its ${m.cell.remoteCalls} remote calls`,
      measured: Number.isFinite(overhead) && floor !== undefined ? `${ms(overhead)} vs ${m.cell.remoteCalls} × ${formatNs(floor)} (${formatRatio(overhead / (m.cell.remoteCalls * floor))})` : 'not measured (needs B2 and the monolith on the same database)',
      met,
      gap: met === null ? '—' : met ? `margin ${ms(budget - overhead)}` : `${ms(overhead - budget)} over the budget`,
    });
  }

  return {
    id: 'B4',
    title: 'Checkout end to end per topology',
    ranAt: new Date().toISOString(),
    command: context.command,
    quick: context.quick,
    method: [
      'Each topology file of `topology/` is started with the harness\'s `TopologyProcess` (every unit a `node -r @swc-node/register` ' +
        'child process, as the e2e suites start them, NODE_ENV=test, LOG_LEVEL=warn), on SQLite in a fresh data dir or on the local ' +
        'PostgreSQL (a database per run for the monolith, one per domain for the other topologies, created by the units; all dropped ' +
        'afterwards). A customer registers and logs in once; the admin creates one product with a stock of ' +
        `${formatInt(STOCK)}; then \`POST /orders\` (one line, quantity 1, a fresh Idempotency-Key each) runs back to back from ` +
        `undici Pool keep-alive connections: ${warmupSeconds} s warm-up, then ${seconds} s at each concurrency (${concurrencies.join(', ')}). ` +
        'Every checkout must answer 201.',
      'CPU seconds per 1,000 checkouts: utime + stime from `/proc/<pid>/stat` of every unit process (children of the bench process) and ' +
        'of every nats-server, beam.smp (RabbitMQ) and postgres process (`pgrep -x`), read before and after each timed phase, divided ' +
        'by the checkouts done — the Weaver paper\'s cost measure. Brokers and PostgreSQL are shared with whatever else runs on the machine ' +
        '(CI), so their share is an upper bound.',
      'Remote calls per checkout, counted from `libs/orders/core/src/orders.service.ts`: `catalog.getMany` (pricing, in `priceOrder`), ' +
        '`catalog.reserveStock`, `payments.authorize`, `payments.capture` — 4 from orders; in split-tcp / split-nats the gateway also ' +
        'forwards the checkout to the orders unit (1 more, 5 in all); in payments-extracted only the 2 payments calls are remote. The ' +
        'wire floor of a call is B2\'s p50 at concurrency 1 of the raw peer on that transport (raw Nest TCP; raw multiplexed NATS); ' +
        'the split overhead is the topology\'s checkout p50 at concurrency 1 minus the monolith\'s on the same database.',
    ],
    tables: [
      { title: 'Checkout latency, throughput and CPU cost', headers: ['topology', 'concurrency', 'p50', 'p99', 'checkouts/s', 'CPU s / 1,000 checkouts'], rows },
      {
        title: 'Split overhead against the wire floors of B2',
        headers: ['topology', 'compared with', 'overhead (p50)', 'remote calls', 'wire floor (B2 p50)', `budget (${SPLIT_OVERHEAD_GOAL}× floors)`, 'overhead / floors'],
        rows: overheadRows,
      },
    ],
    notes: [
      floors
        ? `Wire floors from B2 measured ${floors.measuredAt}${floors.quick ? ' (quick mode)' : ''}.`
        : 'B2 has not been run, so the split overhead has no wire floor to compare with: run `--only B2,B4`.',
      ...(context.quick ? ['Quick mode: only the SQLite monolith and split-tcp on SQLite, 2 s per cell at concurrency 1 and 8; numbers indicative only.'] : []),
    ],
    goals,
  };
}
