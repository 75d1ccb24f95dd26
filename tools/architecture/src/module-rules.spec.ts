import { type ArchGraph, findViolations, fromNxGraph, renderMermaid } from './module-rules';

/** The workspace layout (docs/architecture-rules.md) as fixture projects, by name -> tags. */
const PROJECTS: Record<string, string[]> = {
  'platform-kernel': ['scope:platform', 'type:kernel'],
  'platform-ports': ['scope:platform', 'type:platform'],
  'platform-messaging': ['scope:platform', 'type:platform'],
  'platform-testing': ['scope:platform', 'type:platform'],
  'orders-contract': ['scope:orders', 'type:contract'],
  'orders-core': ['scope:orders', 'type:core'],
  'orders-http': ['scope:orders', 'type:http'],
  'payments-contract': ['scope:payments', 'type:contract'],
  'payments-core': ['scope:payments', 'type:core'],
  'payments-http': ['scope:payments', 'type:http'],
  'notifications-contract': ['scope:notifications', 'type:contract'],
  'notifications-core': ['scope:notifications', 'type:core'],
  monolith: ['scope:app', 'type:app'],
  e2e: ['scope:app', 'type:e2e'],
  architecture: ['scope:tooling', 'type:tooling'],
};

/** Edges every legal workspace may have. */
const LEGAL_EDGES: [string, string][] = [
  ['platform-messaging', 'platform-ports'],
  ['platform-ports', 'platform-kernel'],
  ['platform-testing', 'platform-ports'],
  ['orders-contract', 'platform-kernel'],
  ['payments-contract', 'orders-contract'],
  ['orders-core', 'orders-contract'],
  ['orders-core', 'payments-contract'], // a core calls another domain through its port
  ['orders-core', 'platform-messaging'],
  ['orders-core', 'npm:typeorm'], // external nodes are ignored
  ['orders-http', 'orders-contract'],
  ['orders-http', 'platform-ports'],
  ['payments-core', 'payments-contract'],
  ['payments-http', 'payments-contract'],
  ['notifications-core', 'orders-contract'],
  ['notifications-core', 'payments-contract'],
  ['monolith', 'orders-core'],
  ['monolith', 'orders-http'],
  ['monolith', 'payments-core'],
  ['monolith', 'payments-http'],
  ['monolith', 'notifications-core'],
  ['monolith', 'platform-ports'],
  ['e2e', 'platform-testing'],
  ['e2e', 'orders-contract'],
];

function graph(extraEdges: [string, string][] = [], projects: Record<string, string[]> = PROJECTS): ArchGraph {
  const nodes: ArchGraph['nodes'] = {};
  for (const [name, tags] of Object.entries(projects)) nodes[name] = { name, tags };
  const dependencies: ArchGraph['dependencies'] = {};
  for (const name of Object.keys(projects)) dependencies[name] = [];
  for (const [source, target] of [...LEGAL_EDGES, ...extraEdges]) {
    (dependencies[source] ??= []).push({ target });
  }
  return { nodes, dependencies };
}

