import { transformFile } from '@swc/core';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { WORKSPACE_ROOT } from './report';

/**
 * Compiles apps/ and libs/ (no specs) to CommonJS under `outDir`, the way @swc-node/register does at
 * load time (same swc, decorators and their metadata, path aliases rewritten to relative paths), so a
 * binary can be started with plain `node <outDir>/apps/<app>/src/main.js`: what a build target would
 * give. Packages still resolve from the workspace's node_modules (outDir is inside the workspace).
 * Resolves with the number of files written.
 */
export async function compileAhead(outDir: string): Promise<number> {
  const { compilerOptions } = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  const files = [...sources(join(WORKSPACE_ROOT, 'apps')), ...sources(join(WORKSPACE_ROOT, 'libs'))];
  for (const file of files) {
    const { code } = await transformFile(file, {
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
    });
    const target = join(outDir, relative(WORKSPACE_ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
  }
  return files.length;
}

/** Every .ts file under `dir` that a binary may load: no specs, no declaration files, no node_modules. */
function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'e2e') yield* sources(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.spec.ts')) {
      yield path;
    }
  }
}
