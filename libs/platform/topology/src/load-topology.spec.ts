import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTopology, parseTopology, resolveUnit, TopologyError, type TopologyRequirements } from './load-topology';
import { Topology, TopologyUnit } from './topology.schema';

const ALL: TopologyRequirements = { knownDomains: ['orders', 'payments', 'notifications'], hostableDomains: ['orders', 'payments', 'notifications'] };

const MONOLITH = `
name: monolith
units:
  - name: monolith
    domains: [orders, payments, notifications]
`;

const SPLIT = `
name: split
units:
  - name: shop
    domains: [orders, notifications]
    address: 127.0.0.1:4001
  - name: payments
    domains: [payments]
    http: false
    address: 127.0.0.1:4002
`;

function topologyErrorOf(run: () => unknown): TopologyError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TopologyError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return error as TopologyError;
  }
  throw new Error('expected a TopologyError, nothing was thrown');
}

describe('topology', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'topology-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  describe('loadTopology', () => {
    it('resolves the unit of a monolith file, with no remote domains', () => {
      const resolved = loadTopology(write('monolith.yaml', MONOLITH), 'monolith', ALL);
      expect(resolved.topology).toBeInstanceOf(Topology);
      expect(resolved.topology.name).toBe('monolith');
      expect(resolved.unit).toBeInstanceOf(TopologyUnit);
      expect(resolved.unit).toEqual({ name: 'monolith', domains: ['orders', 'payments', 'notifications'] });
      expect(resolved.remoteDomains).toEqual([]);
    });

    it('gives a unit hosting some domains the others as remote domains', () => {
      const file = write('split.yaml', SPLIT);
      expect(loadTopology(file, 'shop', ALL).remoteDomains).toEqual(['payments']);
      const payments = loadTopology(file, 'payments', ALL);
      expect(payments.unit).toEqual({ name: 'payments', domains: ['payments'], http: false, address: '127.0.0.1:4002' });
      expect(payments.remoteDomains).toEqual(['orders', 'notifications']);
    });

    it('fails on a missing file, naming it', () => {
      const missing = join(dir, 'nope.yaml');
      const error = topologyErrorOf(() => loadTopology(missing, 'monolith', ALL));
      expect(error.message).toContain(missing);
      expect(error.message).toContain('cannot be read');
    });

    it('fails on a file that is not valid YAML, in one line naming the file', () => {
      const file = write('broken.yaml', 'name: broken\nunits:\n  - name: a\n    domains: [orders\n  - name: b: c\n');
      const error = topologyErrorOf(() => loadTopology(file, 'a', ALL));
      expect(error.message).toContain(file);
      expect(error.message).toContain('not valid YAML');
    });
  });

  describe('parseTopology', () => {
    it('rejects an unknown top-level key, naming it', () => {
      const error = topologyErrorOf(() => parseTopology('t.yaml', `${MONOLITH}replicas: 3\n`));
      expect(error.message).toMatch(/^topology file t\.yaml is invalid: /);
      expect(error.message).toContain('replicas');
    });

    it('rejects an unknown key of a unit with its path', () => {
      const error = topologyErrorOf(() => parseTopology('t.yaml', 'name: x\nunits:\n  - name: a\n    domains: [orders]\n    colour: blue\n'));
      expect(error.message).toContain('units.0.colour');
    });

    it('rejects a badly named unit with its path', () => {
      const error = topologyErrorOf(() => parseTopology('t.yaml', 'name: x\nunits:\n  - name: Shop_1\n    domains: [orders]\n'));
      expect(error.message).toContain('units.0.name');
    });

    it('rejects an empty file and a file that is a list', () => {
      expect(topologyErrorOf(() => parseTopology('t.yaml', '')).message).toContain('(root)');
      expect(topologyErrorOf(() => parseTopology('t.yaml', '- a\n- b\n')).message).toContain('(root)');
    });

    it('rejects YAML syntax errors in one line', () => {
      const error = topologyErrorOf(() => parseTopology('t.yaml', 'name: [unclosed\nunits: {\n'));
      expect(error.message).toMatch(/^topology file t\.yaml is not valid YAML: /);
    });
  });

  describe('resolveUnit', () => {
    const topology = (text: string) => parseTopology('t.yaml', text);

    it('rejects a unit that names an unknown domain', () => {
      const error = topologyErrorOf(() =>
        resolveUnit('t.yaml', topology('name: x\nunits:\n  - name: a\n    domains: [orders, payments, notifications, kitchen]\n'), 'a', ALL),
      );
      expect(error.message).toContain('unknown domain "kitchen"');
    });

    it('rejects a domain hosted twice, naming both units', () => {
      const error = topologyErrorOf(() =>
        resolveUnit('t.yaml', topology('name: x\nunits:\n  - name: a\n    domains: [orders, payments]\n  - name: b\n    domains: [payments, notifications]\n'), 'a', ALL),
      );
      expect(error.message).toContain('domain "payments" is hosted twice, by "a" and "b"');
    });

    it('rejects a topology where no unit hosts a domain', () => {
      const error = topologyErrorOf(() => resolveUnit('t.yaml', topology('name: x\nunits:\n  - name: a\n    domains: [orders]\n'), 'a', ALL));
      expect(error.message).toContain('no unit hosts "payments", "notifications"');
    });

    it('rejects a unit name declared twice', () => {
      const error = topologyErrorOf(() =>
        resolveUnit('t.yaml', topology('name: x\nunits:\n  - name: a\n    domains: [orders, payments]\n  - name: a\n    domains: [notifications]\n'), 'a', ALL),
      );
      expect(error.message).toContain('unit "a" is declared twice');
    });

    it('rejects a unit name the topology does not declare, listing the units', () => {
      const error = topologyErrorOf(() => resolveUnit('t.yaml', topology(SPLIT), 'kitchen', ALL));
      expect(error.message).toContain('there is no unit "kitchen" (units: shop, payments)');
    });

    it('rejects a unit hosting a domain this binary cannot host', () => {
      const gateway: TopologyRequirements = { knownDomains: ALL.knownDomains, hostableDomains: ['orders'] };
      const error = topologyErrorOf(() => resolveUnit('t.yaml', topology(SPLIT), 'shop', gateway));
      expect(error.message).toContain('unit "shop" hosts notifications, which this binary does not contain');
      expect(resolveUnit('t.yaml', topology('name: x\ntransport: nats\nunits:\n  - name: o\n    domains: [orders]\n  - name: r\n    domains: [payments, notifications]\n'), 'o', gateway).remoteDomains).toEqual([
        'payments',
        'notifications',
      ]);
    });

    it('names the file in every error', () => {
      const error = topologyErrorOf(() => resolveUnit('topology/prod.yaml', topology(SPLIT), 'kitchen', ALL));
      expect(error.message).toMatch(/^topology file topology\/prod\.yaml: /);
    });
  });
});
