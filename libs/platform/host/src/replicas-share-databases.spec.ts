import 'reflect-metadata';
import { ConfigError } from '@foodcourt/platform-kernel';
import { parseTopology, resolveUnit } from '@foodcourt/platform-topology';
import { assertReplicasShareDatabases } from './start-unit';

const TOPOLOGY = `
name: replicated
transport: nats
units:
  - name: front
    domains: []
    replicas: 3
  - name: orders
    domains: [orders]
    http: false
  - name: payments
    domains: [payments]
    http: false
    replicas: 2
`;
const unit = (name: string) =>
  resolveUnit('t.yaml', parseTopology('t.yaml', TOPOLOGY), name, { knownDomains: ['orders', 'payments'], hostableDomains: ['orders', 'payments'] });

describe('replicas and the database driver', () => {
  it('refuses replicas of a unit with domains on SQLite, in one line saying what to do', () => {
    const run = () => assertReplicasShareDatabases(unit('payments'), { driver: 'sqlite' });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(
      'unit "payments" has replicas: 2, which needs DB_DRIVER=postgres (replicas share the unit\'s databases; SQLite files cannot be shared safely)',
    );
  });

  it('accepts them on PostgreSQL', () => {
    expect(() => assertReplicasShareDatabases(unit('payments'), { driver: 'postgres' })).not.toThrow();
  });

  it('accepts one replica on SQLite, and replicas of a unit that hosts no domain (a gateway holds no database)', () => {
    expect(() => assertReplicasShareDatabases(unit('orders'), { driver: 'sqlite' })).not.toThrow();
    expect(() => assertReplicasShareDatabases(unit('front'), { driver: 'sqlite' })).not.toThrow();
  });
});
