/**
 * Proof of selection (what CI's `nx affected` runs): for a one-line change in each domain's core in
 * turn, the projects Nx selects are exactly the core itself, the binaries that contain it (its
 * service and the monolith), the e2e runs that start one of those binaries, and the tooling checks
 * whose inputs are every project's files (architecture, deploy, nx-plugin) — never another domain's core or service, never the
 * gateway (it hosts no core). Asked of the real `nx` CLI with `--files`, as a commit touching that
 * file would be seen by `nx affected --base=… --head=…`.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const DOMAINS = ['identity', 'catalog', 'search', 'orders', 'payments', 'notifications'];
/** Every e2e run starts a binary hosting every domain (the monolith, or the gateway and all six services). */
/** Tooling whose checks read every project's files (module rules; rendered deployment; generators run on the workspace). */
const TOOLING = ['architecture', 'deploy', 'nx-plugin'];
const E2E_RUNS = ['e2e-monolith', 'e2e-payments-extracted', 'e2e-split-tcp', 'e2e-postgres', 'e2e-split-nats', 'e2e-split-rabbitmq'];

function affectedBy(file: string, target?: string): string[] {
  const args = ['nx', 'show', 'projects', '--affected', `--files=${file}`, '--json', ...(target ? ['-t', target] : [])];
  const out = execFileSync('npx', args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });
  return (JSON.parse(out) as string[]).sort();
}

jest.setTimeout(180_000);

describe('nx affected for a one-line change in a domain core', () => {
  it.each(DOMAINS)('%s-core selects its core, its service, the monolith and the e2e runs, nothing of another domain', (domain) => {
    const selected = affectedBy(`libs/${domain}/core/src/index.ts`);
    expect(selected).toEqual([`${domain}-core`, `${domain}-service`, ...TOOLING, 'monolith', ...E2E_RUNS].sort());
  });

  it('runs the unit tests of the core and the e2e runs of npm test under -t test, and only the PostgreSQL and broker runs under -t test-integration (payments-core has no such spec)', () => {
    expect(affectedBy('libs/payments/core/src/index.ts', 'test')).toEqual(
      [...TOOLING, 'e2e-monolith', 'e2e-payments-extracted', 'e2e-split-tcp', 'monolith', 'payments-core', 'payments-service'].sort(),
    );
    expect(affectedBy('libs/payments/core/src/index.ts', 'test-integration')).toEqual(['e2e-postgres', 'e2e-split-nats', 'e2e-split-rabbitmq']);
  });

  it('selects every e2e run, and no domain project, for a change in the e2e suite itself', () => {
    const selected = affectedBy('apps/e2e/src/support/shop.ts');
    expect(selected).toEqual(expect.arrayContaining(['e2e', ...E2E_RUNS]));
    expect(selected.filter((p) => p.endsWith('-service') || p.endsWith('-core'))).toEqual([]);
  });
});
