/**
 * The build target (tools/scripts/bundle-app.cjs, what the Docker image runs) against the sources
 * `npm start` runs: the bundled monolith must start with plain node and serve like the original.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UnitProcess, WORKSPACE_ROOT } from '@foodcourt/platform-testing';

// A plain CommonJS script (it runs before anything is compiled), loaded by its path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleApp } = require(join(WORKSPACE_ROOT, 'tools', 'scripts', 'bundle-app.cjs')) as {
  bundleApp(app: string, outDir: string, options?: { lockFile?: boolean }): Promise<{ entry: string; packages: string[] }>;
};

jest.setTimeout(120_000);

const rootPackage = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('the build target', () => {
  // Inside the workspace, as dist/ is: packages resolve from its node_modules.
  const outDir = join(WORKSPACE_ROOT, 'tmp', `build-app-spec-${process.pid}`);
  let unit: UnitProcess | undefined;

  afterAll(async () => {
    await unit?.stop();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('bundles the monolith into one file plain node starts, which serves the API with its error shapes', async () => {
    // The lock file needs the project graph; build-cache.spec.ts checks it through `nx build`.
    const { entry, packages } = await bundleApp('monolith', outDir, { lockFile: false });
    expect(relative(outDir, entry)).toBe('main.js');
    expect(readdirSync(outDir).sort()).toEqual(['main.js', 'main.js.map', 'package.json', 'topology']);
    // The pruned manifest names what the bundle imports, at the workspace's versions, and no tooling.
    const manifest = JSON.parse(readFileSync(join(outDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toEqual(packages);
    expect(manifest.dependencies).toEqual(expect.objectContaining({ '@nestjs/core': rootPackage.dependencies['@nestjs/core'], typeorm: rootPackage.dependencies['typeorm'], 'better-sqlite3': expect.any(String) }));
    expect(packages.filter((name) => name in rootPackage.devDependencies)).toEqual([]);

    unit = await new UnitProcess({ entry: relative(WORKSPACE_ROOT, entry), dataDir: join(outDir, 'data'), name: 'built monolith' }).start();
    const products = await fetch(`${unit.url}/products`);
    expect(products.status).toBe(200);
    expect(await products.json()).toEqual(expect.objectContaining({ items: expect.any(Array) }));

    const login = await fetch(`${unit.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"not-an-email"}' });
    expect(login.status).toBe(400);
    expect(await login.json()).toEqual(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('refuses to build something that is not an app, naming it', async () => {
    await expect(bundleApp('e2e', outDir)).rejects.toThrow('build-app: no app "e2e" (expected apps/e2e/src/main.ts)');
  });
});
