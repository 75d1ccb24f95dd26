/**
 * The build target (tools/scripts/build-app.cjs, what the Docker image runs) against the sources
 * `npm start` runs: the compiled monolith must start with plain node and serve like the original.
 */
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UnitProcess, WORKSPACE_ROOT } from '@foodcourt/platform-testing';

// A plain CommonJS script (it runs before anything is compiled), loaded by its path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildApp } = require(join(WORKSPACE_ROOT, 'tools', 'scripts', 'build-app.cjs')) as {
  buildApp(app: string, outDir: string): Promise<{ entry: string; count: number }>;
};

jest.setTimeout(120_000);

describe('the build target', () => {
  // Inside the workspace, as dist/ is: packages resolve from its node_modules.
  const outDir = join(WORKSPACE_ROOT, 'tmp', `build-app-spec-${process.pid}`);
  let unit: UnitProcess | undefined;

  afterAll(async () => {
    await unit?.stop();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('compiles the monolith into a binary plain node starts, which serves the API with its error shapes', async () => {
    const { entry } = await buildApp('monolith', outDir);
    expect(relative(outDir, entry)).toBe(join('apps', 'monolith', 'src', 'main.js'));

    unit = await new UnitProcess({ entry: relative(WORKSPACE_ROOT, entry), dataDir: join(outDir, 'data'), name: 'built monolith' }).start();
    const products = await fetch(`${unit.url}/products`);
    expect(products.status).toBe(200);
    expect(await products.json()).toEqual(expect.objectContaining({ items: expect.any(Array) }));

    const login = await fetch(`${unit.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"not-an-email"}' });
    expect(login.status).toBe(400);
    expect(await login.json()).toEqual(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('refuses to build something that is not an app, naming it', async () => {
    await expect(buildApp('e2e', outDir)).rejects.toThrow('build-app: no app "e2e" (expected apps/e2e/src/main.ts)');
  });
});
