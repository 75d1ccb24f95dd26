import 'reflect-metadata';
import { join } from 'node:path';
import { KNOWN_DOMAINS } from '@foodcourt/contract-registry';
import { resolveUnitOf } from '@foodcourt/platform-host';
import { NOTIFICATIONS_SERVICE } from './binary';

const topology = (name: string) => join(__dirname, '../../../topology', name);

describe('the notifications-service binary', () => {
  it('hosts notifications in split-tcp and reaches every other domain remotely', () => {
    const resolved = resolveUnitOf(NOTIFICATIONS_SERVICE, topology('split-tcp.yaml'), 'notifications');
    expect(resolved.unit.domains).toEqual(['notifications']);
    expect(resolved.remoteDomains).not.toContain('notifications');
    // Derived from the registry, so a domain added later (nx g @foodcourt/nx-plugin:domain) keeps this true.
    expect([...resolved.remoteDomains].sort()).toEqual(KNOWN_DOMAINS.filter((domain) => domain !== 'notifications').sort());
  });

  it('refuses, in one line, to be a unit hosting a domain it does not contain', () => {
    expect(() => resolveUnitOf(NOTIFICATIONS_SERVICE, topology('monolith.yaml'), 'monolith')).toThrow(/which this binary does not contain/);
  });
});
