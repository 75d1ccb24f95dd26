import { DOMAIN_PORTS, KNOWN_DOMAINS } from './index';

describe('contract registry', () => {
  it('holds the port of every domain under the domain it declares', () => {
    expect([...KNOWN_DOMAINS].sort()).toEqual(['catalog', 'identity', 'notifications', 'orders', 'payments', 'search']);
    for (const [domain, port] of Object.entries(DOMAIN_PORTS)) expect(port.domain).toBe(domain);
  });
});
