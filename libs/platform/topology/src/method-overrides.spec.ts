import 'reflect-metadata';
import { definePort, portMethod } from '@foodcourt/platform-kernel';
import { parseTopology, resolveUnit, TopologyError, type TopologyRequirements } from './load-topology';
import { methodOverridesOf } from './topology-units';

class AnyInput {}
class AnyOutput {}

/** The ports a binary would pass: payments.authorize is idempotent, orders.place is not. */
const PORTS = {
  orders: definePort('orders', {
    place: portMethod({ input: AnyInput, output: AnyOutput, idempotent: false }),
    get: portMethod({ input: AnyInput, output: AnyOutput, idempotent: true, timeoutMs: 2_000 }),
  }),
  payments: definePort('payments', {
    authorize: portMethod({ input: AnyInput, output: AnyOutput, idempotent: true }),
    refund: portMethod({ input: AnyInput, output: AnyOutput, idempotent: true }),
  }),
  notifications: definePort('notifications', {}),
};
const ALL: TopologyRequirements = { knownDomains: Object.keys(PORTS), hostableDomains: Object.keys(PORTS), ports: PORTS };

/** A split topology whose top level and units carry the given YAML (indented for their place). */
const split = ({ top = '', orders = '', gateway = '' }: { top?: string; orders?: string; gateway?: string }) => `
name: split
transport: nats
${top}
units:
  - name: gateway
    domains: []
${gateway}
  - name: orders
    domains: [orders, notifications]
${orders}
  - name: payments
    domains: [payments]
`;

const methods = (indent: string, ...entries: string[]) => [`${indent}methods:`, ...entries.map((e) => `${indent}  - ${e}`)].join('\n');
const top = (...entries: string[]) => methods('', ...entries);
const unit = (...entries: string[]) => methods('    ', ...entries);

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TopologyError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a TopologyError, nothing was thrown');
}

const resolve = (text: string, unitName = 'orders', requirements = ALL) => resolveUnit('topology/x.yaml', parseTopology('topology/x.yaml', text), unitName, requirements);

