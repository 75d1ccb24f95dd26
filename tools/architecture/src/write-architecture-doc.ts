/**
 * Rewrites docs/architecture.md from the code: `npm run docs:architecture` (nx run architecture:docs).
 * architecture-doc-fresh.spec.ts fails while the committed file differs from what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { renderArchitectureDoc } from './architecture-doc';
import { ARCHITECTURE_DOC, readArchitecture, WORKSPACE_ROOT } from './read-architecture';

async function main(): Promise<void> {
  const model = await readArchitecture();
  const text = renderArchitectureDoc(model);
  const before = (() => {
    try {
      return readFileSync(ARCHITECTURE_DOC, 'utf8');
    } catch {
      return undefined;
    }
  })();
  const path = relative(WORKSPACE_ROOT, ARCHITECTURE_DOC);
  if (before === text) {
    console.log(`${path} is up to date (${model.domains.length} domains, ${model.libraries.length} platform libraries)`);
    return;
  }
  writeFileSync(ARCHITECTURE_DOC, text);
  console.log(`wrote ${path}: ${model.domains.length} domains, ${model.libraries.length} platform libraries, ${text.split('\n').length - 1} lines`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
