#!/usr/bin/env node
/**
 * Build target of every app (`nx build <app>`, `npm run build`): compiles the app and the workspace
 * libraries to CommonJS under dist/apps/<app>/ with swc — the same transform @swc-node/register applies
 * at load time for `npm start` (decorators and their metadata, path aliases rewritten to relative
 * paths) — so the app starts with plain `node dist/apps/<app>/apps/<app>/src/main.js`: no compiler
 * loaded at start-up, less memory. Packages still resolve from the workspace's node_modules (dist/ is
 * inside the workspace; the Docker image keeps the same layout). Type errors are `nx typecheck`'s job.
 *
 *   node tools/scripts/build-app.cjs <app> [outDir]
 */
const { transformFile } = require('@swc/core');
const { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const WORKSPACE_ROOT = resolve(__dirname, '..', '..');

/** Every .ts file under `dir` an app may load: no specs, no declaration files, no node_modules, no e2e suite. */
function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'e2e') yield* sources(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.spec.ts')) {
      yield path;
    }
  }
}

/**
 * Compiles `files` (absolute paths inside the workspace) into `outDir`, keeping their paths relative
 * to the workspace root. Resolves with the number of files written.
 */
async function compileTo(outDir, files) {
  const { compilerOptions } = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'tsconfig.base.json'), 'utf8'));
  for (const file of files) {
    const { code, map } = await transformFile(file, {
      swcrc: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
        baseUrl: WORKSPACE_ROOT,
        paths: compilerOptions.paths,
      },
      module: { type: 'commonjs' },
      // Beside the code, not inline: read only when node runs with --enable-source-maps.
      sourceMaps: true,
      sourceFileName: relative(dirname(join(outDir, relative(WORKSPACE_ROOT, file))), file),
    });
    const target = join(outDir, relative(WORKSPACE_ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${target.slice(dirname(target).length + 1)}.map\n`);
    writeFileSync(`${target}.map`, map);
  }
  return files.length;
}

/** Compiles `app` and every library into `outDir` (emptied first). Resolves with the entry file. */
async function buildApp(app, outDir = join(WORKSPACE_ROOT, 'dist', 'apps', app)) {
  const appDir = join(WORKSPACE_ROOT, 'apps', app);
  if (!/^[a-z0-9-]+$/.test(app) || app === 'e2e' || !existsSync(join(appDir, 'src', 'main.ts'))) {
    throw new Error(`build-app: no app "${app}" (expected apps/${app}/src/main.ts)`);
  }
  rmSync(outDir, { recursive: true, force: true });
  const files = [...sources(appDir), ...sources(join(WORKSPACE_ROOT, 'libs'))];
  const count = await compileTo(outDir, files);
  const entry = join(outDir, 'apps', app, 'src', 'main.js');
  return { entry, count };
}

module.exports = { buildApp, compileTo, sources, WORKSPACE_ROOT };

if (require.main === module) {
  const [app, outDir] = process.argv.slice(2);
  if (!app) {
    process.stderr.write('usage: node tools/scripts/build-app.cjs <app> [outDir]\n');
    process.exit(2);
  }
  const started = Date.now();
  buildApp(app, outDir && resolve(outDir)).then(
    ({ entry, count }) => process.stdout.write(`build-app: ${app}: ${count} files compiled in ${Date.now() - started} ms → node ${relative(process.cwd(), entry)}\n`),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