describe('findViolations', () => {
  it('accepts a legal graph (a core using another domain\'s contract, apps using cores)', () => {
    expect(findViolations(graph())).toEqual([]);
  });

  it('ignores external npm: nodes and self edges', () => {
    expect(findViolations(graph([['payments-core', 'npm:pg'], ['payments-core', 'payments-core']]))).toEqual([]);
  });

  it('rejects a core depending on another domain\'s core (orders-core -> payments-core)', () => {
    const violations = findViolations(graph([['orders-core', 'payments-core']]));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/^forbidden: orders-core .* -> payments-core .*another domain's core/);
  });

  it('allows a core to depend on another core of its own domain (as the lint rule does)', () => {
    const projects = { ...PROJECTS, 'orders-core-pricing': ['scope:orders', 'type:core'] };
    expect(findViolations(graph([['orders-core', 'orders-core-pricing']], projects))).toEqual([]);
  });

  it('rejects a core depending on another domain\'s http lib', () => {
    const violations = findViolations(graph([['orders-core', 'payments-http']]));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/^forbidden: orders-core .* -> payments-http .*http/);
  });

  it('rejects an http lib depending on its own domain\'s core (payments-http -> payments-core)', () => {
    const violations = findViolations(graph([['payments-http', 'payments-core']]));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/^forbidden: payments-http .* -> payments-core .*never on a core/);
  });

  it('rejects an http lib depending on another domain\'s http lib', () => {
    expect(findViolations(graph([['orders-http', 'payments-http']]))).toEqual([
      expect.stringMatching(/^forbidden: orders-http .* -> payments-http /),
    ]);
  });

  it('rejects a contract depending on a core (notifications-contract -> notifications-core)', () => {
    const violations = findViolations(graph([['notifications-contract', 'notifications-core']]));
    expect(violations).toEqual([expect.stringMatching(/^forbidden: notifications-contract .* -> notifications-core .*only an app/)]);
  });

  it('reports both the forbidden edge and the cycle it closes (orders-contract -> orders-core)', () => {
    const violations = findViolations(graph([['orders-contract', 'orders-core']]));
    expect(violations).toEqual([
      expect.stringMatching(/^forbidden: orders-contract .* -> orders-core /),
      'cycle: orders-contract -> orders-core -> orders-contract (the cycle group also holds: payments-contract)',
    ]);
  });

  it('rejects a transport depending on another transport, and a contract on anything but the kernel and contracts', () => {
    const projects = {
      ...PROJECTS,
      'platform-wire': ['scope:platform', 'type:wire'],
      'platform-transport-tcp': ['scope:platform', 'type:transport', 'transport:tcp'],
      'platform-transport-nats': ['scope:platform', 'type:transport', 'transport:nats'],
    };
    expect(findViolations(graph([['platform-transport-nats', 'platform-wire'], ['platform-transport-tcp', 'platform-kernel']], projects))).toEqual([]);
    expect(findViolations(graph([['platform-transport-nats', 'platform-transport-tcp']], projects))).toEqual([
      expect.stringMatching(/^forbidden: platform-transport-nats .* -> platform-transport-tcp .*a transport may not depend on another transport/),
    ]);
    expect(findViolations(graph([['orders-contract', 'platform-ports']], projects))).toEqual([
      expect.stringMatching(/^forbidden: orders-contract .* -> platform-ports .*a contract may depend only on the kernel and other contracts/),
    ]);
  });

  it('rejects a contract depending on an http lib', () => {
    expect(findViolations(graph([['notifications-contract', 'payments-http']]))).toEqual([
      expect.stringMatching(/^forbidden: notifications-contract .* -> payments-http .*contract may depend only on the kernel and other contracts/),
    ]);
  });

  it('rejects the platform depending on a domain, even on its contract', () => {
    expect(findViolations(graph([['platform-messaging', 'orders-contract']]))).toEqual([
      expect.stringMatching(/^forbidden: platform-messaging .* -> orders-contract .*platform/),
    ]);
  });

  it('rejects any project depending on an app or on the e2e suite', () => {
    const violations = findViolations(graph([
      ['notifications-contract', 'monolith'],
      ['monolith', 'e2e'],
    ]));
    expect(violations).toEqual([
      expect.stringMatching(/^forbidden: monolith .* -> e2e .*e2e suite/),
      expect.stringMatching(/^forbidden: notifications-contract .* -> monolith .*application/),
    ]);
  });

  it('rejects the e2e suite reaching into a core (it is black-box)', () => {
    expect(findViolations(graph([['e2e', 'orders-core']]))).toEqual([
      expect.stringMatching(/^forbidden: e2e .* -> orders-core /),
    ]);
  });

  it('finds a dependency cycle between two contracts (each edge alone is legal)', () => {
    // LEGAL_EDGES has payments-contract -> orders-contract; close the loop.
    const violations = findViolations(graph([['orders-contract', 'payments-contract']]));
    expect(violations).toEqual(['cycle: orders-contract -> payments-contract -> orders-contract']);
  });

  it('finds a longer cycle and reports it once', () => {
    const violations = findViolations(graph([
      ['platform-ports', 'platform-testing'], // platform-testing -> platform-runtime already exists
      ['platform-ports', 'platform-messaging'], // platform-messaging -> platform-runtime already exists
    ]));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/^cycle: platform-messaging -> platform-ports -> platform-messaging \(the cycle group also holds: platform-testing\)$/);
  });

  it('rejects projects without exactly one scope:* and one type:* tag, and their dependencies', () => {
    const projects = { ...PROJECTS, stray: [], twice: ['scope:orders', 'scope:payments', 'type:core'], odd: ['scope:orders', 'type:widget'] };
    const violations = findViolations(graph([['stray', 'orders-contract']], projects));
    expect(violations).toEqual(expect.arrayContaining([
      'tags: stray must have exactly one scope:* tag, has 0 (no tags)',
      'tags: stray must have exactly one type:* tag, has 0 (no tags)',
      'tags: twice must have exactly one scope:* tag, has 2 (scope:orders, scope:payments, type:core)',
      expect.stringMatching(/^tags: odd has an unknown type "type:widget"/),
      expect.stringMatching(/^forbidden: stray \[no tags\] -> orders-contract /),
    ]));
    expect(violations).toHaveLength(5);
  });

  it('applies to domains that do not exist yet (any scope that is not platform/app/tooling)', () => {
    const projects = { ...PROJECTS, 'inventory-core': ['scope:inventory', 'type:core'], 'inventory-contract': ['scope:inventory', 'type:contract'] };
    expect(findViolations(graph([['inventory-core', 'inventory-contract'], ['inventory-core', 'orders-contract']], projects))).toEqual([]);
    expect(findViolations(graph([['inventory-core', 'orders-core']], projects))).toHaveLength(1);
  });
});

