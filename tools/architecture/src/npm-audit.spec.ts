/**
 * tools/scripts/npm-audit.cjs (`npm run audit:prod`, a .ci/run step): fails on a high or critical
 * advisory in a production dependency, passes on lesser ones, and says so in one line when the
 * registry has no advisory endpoint. Judged on saved `npm audit --json` reports.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@foodcourt/platform-testing';

const dir = mkdtempSync(join(tmpdir(), 'foodcourt-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function judge(report: unknown): { status: number | null; output: string } {
  const file = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(report));
  const run = spawnSync(process.execPath, [join(WORKSPACE_ROOT, 'tools/scripts/npm-audit.cjs')], { env: { ...process.env, NPM_AUDIT_REPORT: file }, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const vulnerability = (name: string, severity: string) => ({
  name,
  severity,
  range: '<1.2.3',
  via: [{ title: `${name} does something bad`, url: `https://github.com/advisories/GHSA-${name}` }],
  fixAvailable: true,
});

describe('npm run audit:prod', () => {
  it('fails on a high or critical advisory, naming the package and the advisory', () => {
    const { status, output } = judge({ vulnerabilities: { 'left-pad': vulnerability('left-pad', 'high'), chalk: vulnerability('chalk', 'low') }, metadata: { vulnerabilities: { high: 1, low: 1 } } });
    expect(status).toBe(1);
    expect(output).toContain('high: left-pad <1.2.3: left-pad does something bad (https://github.com/advisories/GHSA-left-pad)');
    expect(output).not.toContain('low: chalk');
  });

  it('passes on moderate and low advisories only', () => {
    const { status, output } = judge({ vulnerabilities: { chalk: vulnerability('chalk', 'moderate') }, metadata: { vulnerabilities: { moderate: 1 } } });
    expect(status).toBe(0);
    expect(output).toContain('1 moderate');
  });

  it('says in one line that nothing was checked when the registry has no advisory endpoint', () => {
    const { status, output } = judge({ message: '405 Method Not Allowed', statusCode: 405, uri: 'https://registry.example/-/npm/v1/security/advisories/bulk' });
    expect(status).toBe(0);
    expect(output.trim()).toBe("npm audit: not checked: the registry's advisory endpoint answered 405 (https://registry.example/-/npm/v1/security/advisories/bulk)");
  });
});
