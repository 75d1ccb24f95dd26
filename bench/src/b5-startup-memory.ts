/**
 * B5 — memory and start-up. Spawns the real binaries as child processes — bundled by their build
 * target (tools/scripts/bundle-app.cjs, esbuild) and started with plain node, as the Docker image and the
 * Kubernetes manifests run them; and for comparison from their sources through @swc-node/register,
 * as `npm start` and the e2e suite run them — measures the time from spawn() to the first 200 of
 * GET /health/ready, then reads VmRSS from /proc/<pid>/status after 2 s idle. The monolith
 * (topology/monolith.yaml) runs alone; every unit of topology/split-tcp.yaml is started at once.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { addressVariable } from '@foodcourt/platform-wire';
import { parseTopology, transportOf } from '@foodcourt/platform-topology';
import { freePort } from '@foodcourt/platform-testing';
import type { Benchmark, BenchContext } from './shared/benchmark';
import { rssMb, spawnNode, stopProcess, track, waitReady, type TsProcess } from './shared/child-processes';
import { progress, sleep } from './shared/progress';
import { WORKSPACE_ROOT, type Goal, type SectionResult, type Table } from './shared/report';
import { formatMb, formatMs, median } from './shared/stats';

// A plain CommonJS script (the build target), loaded by its path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleApp } = require(join(WORKSPACE_ROOT, 'tools', 'scripts', 'bundle-app.cjs')) as {
  bundleApp(app: string, outDir: string, options?: { lockFile?: boolean }): Promise<{ entry: string; packages: string[]; bytes: number }>;
};

const IDLE_MS = 2_000;
const READY_TIMEOUT_MS = 120_000;
const MONOLITH_RSS_GOAL_MB = 120;
const MONOLITH_READY_GOAL_MS = 1_500;
const UNIT_RSS_GOAL_MB = 80;

interface Sample {
  readyMs: number;
  rssMb: number;
  /** Units of a split topology: spawn → its own /health/live (its own start-up, whatever its peers do). */
  liveMs?: number;
}

/** Samples per subject, in the order first seen. */
class Samples {
  readonly bySubject = new Map<string, Sample[]>();
  add(subject: string, sample: Sample): void {
    if (!this.bySubject.has(subject)) this.bySubject.set(subject, []);
    this.bySubject.get(subject)!.push(sample);
  }
  readyMs(subject: string): number {
    return median((this.bySubject.get(subject) ?? []).map((s) => s.readyMs));
  }
  rssMb(subject: string): number {
    return median((this.bySubject.get(subject) ?? []).map((s) => s.rssMb));
  }
  liveMs(subject: string): number {
    return median((this.bySubject.get(subject) ?? []).map((s) => s.liveMs ?? Number.NaN));
  }
  rows(): string[][] {
    return [...this.bySubject.entries()].map(([subject, samples]) => [
      subject,
      formatMs(this.readyMs(subject)),
      formatMb(this.rssMb(subject)),
      samples.map((s) => `${formatMs(s.readyMs)} / ${formatMb(s.rssMb)}`).join('; '),
    ]);
  }
  /** Rows of split units: live and ready times. */
  unitRows(): string[][] {
    return [...this.bySubject.entries()].map(([subject, samples]) => [
      subject,
      formatMs(this.liveMs(subject)),
      formatMs(this.readyMs(subject)),
      formatMb(this.rssMb(subject)),
      samples.map((s) => `${formatMs(s.liveMs ?? Number.NaN)} / ${formatMs(s.readyMs)} / ${formatMb(s.rssMb)}`).join('; '),
    ]);
  }
}

