import { stringify } from 'yaml';

/** One file of a rendered deployment, its path relative to the output folder (deploy/<topology>). */
export interface RenderedFile {
  path: string;
  content: string;
}

/** The command that regenerates a folder, named in every header and in every stale-file message. */
export function renderCommand(source: string, out: string, db: string): string {
  return `npm run deploy:render -- --topology ${source} --out ${out}${db === 'sqlite' ? '' : ` --db ${db}`}`;
}

/** The "do not edit" header every rendered file starts with. */
export function header(source: string, command: string): string {
  return `# Rendered from ${source} by tools/deploy: do not edit, run\n#   ${command}\n`;
}

/** YAML documents, one per object, without anchors (every object spelt out for kubectl and review). */
export function yamlDocuments(objects: readonly unknown[]): string {
  return objects.map((o) => stringify(o, { aliasDuplicateObjects: false, lineWidth: 0 })).join('---\n');
}
