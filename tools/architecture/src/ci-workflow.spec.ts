/**
 * Static checks of .github/workflows/ci.yml (no GitHub runner here): it is the incremental CI the
 * README describes — whole history checked out (nx affected needs the base commit), the base set by
 * nrwl/nx-set-shas, `npm ci`, then `nx affected` for the unit targets and, in a job with PostgreSQL,
 * NATS (JetStream), RabbitMQ and Redis, for the integration target — and every target it names exists.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../../..');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  steps: Step[];
  services?: Record<string, { image: string }>;
}

const workflow = parse(readFileSync(join(ROOT, '.github/workflows/ci.yml'), 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const jobs = Object.values(workflow.jobs);
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

jest.setTimeout(60_000);

describe('.github/workflows/ci.yml', () => {
  it('runs on pull requests and on pushes to main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  });

  it('checks out the whole history, sets the affected base with nx-set-shas, and installs with npm ci, in every job', () => {
    for (const job of jobs) {
      expect(job.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
      expect(job.steps.some((s) => s.uses?.startsWith('nrwl/nx-set-shas@'))).toBe(true);
      expect(runs(job)).toMatch(/^npm ci\b/m);
      expect(runs(job)).not.toMatch(/run-many/);
    }
  });

  it('runs nx affected for lint, typecheck, test and build, and for test-integration beside the services it needs', () => {
    const all = jobs.map(runs).join('\n');
    expect(all).toMatch(/npx nx affected -t lint typecheck test build\b/);
    const integration = jobs.find((j) => runs(j).includes('nx affected -t test-integration'))!;
    expect(integration).toBeDefined();
    const images = [...Object.values(integration.services ?? {}).map((s) => s.image), runs(integration)].join(' ');
    for (const image of ['postgres', 'rabbitmq', 'redis', 'nats']) expect(images).toContain(image);
    expect(runs(integration)).toMatch(/nats:\S+ -js\b/);
  });

  it('audits the production dependencies, failing on a high or critical advisory', () => {
    expect(jobs.map(runs).join('\n')).toMatch(/^npm run audit:prod$/m);
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm run audit:prod$/m);
  });

  it('names targets the workspace has, and a Node version file that exists and agrees with engines', () => {
    const projects = (target: string) =>
      JSON.parse(execFileSync('npx', ['nx', 'show', 'projects', '-t', target, '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } })) as string[];
    for (const target of ['lint', 'typecheck', 'test', 'build', 'test-integration']) expect({ target, projects: projects(target).length > 0 }).toEqual({ target, projects: true });
    const nvmrc = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines.replace(/^>=\s*/, '').split('.')[0]).toBe(nvmrc.split('.')[0]);
  });
});