/** How to start a binary: built (plain node, as the image runs it), or from its .ts entry under @swc-node/register (as npm start does). */
interface Launch {
  /** node arguments before the binary's own arguments. */
  node(entry: string): string[];
}
const viaSwcNode: Launch = { node: (entry) => ['-r', '@swc-node/register', entry] };
/** `apps/<app>/src/main.ts` → `<dir>/<app>/main.js`, where bundleApp put it. */
const builtIn = (dir: string): Launch => ({
  node: (entry) => {
    const app = /^apps\/([^/]+)\//.exec(entry)?.[1];
    if (!app) throw new Error(`B5: ${entry} is not an app's entry`);
    return [join(dir, app, 'main.js')];
  },
});
/** Every app B5 starts: the monolith and the units of split-tcp. */
const BUILT_APPS = ['monolith', 'gateway', 'identity-service', 'catalog-service', 'search-service', 'orders-service', 'payments-service', 'notifications-service'];

/** Starts one process, waits until `readyPath` answers 200, idles, reads its RSS, stops it. */
async function measureOne(nodeArgs: string[], env: Record<string, string>, logFile: string, readyPath: string): Promise<Sample> {
  const port = await freePort();
  const proc = track(spawnNode(nodeArgs, { ...env, PORT: String(port), HOST: '127.0.0.1' }, logFile));
  try {
    const readyMs = await waitReady(proc, `http://127.0.0.1:${port}${readyPath}`, READY_TIMEOUT_MS);
    await sleep(IDLE_MS);
    return { readyMs, rssMb: rssMb(proc.pid) };
  } finally {
    await stopProcess(proc);
  }
}

/** One unit's outcome: measured, or the first line of why it did not start. */
type UnitOutcome = Sample | { error: string };

/** Every unit of a topology at once, each on its own ports; resolves with each unit's outcome and the time until all were ready. */
async function measureTopology(launch: Launch, topologyFile: string, dataDir: string, namespace: string, logDir: string): Promise<{ units: Map<string, UnitOutcome>; allReadyMs: number }> {
  const absolute = join(WORKSPACE_ROOT, topologyFile);
  const topology = parseTopology(absolute, readFileSync(absolute, 'utf8'));
  const env: Record<string, string> = { FOODCOURT_NAMESPACE: namespace, DATA_DIR: dataDir };
  const plans: { name: string; entry: string; port: number }[] = [];
  for (const unit of topology.units) {
    if (transportOf(topology, unit) === 'tcp' && unit.domains.length > 0) env[addressVariable(unit.name)] = `127.0.0.1:${await freePort()}`;
    const service = `apps/${unit.name}-service/src/main.ts`;
    const entry = unit.domains.length === 0 ? 'apps/gateway/src/main.ts' : existsSync(join(WORKSPACE_ROOT, service)) ? service : 'apps/monolith/src/main.ts';
    plans.push({ name: unit.name, entry, port: await freePort() });
  }
  const procs: { name: string; port: number; proc: TsProcess }[] = [];
  const t0 = performance.now();
  try {
    for (const plan of plans) {
      const proc = track(
        spawnNode(
          [...launch.node(plan.entry), '--topology', topologyFile, '--unit', plan.name],
          { ...env, PORT: String(plan.port), HOST: '127.0.0.1' },
          join(logDir, `${plan.name}.log`),
        ),
      );
      procs.push({ name: plan.name, port: plan.port, proc });
    }
    // Each unit's own start-up is /health/live; /health/ready also needs every peer up, so it is polled
    // more gently (each failed ready check fans out to the peers and logs an error).
    const ready = await Promise.allSettled(
      procs.map(async (p) => {
        const liveMs = await waitReady(p.proc, `http://127.0.0.1:${p.port}/health/live`, READY_TIMEOUT_MS);
        const readyMs = await waitReady(p.proc, `http://127.0.0.1:${p.port}/health/ready`, READY_TIMEOUT_MS, 100);
        return { liveMs, readyMs };
      }),
    );
    const allReadyMs = ready.every((r) => r.status === 'fulfilled') ? performance.now() - t0 : Number.NaN;
    await sleep(IDLE_MS);
    const units = new Map<string, UnitOutcome>();
    procs.forEach((p, i) => {
      const outcome = ready[i]!;
      units.set(p.name, outcome.status === 'fulfilled' ? { ...outcome.value, rssMb: rssMb(p.proc.pid) } : { error: firstCause(outcome.reason) });
    });
    return { units, allReadyMs };
  } finally {
    await Promise.all(procs.map((p) => stopProcess(p.proc)));
  }
}

