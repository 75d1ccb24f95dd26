import 'reflect-metadata';
import { join } from 'node:path';
import { loadTopology, TopologyError } from '@foodcourt/platform-runtime';
import { DOMAIN_MODULES, KNOWN_DOMAINS } from './hosted-domains';

const topologyDir = join(__dirname, '../../../topology');
const requirements = { knownDomains: KNOWN_DOMAINS, hostableDomains: Object.keys(DOMAIN_MODULES) };

describe('the monolith binary and its default topology', () => {
  it('contains a core and an HTTP module for every known domain', () => {
    expect(Object.keys(DOMAIN_MODULES).sort()).toEqual([...KNOWN_DOMAINS].sort());
    for (const domain of KNOWN_DOMAINS) {
      expect(DOMAIN_MODULES[domain]).toEqual({ core: expect.any(Function), http: expect.any(Function) });
    }
  });

  it('resolves topology/monolith.yaml to one unit hosting every domain, nothing remote', () => {
    const resolved = loadTopology(join(topologyDir, 'monolith.yaml'), 'monolith', requirements);
    expect(resolved.topology.name).toBe('monolith');
    expect(resolved.topology.units).toHaveLength(1);
    expect(resolved.unit.name).toBe('monolith');
    expect([...resolved.unit.domains].sort()).toEqual([...KNOWN_DOMAINS].sort());
    expect(resolved.unit.http).not.toBe(false);
    expect(resolved.remoteDomains).toEqual([]);
  });

  it('refuses a unit the monolith topology does not declare, naming the units it has', () => {
    expect(() => loadTopology(join(topologyDir, 'monolith.yaml'), 'payments', requirements)).toThrow(TopologyError);
    expect(() => loadTopology(join(topologyDir, 'monolith.yaml'), 'payments', requirements)).toThrow('there is no unit "payments" (units: monolith)');
  });
});
