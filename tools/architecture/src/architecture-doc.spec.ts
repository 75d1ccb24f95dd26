/** The renderer on a hand-made model: what each kind of declaration turns into, and that order does not matter. */
import { renderArchitectureDoc, REGENERATE_COMMAND } from './architecture-doc';
import type { ArchitectureModel } from './architecture-model';

function model(): ArchitectureModel {
  return {
    domains: [
      {
        name: 'kitchen',
        portMethods: [
          { name: 'cook', idempotent: false, timeoutMs: 5000 },
          { name: 'status', idempotent: true, timeoutMs: 2000 },
        ],
        publishes: ['kitchen.dish-ready', 'kitchen.oven-cleaned'],
        consumes: [],
        callsPortsOf: ['pantry'],
      },
      { name: 'pantry', portMethods: [{ name: 'take', idempotent: true, timeoutMs: 5000 }], publishes: [], consumes: [], callsPortsOf: [] },
      { name: 'waiters', portMethods: [], publishes: [], consumes: ['kitchen.dish-ready', 'bar.drink-ready'], callsPortsOf: ['kitchen'] },
    ],
    libraries: [
      { name: 'platform-wire', layer: 'wire' },
      { name: 'platform-kernel', layer: 'kernel' },
    ],
    libraryDependencies: [
      ['platform-wire', 'platform-kernel'],
      ['platform-wire', 'npm:yaml'],
    ],
    layerRules: [
      { layer: 'kernel', projects: ['platform-kernel'], mayDependOn: [] },
      { layer: 'wire', projects: ['platform-wire'], mayDependOn: ['kernel'] },
    ],
    rules: [{ title: '3. Deep imports', href: 'architecture-rules.md#3-deep-imports' }],
    decisions: [{ title: '1. A port method is declared once', href: 'adr/0001-ports-declared-once.md' }],
  };
}

describe('renderArchitectureDoc', () => {
  const doc = renderArchitectureDoc(model());

  it('says the file is generated and how to regenerate it', () => {
    expect(doc.startsWith('# Architecture\n')).toBe(true);
    expect(doc).toContain(`Regenerate with \`${REGENERATE_COMMAND}\``);
  });

  it('draws port calls as solid arrows and events as dotted arrows labelled with the event type', () => {
    expect(doc).toContain('  kitchen -->|port| pantry\n');
    expect(doc).toContain('  waiters -->|port| kitchen\n');
    expect(doc).toContain('  kitchen -.->|"kitchen.dish-ready"| waiters\n');
  });

  it('shows an event nobody consumes as such, in the picture and in the table', () => {
    expect(doc).toContain('  kitchen -.->|"kitchen.oven-cleaned"| no_consumer_\n');
    expect(doc).toContain('  no_consumer_(["no consumer"])\n');
    expect(doc).toContain('| publishes | `kitchen.oven-cleaned` | consumed by nobody |');
    expect(doc).toContain('| publishes | `kitchen.dish-ready` | consumed by waiters |');
  });

  it('shows a consumed event no contract declares', () => {
    expect(doc).toContain('| consumes | `bar.drink-ready` | published by no domain (no contract declares it) |');
    expect(doc).toContain('| consumes | `kitchen.dish-ready` | published by kitchen |');
  });

  it('lists port methods with their retry and timeout terms', () => {
    expect(doc).toContain('| port method | `cook` | not idempotent, times out after 5000 ms |');
    expect(doc).toContain('| port method | `status` | idempotent, times out after 2000 ms |');
    expect(doc).toContain('| calls the port of | pantry | |');
  });

  it('groups libraries by layer, lowest first, and draws only edges between them', () => {
    const kernel = doc.indexOf('subgraph layer_kernel["kernel"]');
    const wire = doc.indexOf('subgraph layer_wire["wire"]');
    expect(kernel).toBeGreaterThan(-1);
    expect(wire).toBeGreaterThan(kernel);
    expect(doc).toContain('  platform_wire --> platform_kernel\n');
    expect(doc).not.toContain('npm_yaml');
  });

  it('renders the layer rules and links the rules and decisions in docs/', () => {
    expect(doc).toContain('| `kernel` | `platform-kernel` | nothing |');
    expect(doc).toContain('| `wire` | `platform-wire` | `kernel` |');
    expect(doc).toContain('- [3. Deep imports](architecture-rules.md#3-deep-imports)');
    expect(doc).toContain('- [1. A port method is declared once](adr/0001-ports-declared-once.md)');
  });

  it('gives the same text whatever order the model lists things in (no timestamp, everything sorted)', () => {
    const shuffled = model();
    shuffled.domains.reverse();
    for (const domain of shuffled.domains) {
      domain.portMethods.reverse();
      domain.publishes.reverse();
      domain.consumes.reverse();
    }
    shuffled.libraries.reverse();
    shuffled.libraryDependencies.reverse();
    expect(renderArchitectureDoc(shuffled)).toBe(doc);
  });
});
