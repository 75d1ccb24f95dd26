/** The contracts the doc reads must be all of them, and every event they export must land in some domain. */
import { DOMAIN_PORTS, KNOWN_DOMAINS } from '@foodcourt/contract-registry';
import { CONTRACT_EXPORTS, readContracts } from './read-contracts';

describe('readContracts', () => {
  it('reads the exports of every domain the contract registry knows (add a new domain to CONTRACT_EXPORTS)', () => {
    expect(Object.keys(CONTRACT_EXPORTS).sort()).toEqual([...KNOWN_DOMAINS].sort());
  });

  it('finds each port with its methods, and events only under the domain their type names', () => {
    const declarations = readContracts();
    const orders = declarations.find((d) => d.domain === 'orders')!;
    expect(orders.port).toBe(DOMAIN_PORTS.orders);
    expect(orders.portMethods.map((m) => m.name)).toEqual(Object.keys(DOMAIN_PORTS.orders.methods).sort());
    expect(orders.publishes).toEqual(expect.arrayContaining(['orders.order-confirmed']));
    for (const declaration of declarations) {
      for (const event of declaration.publishes) expect(event.startsWith(`${declaration.domain}.`)).toBe(true);
    }
  });

  it('leaves no exported event unaccounted for: its type is prefixed with a known domain', () => {
    const isEvent = (v: unknown): v is { type: string } =>
      typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string' && typeof (v as { payload?: unknown }).payload === 'function';
    const exported = Object.values(CONTRACT_EXPORTS).flatMap((exports) => Object.values(exports).filter(isEvent).map((e) => e.type));
    const published = new Set(readContracts().flatMap((d) => d.publishes));
    expect(exported.filter((type) => !published.has(type))).toEqual([]);
  });
});
