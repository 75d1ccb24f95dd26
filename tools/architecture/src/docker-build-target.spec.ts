/**
 * `nx docker-build <app>` (nx.json targetDefaults): every app has it, it builds that app's image
 * with docker/Dockerfile, and `--affected` names exactly the images a library change requires.
 * No Docker engine here: only what Nx resolves is checked, nothing is built.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@foodcourt/platform-testing';

jest.setTimeout(120_000);

const nx = (...args: string[]) =>
  execFileSync(join(WORKSPACE_ROOT, 'node_modules/.bin/nx'), args, { cwd: WORKSPACE_ROOT, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' }, encoding: 'utf8' });
const apps = readdirSync(join(WORKSPACE_ROOT, 'apps')).filter((a) => a !== 'e2e').sort();
const version = (JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the docker-build target', () => {
  it('builds, for every app, its own image foodcourt-<app>:<version> from docker/Dockerfile, uncached, needing no other target', () => {
    for (const app of apps) {
      const target = (JSON.parse(nx('show', 'project', app, '--json')) as { targets: Record<string, { options: { command: string }; cache?: boolean; dependsOn?: unknown[]; inputs: string[] }> }).targets['docker-build']!;
      const command = execFileSync('sh', ['-c', `echo ${target.options.command.replace(/^docker /, '')}`], { cwd: WORKSPACE_ROOT, encoding: 'utf8' }).trim();
      expect({ app, command }).toEqual({ app, command: `build -f docker/Dockerfile --build-arg APP=${app} -t foodcourt-${app}:${version} .` });
      expect({ app, cache: target.cache, dependsOn: target.dependsOn ?? [] }).toEqual({ app, cache: false, dependsOn: [] });
      expect(target.inputs).toEqual(expect.arrayContaining(['production', '^production', '{workspaceRoot}/docker/**/*']));
    }
  });

  it('is affected, for a change to payments-core, in the images of payments-service and the monolith only', () => {
    const affected = nx('show', 'projects', '--affected', '--files=libs/payments/core/src/index.ts', '-t', 'docker-build').split('\n').filter(Boolean).sort();
    expect(affected).toEqual(['monolith', 'payments-service']);
  });
});