/** The line of a start-up failure that says why: the unit's own "cannot start" line if its log has one. */
function firstCause(reason: unknown): string {
  const text = reason instanceof Error ? reason.message : String(reason);
  return /foodcourt: cannot start: .*/.exec(text)?.[0] ?? text.split('\n')[0]!;
}

export const b5StartupMemory: Benchmark = {
  id: 'B5',
  title: 'Memory and start-up',
  async run(context: BenchContext): Promise<SectionResult> {
    const reps = context.quick ? 1 : 3;
    const splitReps = context.quick ? 1 : 2;
    const dir = join(context.workDir, 'b5');
    const builtDir = join(dir, 'built');
    mkdirSync(dir, { recursive: true });

    const t0 = performance.now();
    // Inside the workspace (tmp/bench), so the bundles' external packages resolve from its node_modules.
    for (const app of BUILT_APPS) {
      const { bytes, packages } = await bundleApp(app, join(builtDir, app), { lockFile: false });
      progress('B5', `${app}: ${(bytes / 1024).toFixed(0)} KiB bundle importing ${packages.length} packages`);
    }
    progress('B5', `bundled ${BUILT_APPS.length} apps with their build target (tools/scripts/bundle-app.cjs) in ${formatMs(performance.now() - t0)}`);

    const floor = new Samples();
    const monolith = new Samples();
    const compiled = new Samples();
    const monolithArgs = ['--topology', 'topology/monolith.yaml', '--unit', 'monolith'];
    const monolithRuns = async (launch: Launch, samples: Samples, label: string, rep: number) => {
      const dataDir = join(dir, `${label}-${rep}`);
      mkdirSync(dataDir, { recursive: true });
      const nodeArgs = [...launch.node('apps/monolith/src/main.ts'), ...monolithArgs];
      const cold = await measureOne(nodeArgs, { DATA_DIR: dataDir }, join(dataDir, 'monolith.log'), '/health/ready');
      samples.add(`${label}, first start (empty DATA_DIR: migrations run)`, cold);
      // Quick mode (CI proves the harness works) skips the restart.
      const warm = context.quick ? undefined : await measureOne(nodeArgs, { DATA_DIR: dataDir }, join(dataDir, 'monolith.log'), '/health/ready');
      if (warm) samples.add(`${label}, restart (same DATA_DIR)`, warm);
      progress('B5', `rep ${rep + 1}/${reps}: ${label} ready in ${formatMs(cold.readyMs)}${warm ? ` (restart ${formatMs(warm.readyMs)})` : ''}, ${formatMb(cold.rssMb)} idle`);
    };
    for (let rep = 0; rep < reps; rep++) {
      progress('B5', `rep ${rep + 1}/${reps}: floors`);
      if (!context.quick) floor.add('node + node:http (no TypeScript)', await measureOne(['-e', IDLE_HTTP_JS], {}, join(dir, 'floor.log'), '/health/ready'));
      // Quick mode keeps one floor of each kind of spawn (it only proves the harness works).
      floor.add('node + @swc-node/register + node:http', await measureOne(viaSwcNode.node('bench/src/servers/idle-http.ts'), {}, join(dir, 'floor.log'), '/health/ready'));
      if (!context.quick) {
        floor.add('Nest + Fastify, one controller, via @swc-node/register', await measureOne(viaSwcNode.node('bench/src/servers/nest-minimal.ts'), {}, join(dir, 'nest-floor.log'), '/health'));
        floor.add(
          'the same, importing platform-runtime and a contract (as every unit does)',
          await measureOne([...viaSwcNode.node('bench/src/servers/http-server.ts'), 'nest-fastify-nopipe'], {}, join(dir, 'nest-floor.log'), '/health'),
        );
      }
      await monolithRuns(builtIn(builtDir), compiled, 'monolith built', rep);
      await monolithRuns(viaSwcNode, monolith, 'monolith via @swc-node/register', rep);
    }

    const split = new Samples();
    const splitCompiled = new Samples();
    const allReady: number[] = [];
    const allReadyCompiled: number[] = [];
    const failures = new Map<string, string>();
    const splitRuns = async (launch: Launch, samples: Samples, ready: number[], label: string, rep: number, total: number) => {
      const dataDir = join(dir, `${label.replace(/\W+/g, '-')}-${rep}`);
      mkdirSync(dataDir, { recursive: true });
      progress('B5', `rep ${rep + 1}/${total}: every unit of topology/split-tcp.yaml at once (${label})`);
      const { units, allReadyMs } = await measureTopology(launch, 'topology/split-tcp.yaml', dataDir, `bench-b5-${process.pid}-${label.length}-${rep}`, dataDir);
      for (const [name, outcome] of units) {
        if ('error' in outcome) {
          failures.set(name, outcome.error);
          samples.add(name, { readyMs: Number.NaN, rssMb: Number.NaN });
        } else samples.add(name, outcome);
      }
      ready.push(allReadyMs);
      const measured = [...units].filter((u): u is [string, Sample] => !('error' in u[1]));
      const sum = measured.reduce((acc, [, s]) => acc + s.rssMb, 0);
      progress(
        'B5',
        `rep ${rep + 1}/${total}: ${measured.length}/${units.size} units ready` +
          (Number.isFinite(allReadyMs) ? ` in ${formatMs(allReadyMs)}` : '') +
          `, ${formatMb(sum)} together: ${[...units].map(([n, o]) => `${n} ${'error' in o ? 'FAILED' : formatMb(o.rssMb)}`).join(', ')}`,
      );
      for (const [name, outcome] of units) if ('error' in outcome) progress('B5', `unit ${name} did not start: ${outcome.error} (log: ${join(dataDir, `${name}.log`)})`);
    };
    // `split` holds the built units (the goals), `splitCompiled` the same via @swc-node/register.
    for (let rep = 0; rep < splitReps; rep++) await splitRuns(builtIn(builtDir), split, allReady, 'built', rep, splitReps);
    if (!context.quick) await splitRuns(viaSwcNode, splitCompiled, allReadyCompiled, 'via @swc-node/register', 0, 1);

    const unitNames = [...split.bySubject.keys()];
    const measuredUnits = unitNames.filter((n) => Number.isFinite(split.rssMb(n)));
    const sumRss = (samples: Samples) => [...samples.bySubject.keys()].map((n) => samples.rssMb(n)).filter(Number.isFinite).reduce((a, b) => a + b, 0);
    const heaviest = measuredUnits.length > 0 ? measuredUnits.reduce((a, b) => (split.rssMb(a) >= split.rssMb(b) ? a : b)) : undefined;
    const over = measuredUnits.filter((n) => split.rssMb(n) > UNIT_RSS_GOAL_MB);
    const COLD = 'first start (empty DATA_DIR: migrations run)';
    // Goals are judged on the built binaries; "register" figures are npm start's, for comparison.
    const monoRss = compiled.rssMb(`monolith built, ${COLD}`);
    const monoReady = compiled.readyMs(`monolith built, ${COLD}`);
    const compiledRss = monolith.rssMb(`monolith via @swc-node/register, ${COLD}`);
    const compiledReady = monolith.readyMs(`monolith via @swc-node/register, ${COLD}`);
    const compiledUnitMax = Math.max(...[...splitCompiled.bySubject.keys()].map((n) => splitCompiled.rssMb(n)).filter(Number.isFinite));
    const atMost = (measured: number, goal: number, unit: (v: number) => string) =>
      measured <= goal ? `margin ${unit(goal - measured)}` : `${unit(measured - goal)} over (${(((measured - goal) / goal) * 100).toFixed(0)} %)`;

    const goals: Goal[] = [
      {
        benchmark: 'B5',
        goal: `monolith idle RSS ≤ ${MONOLITH_RSS_GOAL_MB} MB`,
        measured: `${formatMb(monoRss)} (via @swc-node/register, as npm start: ${formatMb(compiledRss)})`,
        met: monoRss <= MONOLITH_RSS_GOAL_MB,
        gap: `${atMost(monoRss, MONOLITH_RSS_GOAL_MB, formatMb)}; via @swc-node/register: ${atMost(compiledRss, MONOLITH_RSS_GOAL_MB, formatMb)}`,
      },
      {
        benchmark: 'B5',
        goal: `monolith spawn → /health/ready ≤ ${formatMs(MONOLITH_READY_GOAL_MS)}`,
        measured: `${formatMs(monoReady)} (restart ${formatMs(compiled.readyMs('monolith built, restart (same DATA_DIR)'))}; via @swc-node/register ${formatMs(compiledReady)})`.replace('restart —; ', ''),
        met: monoReady <= MONOLITH_READY_GOAL_MS,
        gap: `${atMost(monoReady, MONOLITH_READY_GOAL_MS, formatMs)}; via @swc-node/register: ${atMost(compiledReady, MONOLITH_READY_GOAL_MS, formatMs)}`,
      },
      {
        benchmark: 'B5',
        goal: `each split-tcp unit idle RSS ≤ ${UNIT_RSS_GOAL_MB} MB`,
        measured:
          heaviest === undefined
            ? 'no unit started'
            : `heaviest ${heaviest} ${formatMb(split.rssMb(heaviest))}; ${over.length} of ${measuredUnits.length} measured over` +
              (failures.size > 0 ? `; ${failures.size} did not start` : '') +
              (Number.isFinite(compiledUnitMax) ? ` (via @swc-node/register: heaviest ${formatMb(compiledUnitMax)})` : ''),
        met: failures.size > 0 || heaviest === undefined ? (over.length > 0 ? false : null) : over.length === 0,
        gap:
          failures.size > 0 && over.length === 0
            ? `not measurable: ${[...failures.keys()].join(', ')} did not start (see the table)`
            : over.length === 0
              ? `margin ${formatMb(UNIT_RSS_GOAL_MB - split.rssMb(heaviest!))}`
              : `${formatMb(Math.min(...over.map((n) => split.rssMb(n))) - UNIT_RSS_GOAL_MB)} to ${formatMb(Math.max(...over.map((n) => split.rssMb(n))) - UNIT_RSS_GOAL_MB)} over` +
                (Number.isFinite(compiledUnitMax) ? `; via @swc-node/register: ${atMost(compiledUnitMax, UNIT_RSS_GOAL_MB, formatMb)}` : ''),
      },
    ];

    const headers = ['process', 'spawn → ready (median)', `idle RSS after ${IDLE_MS / 1000} s (median)`, 'each run (ready / RSS)'];
    const unitHeaders = ['unit', 'spawn → /health/live (median)', 'spawn → /health/ready, peers up (median)', `idle RSS after ${IDLE_MS / 1000} s (median)`, 'each run (live / ready / RSS)'];
    const splitRows = (samples: Samples, ready: number[]) => [
      ...samples.unitRows().map((row) => (failures.has(row[0]!) && !Number.isFinite(samples.rssMb(row[0]!)) ? [row[0]!, 'did not start', '—', '—', failures.get(row[0]!)!] : row)),
      [
        '**all units together**',
        '',
        ready.every(Number.isFinite) ? `${formatMs(median(ready))} (until the last is ready)` : '—',
        formatMb(sumRss(samples)),
        ready.map(formatMs).join('; '),
      ],
    ];
    const tables: Table[] = [
      { title: 'Monolith (topology/monolith.yaml), started alone, built (plain `node main.js`, as the Docker image runs it)', headers, rows: compiled.rows() },
      {
        title: `Every unit of topology/split-tcp.yaml started at once, built (${unitNames.length} processes on ${cpus().length} cores)`,
        headers: unitHeaders,
        rows: splitRows(split, allReady),
      },
      { title: 'The monolith via @swc-node/register (as `npm start` and the e2e suite run it)', headers, rows: monolith.rows() },
      ...(splitCompiled.bySubject.size === 0
        ? []
        : [{ title: 'Every unit of topology/split-tcp.yaml via @swc-node/register, started at once', headers: unitHeaders, rows: splitRows(splitCompiled, allReadyCompiled) }]),
      { title: 'Floors, for scale (same spawn and measurement)', headers, rows: floor.rows() },
    ];

    return {
      id: 'B5',
      title: 'Memory and start-up',
      ranAt: new Date().toISOString(),
      command: context.command,
      quick: context.quick,
      method: [
        'Each binary is built by its build target (`tools/scripts/bundle-app.cjs`, as `nx build <app>` and the Docker image ' +
          'do: one esbuild bundle per app, swc for decorator metadata, npm packages external) into the bench\'s scratch folder and spawned as the image and the Kubernetes manifests run it, ' +
          '`node dist/apps/<app>/main.js` from the workspace root, default LOG_LEVEL, SQLite under a fresh DATA_DIR. "Ready" is the time from `spawn()` ' +
          `to the first 200 of \`GET /health/ready\` (polled every 20 ms); RSS is \`VmRSS\` of \`/proc/<pid>/status\` after ${IDLE_MS / 1000} s idle.`,
        `The monolith runs alone, ${reps} time(s), each time first on an empty DATA_DIR (migrations run) and then restarted on it. ` +
          `The split-tcp topology is started ${splitReps} time(s) with every unit at once (each unit gets UNIT_<NAME>_ADDRESS=127.0.0.1:<free port>, ` +
          'FOODCOURT_NAMESPACE, PORT, DATA_DIR, `--topology topology/split-tcp.yaml --unit <name>`; domains run `apps/<domain>-service`, ' +
          'the gateway `apps/gateway`): their start-up times include competing for the cores with each other. A unit\'s own ' +
          'start-up is spawn → `/health/live` (polled every 20 ms); its `/health/ready` also checks every peer unit, so it ' +
          'answers 200 only once all of them are up (polled every 100 ms: each failed check calls the peers and logs an error).',
        'For comparison, the same binaries are started from their sources through `@swc-node/register`, as `npm start` and ' +
          'the e2e suite run them (TypeScript compiled at load time, the compiler loaded in the process); the goals are judged ' +
          'on the built binaries.' + (context.quick ? ' Quick mode starts the split units built only.' : ''),
      ],
      tables,
      notes: [
        'The floor rows show what every process pays before any domain code: Node itself; Node with @swc-node/register (the ' +
          'native swc compiler is loaded, and every module is compiled in memory at load); a Nest + Fastify application with one ' +
          'controller; and the same importing `@foodcourt/platform-runtime` and a contract, as every unit does (the runtime\'s index ' +
          're-exports the remote bindings, so @nestjs/microservices loads in every process, the monolith included; class-validator ' +
          'brings validator.js and libphonenumber-js; a contract brings @nestjs/swagger). Building removes the swc share; ' +
          'the rest is what the binaries import at start.',
      ],
      goals,
    };
  },
};

/** The floor without TypeScript: plain node serving /health/ready. */
const IDLE_HTTP_JS =
  "require('node:http').createServer((q, r) => { r.writeHead(200); r.end('ok'); }).listen(Number(process.env.PORT), '127.0.0.1');" +
  "process.once('SIGTERM', () => process.exit(0));";
