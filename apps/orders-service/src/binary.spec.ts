import 'reflect-metadata';
import { join } from 'node:path';
import { KNOWN_DOMAINS } from '@foodcourt/contract-registry';
import { resolveUnitOf } from '@foodcourt/platform-host';
import { ORDERS_SERVICE } from './binary';

const topology = (name: string) => join(__dirname, '../../../topology', name);

describe('the orders-service binary', () => {
  it('hosts orders in split-tcp and reaches every other domain remotely', () => {
    const resolved = resolveUnitOf(ORDERS_SERVICE, topology('split-tcp.yaml'), 'orders');
    expect(resolved.unit.domains).toEqual(['orders']);
    expect(resolved.remoteDomains).not.toContain('orders');
    // Derived from the registry, so a domain added later (nx g @foodcourt/nx-plugin:domain) keeps this true.
    expect([...resolved.remoteDomains].sort()).toEqual(KNOWN_DOMAINS.filter((domain) => domain !== 'orders').sort());
  });

  it('refuses, in one line, to be a unit hosting a domain it does not contain', () => {
    expect(() => resolveUnitOf(ORDERS_SERVICE, topology('monolith.yaml'), 'monolith')).toThrow(/which this binary does not contain/);
  });
});
