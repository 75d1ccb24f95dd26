import { DOMAIN_CONSUMES, DOMAIN_PORTS, KNOWN_DOMAINS } from './index';

describe('contract registry', () => {
  it('holds the port of every domain under the domain it declares', () => {
    // At least the six the system started with; a generated domain (nx g @foodcourt/nx-plugin:domain) adds to them.
    expect(KNOWN_DOMAINS).toEqual(expect.arrayContaining(['catalog', 'identity', 'notifications', 'orders', 'payments', 'search']));
    for (const [domain, port] of Object.entries(DOMAIN_PORTS)) expect(port.domain).toBe(domain);
  });

  it('holds what every domain consumes, so no unit of the registry is sent every event for want of a declaration', () => {
    expect(Object.keys(DOMAIN_CONSUMES).sort()).toEqual([...KNOWN_DOMAINS].sort());
    expect(DOMAIN_CONSUMES['notifications']).toEqual(
      expect.arrayContaining(['orders.order-confirmed', 'orders.order-cancelled', 'payments.payment-captured', 'payments.payment-failed', 'identity.user-registered']),
    );
    expect(DOMAIN_CONSUMES['search']).toEqual(['catalog.product-changed']);
  });
});
