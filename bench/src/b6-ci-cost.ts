/**
 * B6 — CI cost of a change in one domain: in a throwaway clone, commit a one-line change (a comment)
 * in payments-core, then time `nx affected -t build typecheck test` for that commit against
 * `nx run-many -t build typecheck test` over every project, both with --skip-nx-cache (the build
 * target compiles without type-checking, so typecheck runs too, as in CI). Quick mode only lists what affected selects.
 * The e2e runs of `npm test` (apps/e2e/runs/<topology>: e2e-monolith, e2e-payments-extracted, e2e-split-tcp) are
 * timed on both sides: each is an Nx project depending on the binaries it starts, so affected runs those a change reaches.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Benchmark, BenchContext } from './shared/benchmark';
import { progress, sleep } from './shared/progress';
import { WORKSPACE_ROOT, type Goal, type SectionResult, type Table } from './shared/report';
import { formatMs, formatPercent, ratio } from './shared/stats';

const CHANGED_FILE = 'libs/payments/core/src/service/payments.service.ts';
const GOAL = 0.25;
/**
 * Upper bounds: a run that takes longer is stopped and reported as such. The run over everything gets
 * what is left of the bench's overall budget (at least MIN_ALL_MS): if it is stopped there, affected/bound
 * is still an upper bound of the share, which decides the goal when it is below it.
 */
const AFFECTED_TIMEOUT_MS = 20 * 60_000;
const MIN_ALL_MS = 3 * 60_000;
const MAX_ALL_MS = 30 * 60_000;
/** The e2e runs in `npm test`'s `test` target (the PostgreSQL and broker runs are test-integration's). */
const isE2eRun = (project: string) => project.startsWith('e2e-');
const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' };

interface Run {
  code: number | null;
  ms: number;
  timedOut: boolean;
  output: string;
}

