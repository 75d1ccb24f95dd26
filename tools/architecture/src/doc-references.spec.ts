/**
 * Lint messages, rule comments and code cite design documents ("docs/architecture-rules.md, rule 2",
 * "ADR 5", "README.md"): each citation must name a file of this repository, so a reader who
 * follows it finds the rule. Fails on a citation of a document that was moved, renamed or never
 * written.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './read-architecture';

/** Where citations live: the lint config and every project's sources. */
const CITING_ROOTS = ['eslint.config.mjs', 'libs', 'apps', 'tools', 'bench'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'tmp', 'data', 'coverage', '.nx']);

function citingFiles(path: string): string[] {
  const absolute = join(WORKSPACE_ROOT, path);
  if (!existsSync(absolute)) return [];
  if (/\.(ts|mjs|cjs)$/.test(path)) return [path];
  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => (entry.isDirectory() ? !SKIPPED_DIRS.has(entry.name) : true))
    .flatMap((entry) => (entry.isDirectory() || /\.(ts|mjs|cjs)$/.test(entry.name) ? citingFiles(join(path, entry.name)) : []));
}

interface Citation {
  file: string;
  cited: string;
  exists: boolean;
}

const adrFiles = readdirSync(join(WORKSPACE_ROOT, 'docs', 'adr'));
const rulesText = readFileSync(join(WORKSPACE_ROOT, 'docs', 'architecture-rules.md'), 'utf8');

function citationsIn(file: string): Citation[] {
  const text = readFileSync(join(WORKSPACE_ROOT, file), 'utf8');
  const citations: Citation[] = [];
  // A path under docs/, or a document at the root in capitals (README.md, BENCHMARKS.md).
  for (const [cited] of text.matchAll(/\bdocs\/[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md\b|(?<![\w./-])[A-Z][A-Z0-9_-]*\.md\b/g)) {
    citations.push({ file, cited, exists: existsSync(join(WORKSPACE_ROOT, cited)) });
  }
  for (const [cited, number] of text.matchAll(/\bADR (\d+)\b/g)) {
    citations.push({ file, cited, exists: adrFiles.some((adr) => adr.startsWith(`${number.padStart(4, '0')}-`)) });
  }
  for (const [cited, number] of text.matchAll(/docs\/architecture-rules\.md, rule (\d+)/g)) {
    citations.push({ file, cited, exists: new RegExp(`^## ${number}\\. `, 'm').test(rulesText) });
  }
  return citations;
}

describe('citations of design documents', () => {
  const citations = CITING_ROOTS.flatMap(citingFiles).flatMap(citationsIn);

  it('are found (the scan reads the lint config and the sources)', () => {
    expect(citations.map((c) => c.cited)).toEqual(expect.arrayContaining(['docs/architecture-rules.md', 'ADR 5']));
  });

  it('each name a document of this repository', () => {
    const missing = citations.filter((c) => !c.exists).map((c) => `${c.file}: ${c.cited}`);
    expect(missing).toEqual([]);
  });
});
