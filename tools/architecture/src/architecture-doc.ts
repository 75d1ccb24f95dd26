/**
 * Renders docs/architecture.md from an ArchitectureModel. Pure: the same model gives the same text,
 * byte for byte (everything sorted, no date), so a spec can tell a stale committed file by
 * comparing strings.
 */
import type { ArchitectureModel, DocLinkModel, DomainModel, LayerRuleModel, LibraryModel } from './architecture-model';

/** The command that rewrites the file; the doc and the staleness spec both tell the reader to run it. */
export const REGENERATE_COMMAND = 'npm run docs:architecture';

/**
 * Rules of module-rules.ts that are not a row of ALLOWED_TARGET_TYPES (they look at scopes, not
 * layers), stated here so the layer table is not mistaken for the whole story.
 */
const SCOPE_RULES = [
  "a core may depend on cores of its own domain only: another domain is reached through its contract's port",
  "a domain's projects depend on their own domain, the platform, and other domains' contracts only",
  'the platform (`scope:platform`) depends on the platform only, never on a domain or an app',
  'no project depends on an app or an e2e suite, and no dependency cycle exists between projects',
];

const byName = (a: string, b: string): number => a.localeCompare(b);
const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort(byName);
const code = (value: string): string => `\`${value}\``;
const list = (values: string[], none: string): string => (values.length === 0 ? none : values.join(', '));

/** The node that events nobody consumes point at; the trailing `_` keeps it apart from any domain id. */
const NO_CONSUMER_ID = 'no_consumer_';

/** Mermaid ids may not hold `-` or `.` safely; labels carry the real name. */
const mermaidId = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_');

/** Event type -> the domains that publish it / consume it, from the per-domain lists. */
function eventIndex(domains: DomainModel[]): { publishers: Map<string, string[]>; consumers: Map<string, string[]> } {
  const publishers = new Map<string, string[]>();
  const consumers = new Map<string, string[]>();
  const add = (index: Map<string, string[]>, event: string, domain: string): void => {
    index.set(event, sorted([...(index.get(event) ?? []), domain]));
  };
  for (const domain of domains) {
    for (const event of domain.publishes) add(publishers, event, domain.name);
    for (const event of domain.consumes) add(consumers, event, domain.name);
  }
  return { publishers, consumers };
}

function intro(): string[] {
  return [
    '# Architecture',
    '',
    `> Generated from the code: do not edit by hand. Regenerate with \`${REGENERATE_COMMAND}\``,
    '> (`tools/architecture/src/write-architecture-doc.ts`); `nx test architecture` fails while this',
    '> file differs from what the code declares.',
    '',
    "The domains, their ports and events are read from the contracts' declarations (`definePort`,",
    '`defineEvent`, `<DOMAIN>_CONSUMES`, gathered by `libs/contract-registry`); the libraries, their',
    'layers and dependencies from the Nx project graph.',
    '',
  ];
}

function domainDiagram(domains: DomainModel[]): string[] {
  const { publishers, consumers } = eventIndex(domains);
  const lines = ['```mermaid', 'flowchart LR'];
  for (const domain of domains) lines.push(`  ${mermaidId(domain.name)}["${domain.name}"]`);

  for (const domain of domains) {
    for (const callee of sorted(domain.callsPortsOf)) lines.push(`  ${mermaidId(domain.name)} -->|port| ${mermaidId(callee)}`);
  }

  let unconsumed = false;
  for (const event of sorted(publishers.keys())) {
    const consumerIds = (consumers.get(event) ?? []).map(mermaidId);
    if (consumerIds.length === 0) unconsumed = true;
    for (const publisher of publishers.get(event)!) {
      for (const consumerId of consumerIds.length === 0 ? [NO_CONSUMER_ID] : consumerIds) {
        lines.push(`  ${mermaidId(publisher)} -.->|"${event}"| ${consumerId}`);
      }
    }
  }
  // An event nobody consumes is legal (a subscriber may come later), but worth seeing in the picture.
  if (unconsumed) lines.push(`  ${NO_CONSUMER_ID}(["no consumer"])`);
  lines.push('```', '');
  return [
    '## Domains, port calls and events',
    '',
    "Solid arrows: the domain's core or http lib injects the other domain's port (a synchronous call).",
    'Dotted arrows: an event, from the domain whose contract declares it to each domain whose contract',
    'lists it as consumed.',
    '',
    ...lines,
  ];
}

