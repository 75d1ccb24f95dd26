import 'reflect-metadata';
import { createLocalBinding, definePort, DependencyUnavailableError, portMethod, type PortApi } from '@foodcourt/platform-kernel';
import { createPortHandlers, createRemoteBinding, remoteCaller } from '@foodcourt/platform-ports';
import { tcpEndpoint } from '@foodcourt/platform-transport-tcp';
import type { UnitServer } from '@foodcourt/platform-wire';
import { connectToUnit, startUnitServer } from '../unit-transports';
import { failureOf, FakeBooking, ReserveInput, Reservation, tableTakenError } from '@foodcourt/platform-kernel/testing';
import { freeLoopbackPort } from './testing/free-loopback-port';

// Two replicas of one unit, each a real Nest TCP server on loopback, reached through the
// topology's address list as a caller unit reaches them.

const TableTakenError = tableTakenError('SPEC_REPLICA_TABLE_TAKEN');
const ReplicaPort = definePort('replicated', {
  // Not idempotent: a call may go to another replica only when the first never received it.
  reserve: portMethod({ input: ReserveInput, output: Reservation, idempotent: false, timeoutMs: 5_000 }),
});

describe('a unit run as two replicas over TCP', () => {
  const addresses: string[] = [];
  const replicas: FakeBooking[] = [];
  const servers: (UnitServer | undefined)[] = [];
  let api: PortApi<typeof ReplicaPort>;
  let close: () => Promise<void>;

  /** Replica `index` listens where the topology's address list says, as a process with UNIT_REPLICA_INDEX=index would. */
  const startReplica = async (index: number) => {
    const endpoint = tcpEndpoint({ unit: 'replicated', address: undefined, addresses, brokerUrl: undefined, namespace: 'spec', env: { UNIT_REPLICA_INDEX: String(index) } });
    servers[index] = await startUnitServer(endpoint, [...createPortHandlers(ReplicaPort, createLocalBinding(ReplicaPort, replicas[index]!))]);
  };
  const reserve = (table: string) => api.reserve({ table, guests: 2 } as ReserveInput);

  beforeEach(async () => {
    addresses.splice(0, addresses.length, `127.0.0.1:${await freeLoopbackPort()}`, `127.0.0.1:${await freeLoopbackPort()}`);
    replicas.splice(0, replicas.length, new FakeBooking(TableTakenError), new FakeBooking(TableTakenError));
    await startReplica(0);
    await startReplica(1);
    const connection = connectToUnit(tcpEndpoint({ unit: 'replicated', address: undefined, addresses, brokerUrl: undefined, namespace: 'spec', env: {} }));
    close = () => connection.close();
    api = createRemoteBinding(ReplicaPort, remoteCaller('replicated', connection));
  });

  afterEach(async () => {
    await close();
    for (const server of servers.splice(0)) await server?.close();
  });

  it('spreads calls over both replicas', async () => {
    for (let i = 0; i < 10; i++) await reserve(`t${i}`);
    expect(replicas.map((r) => r.calls.length)).toEqual([5, 5]);
  });

  it('sends every call to the live replica once the other is down, a non-idempotent call included, each executed once', async () => {
    await reserve('warm-up-0');
    await reserve('warm-up-1');
    await servers[1]!.close();
    servers[1] = undefined;
    await new Promise((resolve) => setTimeout(resolve, 50)); // the caller sees its socket to replica 1 close

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => reserve(`after-${i}`)));

    expect(results.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `r-after-${i}`));
    const executed = replicas.flatMap((r) => r.calls.map((c) => c.input.table)).filter((t) => t.startsWith('after-'));
    expect(executed.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `after-${i}`).sort());
    expect(replicas[0]!.calls.filter((c) => c.input.table.startsWith('after-'))).toHaveLength(20);
  });

  it('reaches a replica again once it is back', async () => {
    await servers[1]!.close();
    servers[1] = undefined;
    await reserve('while-down');
    await startReplica(1);
    // The refused replica is skipped for a moment, then tried again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    for (let i = 0; i < 6; i++) await reserve(`back-${i}`);
    expect(replicas[1]!.calls.length).toBeGreaterThan(0);
  });

  it('answers 503 naming the dependency when every replica is down', async () => {
    for (const server of servers.splice(0)) await server?.close();
    const error = await failureOf(reserve('nobody'));
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).message).toMatch(/replicated/);
  });
});