describe('fromNxGraph', () => {
  it('reads tags from nodes[name].data.tags and keeps only dependency targets', () => {
    const adapted = fromNxGraph({
      nodes: {
        'orders-core': { name: 'orders-core', data: { tags: ['scope:orders', 'type:core'] } },
        'payments-core': { name: 'payments-core', data: {} },
      },
      dependencies: {
        'orders-core': [{ target: 'payments-core' }, { target: 'npm:rxjs' }],
        'payments-core': [],
      },
    });
    expect(adapted).toEqual({
      nodes: {
        'orders-core': { name: 'orders-core', tags: ['scope:orders', 'type:core'] },
        'payments-core': { name: 'payments-core', tags: [] },
      },
      dependencies: { 'orders-core': [{ target: 'payments-core' }, { target: 'npm:rxjs' }], 'payments-core': [] },
    });
  });

  it('leaves out the apps an e2e suite starts as processes (implicit), but not an import of an app', () => {
    const nodes = {
      e2e: { name: 'e2e', data: { tags: ['scope:app', 'type:e2e'] } },
      monolith: { name: 'monolith', data: { tags: ['scope:app', 'type:app'] } },
    };
    const implicitOnly = fromNxGraph({ nodes, dependencies: { e2e: [{ target: 'monolith', type: 'implicit' }], monolith: [] } });
    expect(findViolations(implicitOnly)).toEqual([]);
    const imported = fromNxGraph({ nodes, dependencies: { e2e: [{ target: 'monolith', type: 'static' }], monolith: [] } });
    expect(findViolations(imported)).toEqual([expect.stringMatching(/^forbidden: e2e .* -> monolith /)]);
  });
});

describe('renderMermaid', () => {
  it('draws one node per domain and labelled domain-to-domain edges', () => {
    const text = renderMermaid(graph([['orders-core', 'payments-core']]));
    expect(text.split('\n')[0]).toBe('flowchart LR');
    expect(text).toContain('  orders["orders"]');
    expect(text).toContain('  payments["payments"]');
    expect(text).toContain('  notifications["notifications"]');
    expect(text).toContain('  orders -->|contract, core| payments');
    expect(text).toContain('  notifications -->|contract| orders');
    expect(text).toContain('  payments -->|contract| orders');
    expect(text).not.toContain('platform');
    expect(text).not.toContain('monolith');
  });

  it('can include the platform as one node', () => {
    const text = renderMermaid(graph(), { includePlatform: true });
    expect(text).toContain('  orders -->|kernel, platform| platform');
  });
});