/** Runs a command in `cwd`, teeing its output to `logFile` and its nx task headers to the progress lines. */
function run(command: string, args: string[], cwd: string, logFile: string, timeoutMs: number, label: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(`$ ${command} ${args.join(' ')}\n`);
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...NX_ENV }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let timedOut = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      log.write(text);
      for (const line of text.split('\n')) {
        const task = /^> nx run (\S+)/.exec(line.trim());
        if (task) progress('B6', `${label}: ${task[1]} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // The whole process group (nx and the jest/tsc it started), so nothing outlives the bound.
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      log.end();
      resolve({ code, ms: performance.now() - t0, timedOut, output });
    });
  });
}

function git(args: string[], cwd: string, logFile: string): Promise<Run> {
  return run('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], cwd, logFile, 60_000, 'git');
}

/** Project names from `nx show projects` output (one per line). */
function projectsOf(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[a-z0-9][a-z0-9-]*$/.test(l))
    .sort();
}

export const b6CiCost: Benchmark = {
  id: 'B6',
  title: 'CI cost of a change in one domain',
  async run(context: BenchContext): Promise<SectionResult> {
    const logFile = join(context.workDir, 'b6.log');
    const clone = mkdtempSync(join(tmpdir(), 'foodcourt-b6-'));
    try {
      progress('B6', `cloning the repository's HEAD into ${clone} (log: ${logFile})`);
      const cloned = await git(['clone', '--quiet', WORKSPACE_ROOT, clone], tmpdir(), logFile);
      if (cloned.code !== 0) throw new Error(`git clone failed: ${cloned.output}`);
      symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
      const head = (await git(['rev-parse', '--short', 'HEAD'], clone, logFile)).output.trim();
      await git(['checkout', '--quiet', '-b', 'bench-b6-change'], clone, logFile);
      appendFileSync(join(clone, CHANGED_FILE), '\n// bench B6: a one-line change in the payments core (comment only)\n');
      const committed = await git(['commit', '--quiet', '-am', 'bench B6: change one line of payments-core'], clone, logFile);
      if (committed.code !== 0) throw new Error(`git commit failed: ${committed.output}`);
      const range = ['--base=HEAD~1', '--head=HEAD'];

      const npx = 'npx';
      const allProjects = projectsOf((await run(npx, ['nx', 'show', 'projects'], clone, logFile, 120_000, 'list')).output);
      const listed = await run(npx, ['nx', 'show', 'projects', '--affected', ...range], clone, logFile, 120_000, 'list');
      const affected = projectsOf(listed.output);
      progress('B6', `affected by a change in ${CHANGED_FILE}: ${affected.join(', ')} (${affected.length} of ${allProjects.length} projects)`);

      const tables: Table[] = [
        {
          title: `What a one-line change in \`${CHANGED_FILE}\` selects`,
          text: true,
          headers: ['', 'projects'],
          rows: [
            [`affected (${affected.length} of ${allProjects.length})`, affected.join(', ')],
            [`not affected (${allProjects.length - affected.length})`, allProjects.filter((p) => !affected.includes(p)).join(', ')],
          ],
        },
      ];
      const goals: Goal[] = [];
      const notes: string[] = [
        `The clone is of HEAD (${head}) of the working repository: uncommitted work there (including, until it is committed, ` +
          'the bench project itself) is not in it. `node_modules` is a symlink to the working repository\'s.',
      ];

      if (context.quick) {
        goals.push({
          benchmark: 'B6',
          goal: 'nx affected (build + typecheck + test, e2e included) ≤ 25 % of the wall time of everything',
          measured: `quick mode: only listed (${affected.length} of ${allProjects.length} projects affected)`,
          met: null,
          gap: 'run `npm run bench -- --only B6` to time it',
        });
      } else {
        const flags = ['-t', 'build', 'typecheck', 'test', '--skip-nx-cache', '--parallel=2', '--outputStyle=static'];
        progress('B6', `timing nx affected -t build typecheck test (bound ${AFFECTED_TIMEOUT_MS / 60_000} min)`);
        const affectedRun = await run(npx, ['nx', 'affected', ...flags, ...range], clone, logFile, AFFECTED_TIMEOUT_MS, 'affected');
        progress('B6', `affected: ${formatMs(affectedRun.ms)}, exit ${affectedRun.code}${affectedRun.timedOut ? ' (timed out)' : ''}`);
        // What is left of the bench's budget, but at least long enough to decide the goal: a run over everything
        // stopped after affected/goal still proves the share is under the goal.
        const leftover = context.deadline - Date.now() - 10_000;
        const decisive = affectedRun.ms / GOAL + 5_000;
        const allBound = Math.min(MAX_ALL_MS, Math.max(MIN_ALL_MS, leftover, decisive));
        progress(
          'B6',
          `timing nx run-many -t build typecheck test over every project (bound ${formatMs(allBound)}: ` +
            `${allBound > leftover ? 'beyond the budget, as long as it takes to decide the goal' : "what is left of the bench's budget"})`,
        );
        const allRun = await run(npx, ['nx', 'run-many', ...flags], clone, logFile, allBound, 'all');
        progress('B6', `all: ${formatMs(allRun.ms)}, exit ${allRun.code}${allRun.timedOut ? ' (timed out)' : ''}`);

        const share = ratio(affectedRun.ms, allRun.ms);
        const e2eRuns = affected.filter(isE2eRun);
        const withE2e = `e2e runs selected by the change: ${e2eRuns.join(', ') || 'none'} (of ${allProjects.filter(isE2eRun).join(', ')})`;
        const status = (r: Run) => (r.timedOut ? 'stopped at its time bound' : r.code === 0 ? 'all tasks passed' : `exit ${r.code}: some tasks failed (see ${logFile})`);
        const tasks = (r: Run) => String(r.output.split('\n').filter((l) => /^> nx run /.test(l.trim())).length);
        tables.push({
          title: 'Wall time, --skip-nx-cache, --parallel=2 (as `npm run build`, `npm run typecheck` and `npm test` run)',
          headers: ['command', 'tasks', 'wall time', 'share of everything', 'outcome'],
          rows: [
            ['nx affected -t build typecheck test --base=HEAD~1 --head=HEAD', tasks(affectedRun), formatMs(affectedRun.ms), `${allRun.timedOut ? '< ' : ''}${formatPercent(share)}`, status(affectedRun)],
            ['nx run-many -t build typecheck test (every project, e2e runs included)', tasks(allRun), `${allRun.timedOut ? '> ' : ''}${formatMs(allRun.ms)}`, '100 %', status(allRun)],
          ],
        });
        // Stopped at its bound, the run over everything took longer: the share is at most what is shown.
        const upperBound = allRun.timedOut;
        goals.push({
          benchmark: 'B6',
          goal: 'nx affected (build + typecheck + test, e2e included) ≤ 25 % of the wall time of everything',
          measured: `${upperBound ? '< ' : ''}${formatPercent(share)} with the e2e runs (${e2eRuns.length} selected; ${formatMs(affectedRun.ms)} vs ${upperBound ? '> ' : ''}${formatMs(allRun.ms)}; ${affected.length} of ${allProjects.length} projects)`,
          met: affectedRun.timedOut || (upperBound && share > GOAL) ? null : share <= GOAL,
          gap:
            affectedRun.timedOut || (upperBound && share > GOAL)
              ? 'undecided: a run was stopped at its time bound before the share could be known; time it alone with `npm run bench -- --only B6`'
              : share <= GOAL
                ? `margin ${upperBound ? '> ' : ''}${((GOAL - share) * 100).toFixed(1)} points`
                : `${((share - GOAL) * 100).toFixed(1)} points over`,
        });
        if (upperBound) {
          notes.push(
            `The run over everything was stopped at ${formatMs(allRun.ms)} to keep \`npm run bench\` within its budget; it would ` +
              'have taken longer, so the share shown is an upper bound. Time it alone with `npm run bench -- --only B6`.',
          );
        }
        notes.push(
          `${withE2e}. Every e2e run starts a binary that hosts every domain, and every e2e suite places an order, which ` +
            'crosses identity, catalog, orders, payments and notifications: a change in one of those cores can change what any ' +
            'run observes, so affected selects them all, and they dominate both sides.',
        );
        notes.push(
          'Build (swc, no type-check), typecheck and test are the CI work; lint is left out. Each command runs once ' +
            '(they take minutes); the machine may be running other jobs at the same time.',
        );
      }

      return {
        id: 'B6',
        title: 'CI cost of a change in one domain',
        ranAt: new Date().toISOString(),
        command: context.command,
        quick: context.quick,
        method: [
          `A throwaway clone of the repository (\`git clone\` into a temp dir), a branch with one commit appending a comment to ` +
            `\`${CHANGED_FILE}\`; \`nx show projects --affected --base=HEAD~1 --head=HEAD\` lists what it selects. ` +
            (context.quick
              ? 'Quick mode stops there.'
              : 'Then `nx affected -t build typecheck test --base=HEAD~1 --head=HEAD --skip-nx-cache` and `nx run-many -t build typecheck test ' +
                '--skip-nx-cache` are timed one after the other, both with `--parallel=2`.'),
        ],
        tables,
        notes,
        goals,
      };
    } finally {
      rmSync(clone, { recursive: true, force: true });
      // A process of a run stopped at its bound may still write a last log line into the clone while it dies.
      await sleep(2_000);
      rmSync(clone, { recursive: true, force: true });
    }
  },
};
