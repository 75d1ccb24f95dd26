import 'reflect-metadata';
import { parseTopology, resolveUnit, TopologyError, type TopologyRequirements } from './load-topology';

const ALL: TopologyRequirements = { knownDomains: ['orders', 'payments'], hostableDomains: ['orders', 'payments'] };

/** A two-unit topology whose payments unit is given `payments` (YAML lines, indented under the unit). */
const withPayments = (payments: string, transport = 'tcp') => `
name: replicated
transport: ${transport}
units:
  - name: orders
    domains: [orders]
    ${transport === 'tcp' ? 'address: 127.0.0.1:4001' : ''}
  - name: payments
    domains: [payments]
    http: false
${payments}
`;

function resolve(text: string, unit = 'payments') {
  return resolveUnit('t.yaml', parseTopology('t.yaml', text), unit, ALL);
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TopologyError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected a TopologyError, nothing was thrown');
}

describe('topology: replicas of a unit', () => {
  it('accepts one address per replica over tcp', () => {
    const { unit } = resolve(withPayments('    replicas: 2\n    addresses: [127.0.0.1:4002, 127.0.0.1:4003]'));
    expect(unit).toMatchObject({ replicas: 2, addresses: ['127.0.0.1:4002', '127.0.0.1:4003'] });
  });

  it('accepts one Service name as the address of every replica (Kubernetes spreads the connections)', () => {
    expect(resolve(withPayments('    replicas: 3\n    address: payments:4101')).unit.replicas).toBe(3);
  });

  it('accepts replicas over a broker, where they share a queue', () => {
    expect(resolve(withPayments('    replicas: 2', 'nats')).unit.replicas).toBe(2);
  });

  it('rejects replicas over tcp with one IP address, in one line naming the unit', () => {
    expect(errorOf(() => resolve(withPayments('    replicas: 2\n    address: 127.0.0.1:4002')))).toBe(
      'topology file t.yaml: unit "payments" has replicas: 2 over tcp: give one address per replica (addresses: [host:port, …]) or one Service name as its address',
    );
  });

  it('rejects as many addresses as replicas not given', () => {
    expect(errorOf(() => resolve(withPayments('    replicas: 3\n    addresses: [127.0.0.1:4002, 127.0.0.1:4003]')))).toBe(
      'topology file t.yaml: unit "payments" has 2 addresses for 3 replica(s): give one address per replica',
    );
  });

  it('rejects both address and addresses', () => {
    expect(errorOf(() => resolve(withPayments('    replicas: 1\n    address: 127.0.0.1:4002\n    addresses: [127.0.0.1:4003]')))).toMatch(
      /unit "payments" has both address and addresses/,
    );
  });

  it('rejects addresses on a unit reached over a broker', () => {
    expect(errorOf(() => resolve(withPayments('    replicas: 2\n    addresses: [127.0.0.1:4002, 127.0.0.1:4003]', 'rabbitmq')))).toMatch(
      /unit "payments" has addresses but is reached over rabbitmq/,
    );
  });

  it.each([
    ['replicas: two', 'replicas must be a whole number'],
    ['replicas: 0', 'replicas must be at least 1'],
    ['replicas: 1000', 'replicas must be at most 64'],
    ['replicas: 2\n    addresses: [127.0.0.1:4002, "not an address"]', 'each of addresses must be host:port'],
    ['replicas: 2\n    addresses: [127.0.0.1:4002, 127.0.0.1:4002]', 'addresses must not repeat an address'],
  ])('rejects "%s", naming the field', (lines, message) => {
    const error = errorOf(() => resolve(withPayments(`    ${lines}`)));
    expect(error).toContain('units.1.');
    expect(error).toContain(message);
  });
});