function domainTable(domain: DomainModel, publishers: Map<string, string[]>, consumers: Map<string, string[]>): string[] {
  const rows: string[] = [];
  for (const method of [...domain.portMethods].sort((a, b) => byName(a.name, b.name))) {
    rows.push(`| port method | ${code(method.name)} | ${method.idempotent ? 'idempotent' : 'not idempotent'}, times out after ${method.timeoutMs} ms |`);
  }
  for (const event of sorted(domain.publishes)) {
    rows.push(`| publishes | ${code(event)} | consumed by ${list(consumers.get(event) ?? [], 'nobody')} |`);
  }
  for (const event of sorted(domain.consumes)) {
    rows.push(`| consumes | ${code(event)} | published by ${list(publishers.get(event) ?? [], 'no domain (no contract declares it)')} |`);
  }
  for (const callee of sorted(domain.callsPortsOf)) rows.push(`| calls the port of | ${callee} | |`);
  if (rows.length === 0) rows.push('| nothing | | |');
  return [`### ${domain.name}`, '', '| declares | name | |', '|---|---|---|', ...rows, ''];
}

function domainTables(domains: DomainModel[]): string[] {
  const { publishers, consumers } = eventIndex(domains);
  return ['## Each domain', '', ...domains.flatMap((domain) => domainTable(domain, publishers, consumers))];
}

function libraryDiagram(libraries: LibraryModel[], dependencies: [string, string][], layerOrder: string[]): string[] {
  const layers = sorted(libraries.map((l) => l.layer)).sort((a, b) => rank(layerOrder, a) - rank(layerOrder, b));
  const lines = ['```mermaid', 'flowchart BT'];
  for (const layer of layers) {
    lines.push(`  subgraph layer_${mermaidId(layer)}["${layer}"]`);
    for (const library of sorted(libraries.filter((l) => l.layer === layer).map((l) => l.name))) {
      lines.push(`    ${mermaidId(library)}["${library}"]`);
    }
    lines.push('  end');
  }
  const known = new Set(libraries.map((l) => l.name));
  const edges = sorted(dependencies.filter(([from, to]) => known.has(from) && known.has(to) && from !== to).map(([from, to]) => `${from}\u0000${to}`));
  for (const edge of edges) {
    const [from, to] = edge.split('\u0000');
    lines.push(`  ${mermaidId(from)} --> ${mermaidId(to)}`);
  }
  lines.push('```', '');
  return [
    '## Platform libraries by layer',
    '',
    'An arrow is a dependency in the Nx project graph (an import, in sources or specs); lower layers are',
    'drawn lower. Dependencies on domain contracts (the registry has them) are left out.',
    '',
    ...lines,
  ];
}

/** Position of a layer in the table's order; layers the table does not know go last. */
function rank(order: string[], layer: string): number {
  const index = order.indexOf(layer);
  return index === -1 ? order.length : index;
}

function layerRulesTable(rules: LayerRuleModel[]): string[] {
  const rows = rules.map(
    (rule) => `| ${code(rule.layer)} | ${list(sorted(rule.projects).map(code), '—')} | ${list(rule.mayDependOn.map(code), 'nothing')} |`,
  );
  return [
    '## Layer rules',
    '',
    'Which layer (`type:*` tag) may depend on which, from `ALLOWED_TARGET_TYPES` in',
    '`tools/architecture/src/module-rules.ts`; `eslint.config.mjs` (`depConstraints`) enforces the same',
    'table on imports, `nx test architecture` on the whole project graph. On top of it:',
    '',
    ...SCOPE_RULES.map((rule) => `- ${rule[0].toUpperCase()}${rule.slice(1)}.`),
    '',
    '| layer | projects | may depend on |',
    '|---|---|---|',
    ...rows,
    '',
  ];
}

function links(title: string, text: string, entries: DocLinkModel[]): string[] {
  return [`## ${title}`, '', text, '', ...entries.map((entry) => `- [${entry.title}](${entry.href})`), ''];
}

export function renderArchitectureDoc(model: ArchitectureModel): string {
  const domains = [...model.domains].sort((a, b) => byName(a.name, b.name));
  const lines = [
    ...intro(),
    ...domainDiagram(domains),
    ...domainTables(domains),
    ...libraryDiagram(model.libraries, model.libraryDependencies, model.layerRules.map((r) => r.layer)),
    ...layerRulesTable(model.layerRules),
    ...links('Design invariants', 'The rules the lint config and the graph check cite, each explained in `docs/architecture-rules.md`:', model.rules),
    ...links('Decisions', 'Why the code is shaped this way (`docs/adr/`):', model.decisions),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
