/**
 * B7 — what tracing, metrics and structured logs cost a checkout. The same topology is started
 * with instrumentation on (a unit's defaults: every span kept in memory, every call counted) and
 * off (OTEL_SDK_DISABLED=true, METRICS=off), alternately, and the CPU seconds per 1,000 checkouts
 * summed over every unit process are compared within each round.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';
import { TopologyProcess } from '@foodcourt/platform-testing';
import { CLOCK_TICKS, cpuTicks, load, prepareShop, processes, SHOP_ENV } from './b4-checkout';
import type { Benchmark, BenchContext } from './shared/benchmark';
import { progress } from './shared/progress';
import type { Goal, SectionResult } from './shared/report';
import { formatInt, median } from './shared/stats';

const OFF = { OTEL_SDK_DISABLED: 'true', METRICS: 'off' };
const CELLS = [
  { topology: 'monolith', goal: 0.05 },
  { topology: 'split-tcp', goal: 0.1 },
] as const;

interface Phase {
  topology: string;
  setting: 'on' | 'off';
  round: number;
  cpuPer1000: number;
  p50Ms: number;
  rps: number;
}

export const b7ObservabilityCost: Benchmark = {
  id: 'B7',
  title: 'Cost of observability per checkout',
  async run(context: BenchContext): Promise<SectionResult> {
    const rounds = context.quick ? 1 : 2;
    const seconds = context.quick ? 2 : 6;
    const concurrency = 8;
    const phases: Phase[] = [];
    const skipped: string[] = [];
    // Quick mode (CI's smoke run) proves the harness on the monolith only.
    const cells = context.quick ? CELLS.slice(0, 1) : CELLS;
    for (const cell of cells) {
      for (let round = 1; round <= rounds; round++) {
        // Alternate which setting goes first, so a machine that warms up or gets busier favours neither.
        const order: ('on' | 'off')[] = round % 2 === 1 ? ['on', 'off'] : ['off', 'on'];
        for (const setting of order) {
          if (Date.now() > context.deadline - 30_000) {
            skipped.push(`${cell.topology} ${setting} round ${round}: skipped, the run's time budget was used up`);
            continue;
          }
          const dataDir = join(context.workDir, `b7-${cell.topology}-${setting}-${round}`);
          mkdirSync(dataDir, { recursive: true });
          const env = { ...SHOP_ENV, ...(setting === 'off' ? OFF : {}) };
          const topology = new TopologyProcess({ topologyFile: `topology/${cell.topology}.yaml`, dataDir, env, readyTimeoutMs: 120_000 });
          try {
            progress('B7', `${cell.topology}, instrumentation ${setting}, round ${round}: starting`);
            await topology.start();
            const pool = new Pool(topology.url, { connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
            try {
              const { token, sku } = await prepareShop(pool);
              await load(pool, token, sku, 4, (context.quick ? 1 : 3) * 1_000);
              const before = cpuTicks(processes());
              const result = await load(pool, token, sku, concurrency, seconds * 1_000);
              const after = cpuTicks(processes());
              const ticks = [...after].reduce((sum, [pid, t]) => sum + t - (before.get(pid) ?? 0), 0);
              const phase: Phase = {
                topology: cell.topology,
                setting,
                round,
                cpuPer1000: (ticks / CLOCK_TICKS / result.done) * 1_000,
                p50Ms: result.histogram.getValueAtPercentile(50) / 1e6,
                rps: result.rps,
              };
              phases.push(phase);
              progress('B7', `${cell.topology}, ${setting}, round ${round}: ${phase.cpuPer1000.toFixed(2)} CPU s / 1,000, p50 ${phase.p50Ms.toFixed(2)} ms, ${formatInt(phase.rps)}/s`);
            } finally {
              await pool.close();
            }
          } catch (error) {
            skipped.push(`${cell.topology} ${setting} round ${round}: failed — ${(error as Error).message.split('\n')[0]}`);
          } finally {
            await topology.stop().catch(() => topology.kill());
          }
        }
      }
    }
    if (phases.length === 0 && skipped.every((line) => !line.includes('budget'))) throw new Error(`B7: nothing measured:\n${skipped.join('\n')}`);
    return report(context, rounds, seconds, concurrency, phases, skipped);
  },
};

function report(context: BenchContext, rounds: number, seconds: number, concurrency: number, phases: Phase[], skipped: string[]): SectionResult {
  const rows = phases.map((p) => [p.topology, p.setting, String(p.round), p.cpuPer1000.toFixed(2), p.p50Ms.toFixed(2), formatInt(p.rps)]);
  for (const line of skipped) rows.push([line, '—', '—', '—', '—', '—']);
  const goals: Goal[] = [];
  const overheadRows: string[][] = [];
  for (const cell of CELLS) {
    const ratios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const on = phases.find((p) => p.topology === cell.topology && p.setting === 'on' && p.round === round);
      const off = phases.find((p) => p.topology === cell.topology && p.setting === 'off' && p.round === round);
      if (on && off) ratios.push(on.cpuPer1000 / off.cpuPer1000);
    }
    const overhead = ratios.length > 0 ? median(ratios) - 1 : Number.NaN;
    const measured = Number.isFinite(overhead) ? `${(overhead * 100).toFixed(1)} % (rounds: ${ratios.map((r) => `${((r - 1) * 100).toFixed(1)} %`).join(', ')})` : 'not measured';
    overheadRows.push([cell.topology, measured, `≤ ${cell.goal * 100} %`]);
    goals.push({
      benchmark: 'B7',
      goal: `${cell.topology}: CPU per checkout with tracing + metrics on ≤ ${cell.goal * 100} % over off`,
      measured,
      met: Number.isFinite(overhead) ? overhead <= cell.goal : null,
      gap: !Number.isFinite(overhead) ? '—' : overhead <= cell.goal ? `margin ${((cell.goal - overhead) * 100).toFixed(1)} points` : `${((overhead - cell.goal) * 100).toFixed(1)} points over`,
    });
  }
  return {
    id: 'B7',
    title: 'Cost of observability per checkout',
    ranAt: new Date().toISOString(),
    command: context.command,
    quick: context.quick,
    method: [
      'Each topology (SQLite, started with the harness\'s `TopologyProcess` as B4 does, LOG_LEVEL=warn) is run with instrumentation ' +
        '**on** (the defaults: every HTTP request, port call, event handling and e-mail a span kept in each unit\'s memory, every call ' +
        'counted in Prometheus metrics, JSON logs) and **off** (`OTEL_SDK_DISABLED=true`, `METRICS=off`: bindings unwrapped), a fresh ' +
        `start each time, the order alternating per round (${rounds} round${rounds > 1 ? 's' : ''}). A customer checks out back to back ` +
        `at concurrency ${concurrency} for ${seconds} s after a warm-up. CPU seconds per 1,000 checkouts: utime + stime of every unit ` +
        'process from `/proc/<pid>/stat` (B4\'s method). The overhead is the median over rounds of on ÷ off − 1.',
    ],
    tables: [
      { title: 'Checkouts with instrumentation on and off', headers: ['topology', 'instrumentation', 'round', 'CPU s / 1,000 checkouts', 'p50 ms', 'checkouts/s'], rows },
      { title: 'Overhead of instrumentation (CPU per checkout)', headers: ['topology', 'on ÷ off − 1', 'goal'], rows: overheadRows },
    ],
    notes: context.quick ? ['Quick mode: one round of 2 s per setting; numbers indicative only.'] : [],
    goals,
  };
}
