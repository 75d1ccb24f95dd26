/**
 * The rules and decisions already written down in docs/, as links: their headings are read from
 * the files, so the generated doc never cites a rule or an ADR that is not in the repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocLinkModel } from './architecture-model';

/** The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces to `-`. */
export function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** The `## ` sections of docs/architecture-rules.md, each linked at its anchor. */
export function readRuleLinks(docsDir: string, file = 'architecture-rules.md'): DocLinkModel[] {
  return readFileSync(join(docsDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('## '))
    .map((line) => line.slice(3).trim())
    .map((title) => ({ title, href: `${file}#${headingAnchor(title)}` }));
}

/** Every ADR in docs/adr/, by file name (numbered, so sorted is chronological), titled by its `# ` line. */
export function readDecisionLinks(docsDir: string): DocLinkModel[] {
  return readdirSync(join(docsDir, 'adr'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => {
      const heading = readFileSync(join(docsDir, 'adr', file), 'utf8').split('\n').find((line) => line.startsWith('# '));
      return { title: heading === undefined ? file : heading.slice(2).trim(), href: `adr/${file}` };
    });
}
