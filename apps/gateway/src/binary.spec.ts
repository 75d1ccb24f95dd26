import 'reflect-metadata';
import { join } from 'node:path';
import { resolveUnitOf } from '@foodcourt/platform-host';
import { GATEWAY } from './binary';

const topology = (name: string) => join(__dirname, '../../../topology', name);

describe('the gateway binary', () => {
  it('is the gateway unit of split-tcp: no domain hosted, every domain remote', () => {
    const resolved = resolveUnitOf(GATEWAY, topology('split-tcp.yaml'), 'gateway');
    expect(resolved.unit.domains).toEqual([]);
    expect([...resolved.remoteDomains].sort()).toEqual(['catalog', 'identity', 'notifications', 'orders', 'payments', 'search']);
  });

  it('cannot be a unit that hosts a domain', () => {
    expect(() => resolveUnitOf(GATEWAY, topology('split-tcp.yaml'), 'payments')).toThrow('unit "payments" hosts payments, which this binary does not contain');
  });
});
