/**
 * docs/architecture.md is generated: this fails while the committed file differs from what the
 * code declares now (a port method, an event, a consumer or a library dependency changed).
 */
import { readFileSync } from 'node:fs';
import { renderArchitectureDoc, REGENERATE_COMMAND } from './architecture-doc';
import { ARCHITECTURE_DOC, readArchitecture } from './read-architecture';

jest.setTimeout(120_000);

/** The first line that differs, so the failure says what changed without a 200-line diff. */
function firstDifference(committed: string, expected: string): string {
  const a = committed.split('\n');
  const b = expected.split('\n');
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}:\n  committed: ${a[at] ?? '(end of file)'}\n  generated: ${b[at] ?? '(end of file)'}`;
}

describe('docs/architecture.md', () => {
  it('is what the code declares now', async () => {
    const expected = renderArchitectureDoc(await readArchitecture());
    let committed: string;
    try {
      committed = readFileSync(ARCHITECTURE_DOC, 'utf8');
    } catch {
      throw new Error(`docs/architecture.md is missing: run \`${REGENERATE_COMMAND}\` and commit it`);
    }
    if (committed !== expected) {
      throw new Error(`docs/architecture.md is stale: run \`${REGENERATE_COMMAND}\` and commit it.\nFirst difference at ${firstDifference(committed, expected)}`);
    }
  });
});
