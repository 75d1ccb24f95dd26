/**
 * Runs the benchmarks of issue #5 and regenerates the report.
 *
 *   npm run bench                      every benchmark, full length  → BENCHMARKS.md
 *   npm run bench:quick                short runs (CI: proves the harness works, no thresholds) → tmp/bench/BENCHMARKS.quick.md
 *   npm run bench -- --only B1,B3      some of them; the other sections of the report are kept
 *   ... --out <file>                   write the report elsewhere
 *
 * Direct: SWC_NODE_PROJECT=tsconfig.node.json node -r @swc-node/register bench/src/main.ts [--quick] [--only B1,B3]
 */
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Benchmark, BenchContext } from './shared/benchmark';
import { progress } from './shared/progress';
import { fromRoot, SLOTS, WORKSPACE_ROOT, writeReport, type SectionResult } from './shared/report';

/** Benchmarks that exist, loaded only when selected, run in this order (B4 reads the wire floors B2 measured). */
const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  B1: async () => (await import('./b1-local-call')).b1LocalCall,
  B2: async () => (await import('./b2-remote-call')).b2RemoteCall,
  B3: async () => (await import('./b3-http')).b3Http,
  B4: async () => (await import('./b4-checkout')).b4Checkout,
  B5: async () => (await import('./b5-startup-memory')).b5StartupMemory,
  B6: async () => (await import('./b6-ci-cost')).b6CiCost,
  B7: async () => (await import('./b7-observability-cost')).b7ObservabilityCost,
};

interface Options {
  quick: boolean;
  only: string[];
  out: string;
}

export function parseArgs(argv: string[]): Options {
  let quick = false;
  let only: string[] | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const inline = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined;
      const next = inline ?? argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--quick') quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) only = value().split(',').map((id) => id.trim().toUpperCase()).filter(Boolean);
    else if (arg === '--out' || arg.startsWith('--out=')) out = value();
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: bench/src/main.ts [--quick] [--only B1,B3,B5,B6] [--out FILE]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg} (usage: [--quick] [--only B1,B3] [--out FILE])`);
  }
  const known = SLOTS.map((s) => s.id);
  for (const id of only ?? []) {
    if (!known.includes(id)) throw new Error(`--only: unknown benchmark ${id} (known: ${known.join(', ')})`);
    if (!BENCHMARKS[id]) throw new Error(`--only: ${id} has no module yet (implemented: ${Object.keys(BENCHMARKS).join(', ')})`);
  }
  return {
    quick,
    only: only ?? Object.keys(BENCHMARKS),
    out: resolve(WORKSPACE_ROOT, out ?? (quick ? 'tmp/bench/BENCHMARKS.quick.md' : 'BENCHMARKS.md')),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const command = process.env['npm_lifecycle_event']
    ? `npm run ${process.env['npm_lifecycle_event']}${process.argv.length > 2 && !(process.argv.length === 3 && options.quick) ? ` -- ${process.argv.slice(2).filter((a) => a !== '--quick').join(' ')}` : ''}`.replace(/ -- $/, '')
    : `node -r @swc-node/register bench/src/main.ts ${process.argv.slice(2).join(' ')}`.trim();
  const workDir = join(WORKSPACE_ROOT, 'tmp', 'bench', `run-${startedAt.toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(workDir, { recursive: true });
  // The issue's budgets (full under 15 min, quick under 3 min), less a margin for writing the report.
  const deadline = startedAt.getTime() + (options.quick ? 170_000 : 14 * 60_000 + 30_000);
  const context: BenchContext = { quick: options.quick, command, workDir, deadline };
  progress('bench', `${options.quick ? 'quick' : 'full'} run of ${options.only.join(', ')}; scratch files in ${fromRoot(workDir)}`);

  const sections: SectionResult[] = [];
  const failures: string[] = [];
  for (const id of options.only) {
    const benchmark = await BENCHMARKS[id]!();
    const t0 = Date.now();
    progress(id, `start: ${benchmark.title}`);
    const loadBefore = loadavg()[0]!;
    try {
      const section = await benchmark.run(context);
      section.load = `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`;
      sections.push(section);
      progress(id, `done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    } catch (error) {
      failures.push(`${id}: ${(error as Error).stack ?? String(error)}`);
      progress(id, `FAILED after ${((Date.now() - t0) / 1000).toFixed(0)} s: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  writeReport(options.out, sections, { command, startedAt, finishedAt: new Date() });
  progress('bench', `report written to ${fromRoot(options.out)}`);
  for (const section of sections) {
    for (const goal of section.goals) {
      progress(section.id, `goal "${goal.goal}": ${goal.measured} → ${goal.met === null ? 'not measured' : goal.met ? 'met' : 'MISSED'} (${goal.gap})`);
    }
  }
  if (failures.length > 0) {
    process.stderr.write(`\n${failures.join('\n\n')}\n`);
    process.exitCode = 1;
  }
}

process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
