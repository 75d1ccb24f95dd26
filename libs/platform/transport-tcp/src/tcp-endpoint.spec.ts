import { ConfigError } from '@foodcourt/platform-kernel';
import { tcpEndpoint } from './tcp-endpoint';

const input = (env: NodeJS.ProcessEnv, addresses?: string[], address?: string) => ({ unit: 'payments', address, addresses, brokerUrl: undefined, namespace: 'ns', env });

describe('tcpEndpoint', () => {
  it('reads one address from the topology, the environment winning', () => {
    expect(tcpEndpoint(input({}, undefined, 'payments:4101'))).toEqual({ unit: 'payments', transport: 'tcp', namespace: 'ns', host: 'payments', port: 4101 });
    expect(tcpEndpoint(input({ UNIT_PAYMENTS_ADDRESS: '10.0.0.7:5000' }, undefined, 'payments:4101'))).toMatchObject({ host: '10.0.0.7', port: 5000 });
  });

  it('lists every replica, and listens on the one at UNIT_REPLICA_INDEX', () => {
    const addresses = ['127.0.0.1:4101', '127.0.0.1:4102'];
    expect(tcpEndpoint(input({}, addresses))).toMatchObject({ host: '127.0.0.1', port: 4101, replicas: [{ host: '127.0.0.1', port: 4101 }, { host: '127.0.0.1', port: 4102 }] });
    expect(tcpEndpoint(input({ UNIT_REPLICA_INDEX: '1' }, addresses))).toMatchObject({ port: 4102 });
  });

  it('takes a comma-separated list from UNIT_<NAME>_ADDRESS', () => {
    expect(tcpEndpoint(input({ UNIT_PAYMENTS_ADDRESS: '127.0.0.1:1, 127.0.0.1:2' })).replicas).toEqual([
      { host: '127.0.0.1', port: 1 },
      { host: '127.0.0.1', port: 2 },
    ]);
  });

  it.each([
    [{ UNIT_PAYMENTS_ADDRESS: '127.0.0.1:1,nonsense' }, 'UNIT_PAYMENTS_ADDRESS must be host:port (or a comma-separated list of them), got "127.0.0.1:1,nonsense"'],
    [{ UNIT_PAYMENTS_ADDRESS: '127.0.0.1:1,127.0.0.1:2', UNIT_REPLICA_INDEX: '2' }, 'UNIT_REPLICA_INDEX must be a whole number from 0 to 1 (the unit has 2 addresses), got "2"'],
    [{ UNIT_PAYMENTS_ADDRESS: '127.0.0.1:1,127.0.0.1:2', UNIT_REPLICA_INDEX: 'first' }, 'UNIT_REPLICA_INDEX must be a whole number from 0 to 1'],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => tcpEndpoint(input(env))).toThrow(ConfigError);
    expect(() => tcpEndpoint(input(env))).toThrow(message);
  });
});
