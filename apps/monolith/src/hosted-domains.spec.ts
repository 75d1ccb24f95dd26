import 'reflect-metadata';
import { join } from 'node:path';
import { KNOWN_DOMAINS } from '@foodcourt/contract-registry';
import { resolveUnitOf } from '@foodcourt/platform-host';
import { MONOLITH_BINARY } from './hosted-domains';

const topologyDir = join(__dirname, '../../../topology');

describe('the monolith binary and its default topology', () => {
  it('contains a core for every known domain and the whole HTTP API', () => {
    expect(Object.keys(MONOLITH_BINARY.cores).sort()).toEqual([...KNOWN_DOMAINS].sort());
    expect(MONOLITH_BINARY.http).toHaveLength(KNOWN_DOMAINS.length);
  });

  it('resolves topology/monolith.yaml to one unit hosting every domain, nothing remote', () => {
    const resolved = resolveUnitOf(MONOLITH_BINARY, join(topologyDir, 'monolith.yaml'), 'monolith');
    expect(resolved.topology.units).toHaveLength(1);
    expect([...resolved.unit.domains].sort()).toEqual([...KNOWN_DOMAINS].sort());
    expect(resolved.unit.http).not.toBe(false);
    expect(resolved.remoteDomains).toEqual([]);
  });

  it('refuses a unit the monolith topology does not declare, naming the units it has', () => {
    expect(() => resolveUnitOf(MONOLITH_BINARY, join(topologyDir, 'monolith.yaml'), 'payments')).toThrow('there is no unit "payments" (units: monolith)');
  });
});
