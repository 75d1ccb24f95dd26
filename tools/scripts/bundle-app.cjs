#!/usr/bin/env node
/**
 * Build target of every app (`nx build <app>`, nx.json targetDefaults): bundles apps/<app>/src/main.ts
 * and the workspace libraries it imports — those only — into dist/apps/<app>/main.js with esbuild.
 * Every npm package stays external and loads from node_modules; dist/apps/<app>/package.json lists
 * the ones the bundle imports (esbuild's metafile) at the root lockfile's versions, and
 * package-lock.json pins their trees (nx's createLockFile), so the Docker image installs only those.
 *
 * esbuild emits no decorator metadata (`design:paramtypes`), which Nest's DI reads: every .ts file
 * goes through @swc/core first, with the transform of jest.preset.cjs and @swc-node/register.
 *
 *   node tools/scripts/bundle-app.cjs <app> [outDir] [--no-lock]
 */
const { build } = require('esbuild');
const { transformFile } = require('@swc/core');
const { builtinModules } = require('node:module');
const { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const WORKSPACE_ROOT = resolve(__dirname, '..', '..');
/** What a unit reads at run time beside its code: the topology files `--topology`/TOPOLOGY name. */
const RUNTIME_ASSETS = ['topology'];

/**
 * Packages the bundle's externals load by name from inside node_modules, which the metafile cannot
 * see and npm does not install on its own (optional peer dependencies): TypeORM's drivers for
 * DB_DRIVER=sqlite|postgres, the static-file plugin serving Swagger UI on Fastify, and amqplib.
 */
const RUNTIME_PEERS = {
  typeorm: ['better-sqlite3', 'pg'],
  '@nestjs/swagger': ['@fastify/static'],
  'amqp-connection-manager': ['amqplib'],
};

const SWC_OPTIONS = {
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  // ES modules out, so esbuild links the imports (tsconfig paths included) and drops unused ones.
  module: { type: 'es6' },
  sourceMaps: true,
};

/** Decorators and their metadata by swc; the source map chains back to the .ts file. */
const swcPlugin = {
  name: 'swc-decorator-metadata',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const { code, map } = await transformFile(path, { ...SWC_OPTIONS, filename: path });
      const inline = Buffer.from(map).toString('base64');
      return { contents: `${code}\n//# sourceMappingURL=data:application/json;base64,${inline}`, loader: 'js' };
    });
  },
};

/** Bare specifiers that are not workspace aliases load from node_modules at run time. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, ({ path }) => (path.startsWith('@foodcourt/') ? undefined : { path, external: true }));
  },
};

/** "@scope/name/sub" → "@scope/name", "name/sub" → "name"; undefined for Node's own modules. */
function packageOf(specifier) {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The exact version the workspace installs: root package.json, else the lockfile. */
function versionOf(name, rootPackage, lock) {
  const declared = rootPackage.dependencies?.[name] ?? rootPackage.devDependencies?.[name];
  const locked = lock.packages?.[`node_modules/${name}`]?.version;
  if (!locked && !declared) throw new Error(`bundle-app: the bundle imports ${name}, which the workspace does not install`);
  return locked ?? declared;
}

/** package-lock.json for the pruned manifest, through nx's own pruning (needs the project graph). */
async function prunedLockFile(manifest) {
  const { createProjectGraphAsync } = require('@nx/devkit');
  const { createLockFile } = require('@nx/js');
  const graph = await createProjectGraphAsync({ exitOnError: false });
  return createLockFile(structuredClone(manifest), graph, 'npm');
}

/** Bundles `app` into `outDir` (emptied first). Resolves with the entry, the packages it imports and its size. */
async function bundleApp(app, outDir = join(WORKSPACE_ROOT, 'dist', 'apps', app), { lockFile = true } = {}) {
  const appDir = join(WORKSPACE_ROOT, 'apps', app);
  if (!/^[a-z0-9-]+$/.test(app) || app === 'e2e' || !existsSync(join(appDir, 'src', 'main.ts'))) {
    throw new Error(`build-app: no app "${app}" (expected apps/${app}/src/main.ts)`);
  }
  rmSync(outDir, { recursive: true, force: true });
  const entry = join(outDir, 'main.js');
  const result = await build({
    absWorkingDir: WORKSPACE_ROOT,
    entryPoints: [join(appDir, 'src', 'main.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // Class names survive bundling (esbuild renames colliding top-level names): TypeORM and Nest read them.
    keepNames: true,
    tsconfig: join(WORKSPACE_ROOT, 'tsconfig.base.json'),
    plugins: [externalPackages, swcPlugin],
    metafile: true,
    logLevel: 'warning',
  });

  const imported = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const i of output.imports) if (i.external && packageOf(i.path)) imported.add(packageOf(i.path));
  }
  const rootPackage = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package-lock.json'), 'utf8'));
  for (const [name, peers] of Object.entries(RUNTIME_PEERS)) if (imported.has(name)) for (const peer of peers) imported.add(peer);
  const packages = [...imported].sort();
  const manifest = {
    name: `@foodcourt/${app}`,
    version: rootPackage.version,
    private: true,
    license: rootPackage.license,
    engines: rootPackage.engines,
    main: 'main.js',
    scripts: { start: 'node main.js' },
    dependencies: Object.fromEntries(packages.map((name) => [name, versionOf(name, rootPackage, lock)])),
  };
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (lockFile) writeFileSync(join(outDir, 'package-lock.json'), await prunedLockFile(manifest));
  for (const asset of RUNTIME_ASSETS) cpSync(join(WORKSPACE_ROOT, asset), join(outDir, asset), { recursive: true });
  return { entry, packages, metafile: result.metafile, bytes: result.metafile.outputs[relative(WORKSPACE_ROOT, entry)]?.bytes ?? 0 };
}

module.exports = { bundleApp, packageOf, WORKSPACE_ROOT };

if (require.main === module) {
  const args = process.argv.slice(2);
  const [app, outDir] = args.filter((a) => !a.startsWith('--'));
  if (!app) {
    process.stderr.write('usage: node tools/scripts/bundle-app.cjs <app> [outDir] [--no-lock]\n');
    process.exit(2);
  }
  const started = Date.now();
  bundleApp(app, outDir && resolve(outDir), { lockFile: !args.includes('--no-lock') }).then(
    ({ entry, packages, bytes }) =>
      process.stdout.write(
        `build-app: ${app}: ${(bytes / 1024).toFixed(0)} KiB in ${Date.now() - started} ms → node ${relative(process.cwd(), entry)}\n` +
          `  imports ${packages.length} packages: ${packages.join(', ')}\n`,
      ),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
