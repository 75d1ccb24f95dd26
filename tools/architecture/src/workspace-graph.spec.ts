/**
 * Checks the module rules on the REAL project graph of this workspace (every project.json and every
 * import Nx sees), so a forbidden dependency fails `npm test` even where no lint rule looks.
 */
import { KNOWN_DOMAINS } from '@foodcourt/contract-registry';
import { type ArchGraph, findViolations, fromNxGraph, isDomainScope, renderMermaid } from './module-rules';

// Nx must compute the graph in-process, offline, without a daemon left behind.
process.env.NX_DAEMON = 'false';
process.env.NX_NO_CLOUD = 'true';

/** The business domains (the registry's, so a generated domain is checked too); each has a contract, a core and an http lib. */
const DOMAINS = [...KNOWN_DOMAINS];

/** Projects the layout (docs/architecture-rules.md) promises; more may exist. */
const EXPECTED_PROJECTS = [
  'platform-kernel',
  'platform-wire',
  'platform-transport-tcp',
  'platform-transport-nats',
  'platform-transport-rabbitmq',
  'platform-topology',
  'platform-ports',
  'platform-http',
  'platform-auth',
  'platform-persistence',
  'platform-messaging',
  'platform-observability',
  'platform-host',
  'platform-testing',
  'contract-registry',
  ...DOMAINS.flatMap((domain) => [`${domain}-contract`, `${domain}-core`, `${domain}-http`]),
  'monolith',
  'gateway',
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
      const match = /^([a-z]+)-(contract|core|http)$/.exec(name);
      if (match === null || !DOMAINS.includes(match[1])) continue;
      expect({ name, tags: [...graph.nodes[name].tags].sort() }).toEqual({ name, tags: [`scope:${match[1]}`, `type:${match[2]}`] });
    }
  });

  it("keeps every contract light: nothing it stands on, through any workspace lib, pulls in a transport, a database or token crypto", () => {
    const HEAVY = /^npm:(@nestjs\/microservices|typeorm|nats|@nats-io\/.*|amqplib|amqp-connection-manager|jose|pg|better-sqlite3)$/;
    const contracts = Object.values(graph.nodes).filter((p) => p.tags.includes('type:contract'));
    expect(contracts.map((c) => c.name).sort()).toEqual(DOMAINS.map((d) => `${d}-contract`).sort());
    const heavyUnder = (root: string): string[] => {
      const seen = new Set<string>([root]);
      const queue = [root];
      const heavy = new Set<string>();
      while (queue.length > 0) {
        for (const { target } of graph.dependencies[queue.shift()!] ?? []) {
          if (HEAVY.test(target)) heavy.add(`${target} (via ${[...seen].filter((n) => (graph.dependencies[n] ?? []).some((d) => d.target === target)).join(', ')})`);
          if (graph.nodes[target] && !seen.has(target)) {
            seen.add(target);
            queue.push(target);
          }
        }
      }
      return [...heavy];
    };
    expect(Object.fromEntries(contracts.map((c) => [c.name, heavyUnder(c.name)]))).toEqual(Object.fromEntries(contracts.map((c) => [c.name, []])));
    // The walk does see packages: the host, which wires every transport, stands on all of them.
    expect(heavyUnder('platform-host').map((h) => h.split(' ')[0])).toEqual(expect.arrayContaining(['npm:@nestjs/microservices', 'npm:typeorm', 'npm:amqplib']));
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
