/**
 * Static checks of docker/Dockerfile and its ignore file: no Docker engine runs where the tests
 * run, so what would only fail at `docker build` is caught here. The image holds one app (APP).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../../..');
const DOCKERFILE = join(ROOT, 'docker/Dockerfile');
const DOCKERIGNORE = join(ROOT, 'docker/Dockerfile.dockerignore');

/** The Dockerfile as instructions ("FROM node:24 AS deps"), continuation lines joined, comments dropped. */
function dockerInstructions(text: string): string[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

describe('docker/Dockerfile', () => {
  const instructions = dockerInstructions(readFileSync(DOCKERFILE, 'utf8'));
  const stageStarts = instructions.map((i, n) => (i.startsWith('FROM ') ? n : -1)).filter((n) => n >= 0);
  const stage = (name: string) => {
    const start = instructions.findIndex((i) => i.startsWith('FROM ') && i.endsWith(` AS ${name}`));
    const end = stageStarts.find((n) => n > start) ?? instructions.length;
    return instructions.slice(start, end);
  };
  const lastStage = instructions.slice(stageStarts[stageStarts.length - 1]);
  const ignored = readFileSync(DOCKERIGNORE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('builds on Node 24 in stages and installs the build tools with npm ci from the lock file', () => {
    const nodeImage = instructions.find((i) => /^ARG NODE_IMAGE=/.test(i))?.split('=')[1] ?? '';
    const stages: string[] = [];
    for (const from of instructions.filter((i) => i.startsWith('FROM '))) {
      const [, base, name] = /^FROM (\S+) AS ([-\w]+)$/.exec(from.replace('${NODE_IMAGE}', nodeImage)) ?? [];
      expect({ from, base: stages.includes(base!) ? 'an earlier stage' : base }).toEqual({ from, base: expect.stringMatching(/^(node:24[-.\w]*|an earlier stage)$/) });
      stages.push(name!);
    }
    expect(stages).toEqual(['deps', 'build', 'prod-deps', 'runtime']);
    expect(stage('deps')).toContain('COPY package.json package-lock.json ./');
    expect(stage('deps').some((i) => /^RUN npm ci\b/.test(i))).toBe(true);
  });

  it('builds only APP (default the monolith) with the build target script', () => {
    expect(instructions.find((i) => /^ARG APP=/.test(i))).toBe('ARG APP=monolith');
    expect(existsSync(join(ROOT, 'apps/monolith/src/main.ts'))).toBe(true);
    expect(stage('build')).toContain('RUN node tools/scripts/bundle-app.cjs "$APP"');
    // The same script as the build target of nx.json.
    const nx = JSON.parse(readFileSync(join(ROOT, 'nx.json'), 'utf8')) as { targetDefaults: { build: { options: { command: string } } } };
    expect(nx.targetDefaults.build.options.command).toBe('node tools/scripts/bundle-app.cjs {projectName}');
  });

  it('installs only the production dependencies of that bundle, from its pruned manifest and lock file', () => {
    expect(stage('prod-deps')).toContain('COPY --from=build /app/dist/apps/${APP}/package.json /app/dist/apps/${APP}/package-lock.json ./');
    expect(stage('prod-deps')).toContain('RUN npm ci --omit=dev --no-audit --no-fund');
    expect(lastStage).toContain('COPY --from=prod-deps /prod/node_modules ./node_modules');
    expect(lastStage).toContain('COPY --from=build /app/dist/apps/${APP}/ ./');
    // Nothing else of the workspace reaches the runtime stage.
    expect(lastStage.filter((i) => i.startsWith('COPY ') && !i.includes('--from='))).toEqual([]);
  });

  it('runs the bundle as a non-root user with a health check on /health/ready', () => {
    const user = lastStage.filter((i) => i.startsWith('USER ')).pop();
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(lastStage.find((i) => i.startsWith('HEALTHCHECK '))).toContain('/health/ready');
    expect(parse(lastStage.find((i) => i.startsWith('CMD '))!.slice(4))).toEqual(['node', 'main.js']);
  });

  it('copies what the build needs, none of which the ignore file drops', () => {
    const copied = instructions.filter((i) => i.startsWith('COPY ') && !i.includes('--from=')).flatMap((i) => i.split(/\s+/).slice(1, -1));
    expect(copied).toEqual(expect.arrayContaining(['tsconfig.base.json', 'nx.json', 'tools/scripts/bundle-app.cjs', 'libs', 'apps', 'topology']));
    for (const path of copied) expect({ path, exists: existsSync(join(ROOT, path)) }).toEqual({ path, exists: true });
    expect(ignored.filter((pattern) => copied.includes(pattern) || ['apps/gateway', 'libs/platform'].includes(pattern))).toEqual([]);
    expect(ignored.indexOf('!tools/scripts/bundle-app.cjs')).toBeGreaterThan(ignored.indexOf('tools'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/data', '**/dist']));
  });
});
