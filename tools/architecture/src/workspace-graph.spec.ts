/**
 * Checks the module rules on the REAL project graph of this workspace (every project.json and every
 * import Nx sees), so a forbidden dependency fails `npm test` even where no lint rule looks.
 */
import { type ArchGraph, findViolations, fromNxGraph, isDomainScope, renderMermaid } from './module-rules';

// Nx must compute the graph in-process, offline, without a daemon left behind.
process.env.NX_DAEMON = 'false';
process.env.NX_NO_CLOUD = 'true';

/** Projects the layout (DESIGN.md) promises; more may exist. */
const EXPECTED_PROJECTS = [
  'platform-runtime',
  'platform-persistence',
  'platform-messaging',
  'platform-testing',
  'orders-contract',
  'orders-core',
  'orders-http',
  'payments-contract',
  'payments-core',
  'payments-http',
  'notifications-contract',
  'notifications-core',
  'notifications-http',
  'monolith',
  'e2e',
  'architecture',
];

jest.setTimeout(120_000);

describe('the workspace project graph', () => {
  let graph: ArchGraph;

  beforeAll(async () => {
    // Imported here, not at the top, so that the environment above is set before Nx loads.
    const { createProjectGraphAsync } = await import('@nx/devkit');
    graph = fromNxGraph(await createProjectGraphAsync({ exitOnError: true }));
  });

  it('contains the expected projects', () => {
    expect(Object.keys(graph.nodes)).toEqual(expect.arrayContaining(EXPECTED_PROJECTS));
  });

  it('gives every project exactly one scope:* and one type:* tag', () => {
    const badlyTagged = Object.values(graph.nodes)
      .filter((p) => p.tags.filter((t) => t.startsWith('scope:')).length !== 1 || p.tags.filter((t) => t.startsWith('type:')).length !== 1)
      .map((p) => `${p.name}: [${p.tags.join(', ')}]`);
    expect(badlyTagged).toEqual([]);
  });

  it('tags each domain lib with its folder\'s domain and kind (libs/<domain>/<kind> -> scope:<domain>, type:<kind>)', () => {
    for (const name of EXPECTED_PROJECTS) {
      const match = /^(orders|payments|notifications)-(contract|core|http)$/.exec(name);
      if (match === null) continue;
      expect({ name, tags: [...graph.nodes[name].tags].sort() }).toEqual({ name, tags: [`scope:${match[1]}`, `type:${match[2]}`] });
    }
  });

  it('respects the module rules: no forbidden dependency, no cycle', () => {
    expect(findViolations(graph)).toEqual([]);
  });

  it('renders the domain diagram with every domain that has projects', () => {
    const text = renderMermaid(graph);
    const domains = new Set(
      Object.values(graph.nodes)
        .flatMap((p) => p.tags.filter((t) => t.startsWith('scope:')).map((t) => t.slice('scope:'.length)))
        .filter(isDomainScope),
    );
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    for (const domain of domains) expect(text).toContain(`["${domain}"]`);
    // The diagram only ever shows domains talking through contracts: any other label is a violation.
    for (const line of text.split('\n').filter((l) => l.includes('-->'))) expect(line).toMatch(/-->\|contract\| /);
  });
});