describe('per-method overrides in a topology', () => {
  describe('parsing', () => {
    it('accepts methods at the top level and per unit', () => {
      const resolved = resolve(
        split({ top: top('{ method: payments.authorize, timeoutMs: 3000 }'), orders: unit('{ method: payments.refund, timeoutMs: 800, retries: 0 }') }),
      );
      expect(resolved.topology.methods).toEqual([{ method: 'payments.authorize', timeoutMs: 3000 }]);
      expect(resolved.unit.methods).toEqual([{ method: 'payments.refund', timeoutMs: 800, retries: 0 }]);
    });

    it.each([
      ['a fraction', 'timeoutMs: 2.5', 'methods.0.timeoutMs must be a whole number of milliseconds'],
      ['a string', 'timeoutMs: soon', 'methods.0.timeoutMs must be a whole number of milliseconds'],
      ['zero', 'timeoutMs: 0', 'methods.0.timeoutMs must not be less than 1'],
      ['more than 10 minutes', 'timeoutMs: 600001', 'methods.0.timeoutMs must not be greater than 600000'],
      ['negative retries', 'retries: -1', 'methods.0.retries must not be less than 0'],
      ['too many retries', 'retries: 11', 'methods.0.retries must not be greater than 10'],
      ['fractional retries', 'retries: 1.5', 'methods.0.retries must be a whole number'],
    ])('rejects %s in one line naming the field', (_, setting, expected) => {
      const message = errorOf(() => parseTopology('topology/x.yaml', split({ top: top(`{ method: payments.authorize, ${setting} }`) })));
      expect(message).toMatch(/^topology file topology\/x\.yaml is invalid: /);
      expect(message).toContain(expected);
    });

    it('names the unit entry by its path', () => {
      const message = errorOf(() => parseTopology('t.yaml', split({ orders: unit('{ method: payments.authorize, timeoutMs: -5 }') })));
      expect(message).toContain('units.1.methods.0.timeoutMs must not be less than 1');
    });

    it('rejects a method that is not <domain>.<method>, an unknown key, and methods that are not a list', () => {
      expect(errorOf(() => parseTopology('t.yaml', split({ top: top('{ method: authorize, timeoutMs: 10 }') })))).toContain('methods.0.method must be "<domain>.<method>"');
      expect(errorOf(() => parseTopology('t.yaml', split({ top: top('{ timeoutMs: 10 }') })))).toContain('methods.0.method must be "<domain>.<method>"');
      expect(errorOf(() => parseTopology('t.yaml', split({ top: top('{ method: payments.authorize, timeout: 10 }') })))).toContain('methods.0.timeout');
      expect(errorOf(() => parseTopology('t.yaml', split({ top: 'methods: { method: payments.authorize }' })))).toContain('methods');
    });
  });

  describe('validation against the contracts', () => {
    it('rejects a method no contract declares, naming the file, the unit and the method', () => {
      const message = errorOf(() => resolve(split({ orders: unit('{ method: payments.authorise, timeoutMs: 3000 }') })));
      expect(message).toBe('topology file topology/x.yaml: unit "orders" overrides unknown method "payments.authorise" (payments declares: authorize, refund)');
    });

    it('rejects a method of an unknown domain, and checks every unit, not only the one resolved', () => {
      const message = errorOf(() => resolve(split({ gateway: unit('{ method: kitchen.cook, timeoutMs: 3000 }') }), 'payments'));
      expect(message).toBe('topology file topology/x.yaml: unit "gateway" overrides unknown method "kitchen.cook" (no domain "kitchen"; known: orders, payments, notifications)');
    });

    it('rejects an unknown method at the top level', () => {
      expect(errorOf(() => resolve(split({ top: top('{ method: orders.toString, timeoutMs: 3000 }') })))).toBe(
        'topology file topology/x.yaml: the topology overrides unknown method "orders.toString" (orders declares: place, get)',
      );
    });

    it('rejects two entries for one method in one list', () => {
      const message = errorOf(() => resolve(split({ orders: unit('{ method: payments.authorize, timeoutMs: 3000 }', '{ method: payments.authorize, retries: 1 }') })));
      expect(message).toBe('topology file topology/x.yaml: unit "orders" overrides method "payments.authorize" twice');
      expect(errorOf(() => resolve(split({ top: top('{ method: orders.get, timeoutMs: 1 }', '{ method: orders.get, timeoutMs: 2 }') })))).toContain(
        'the topology overrides method "orders.get" twice',
      );
    });

    it('rejects retries for a method that is not idempotent, even zero', () => {
      for (const retries of [2, 0]) {
        const message = errorOf(() => resolve(split({ gateway: unit(`{ method: orders.place, retries: ${retries} }`) })));
        expect(message).toBe('topology file topology/x.yaml: unit "gateway" sets retries for "orders.place", which is not idempotent: only idempotent methods are retried');
      }
      // Its deadline may still be set.
      expect(() => resolve(split({ gateway: unit('{ method: orders.place, timeoutMs: 1500 }') }))).not.toThrow();
    });

    it('rejects an entry that overrides nothing', () => {
      expect(errorOf(() => resolve(split({ top: top('{ method: payments.refund }') })))).toBe(
        'topology file topology/x.yaml: the topology overrides method "payments.refund" but sets neither timeoutMs nor retries',
      );
    });

    it('without the ports, checks only that the domain is known', () => {
      const domainsOnly: TopologyRequirements = { knownDomains: ALL.knownDomains, hostableDomains: ALL.hostableDomains };
      expect(() => resolve(split({ orders: unit('{ method: payments.anything, timeoutMs: 3000 }') }), 'orders', domainsOnly)).not.toThrow();
      expect(errorOf(() => resolve(split({ orders: unit('{ method: kitchen.cook, timeoutMs: 3000 }') }), 'orders', domainsOnly))).toContain('unknown method "kitchen.cook"');
    });
  });

  describe('methodOverridesOf', () => {
    const text = split({
      top: top('{ method: payments.authorize, timeoutMs: 3000, retries: 1 }', '{ method: payments.refund, timeoutMs: 4000 }'),
      orders: unit('{ method: payments.authorize, timeoutMs: 900 }', '{ method: payments.refund, retries: 0 }'),
    });

    it("gives a unit the topology's entries, its own winning field by field", () => {
      expect(methodOverridesOf(resolve(text, 'orders'))).toEqual(
        new Map([
          ['payments.authorize', { timeoutMs: 900, retries: 1 }],
          ['payments.refund', { timeoutMs: 4000, retries: 0 }],
        ]),
      );
    });

    it("gives another unit only the topology's entries", () => {
      expect(methodOverridesOf(resolve(text, 'gateway'))).toEqual(
        new Map([
          ['payments.authorize', { timeoutMs: 3000, retries: 1 }],
          ['payments.refund', { timeoutMs: 4000 }],
        ]),
      );
    });

    it('is empty for a topology without methods, and keeps the declared deadline of an entry that sets only retries', () => {
      expect(methodOverridesOf(resolve(split({}))).size).toBe(0);
      const retriesOnly = resolve(split({ orders: unit('{ method: payments.refund, retries: 3 }') }));
      expect(methodOverridesOf(retriesOnly)).toEqual(new Map([['payments.refund', { retries: 3 }]]));
    });
  });
});
