import 'reflect-metadata';
import { createServer, type Server, type Socket } from 'node:net';
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { definePort, DependencyUnavailableError, portMethod, type PortApi } from '@foodcourt/platform-kernel';
import { failureOf, FakeBooking, ReserveInput, Reservation, tableTakenError } from '@foodcourt/platform-kernel/testing';
import { bindLocalPort, RemotePortsModule } from '@foodcourt/platform-ports';
import { parseTopology, resolveUnit } from '@foodcourt/platform-topology';
import { UNIT_TRANSPORTS } from '../unit-transports';

// A topology's `methods` overrides change the deadline of the remote calls a unit makes, through
// the bindings RemotePortsModule derives, and leave in-process calls alone.

/** Declared deadlines far longer than any wait here: failing "soon" can only mean the override. */
const DECLARED_MS = 30_000;
const OVERRIDE_MS = 300;

const SpecPort = definePort('spec', {
  reserve: portMethod({ input: ReserveInput, output: Reservation, idempotent: false, timeoutMs: DECLARED_MS }),
  peek: portMethod({ input: ReserveInput, output: Reservation, idempotent: true, timeoutMs: DECLARED_MS }),
  slow: portMethod({ input: ReserveInput, output: Reservation, idempotent: true, timeoutMs: DECLARED_MS }),
});
type SpecApi = PortApi<typeof SpecPort>;
const PORTS = { spec: SpecPort };

/** A TCP unit that accepts connections and reads every request but never answers one. */
async function startSilentUnit(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const resolved = (text: string, unit: string, hostable: string[]) =>
  resolveUnit('spec.yaml', parseTopology('spec.yaml', text), unit, { knownDomains: ['spec'], hostableDomains: hostable, ports: PORTS });

describe('per-method overrides of a topology', () => {
  let app: INestApplicationContext | undefined;
  let silent: Awaited<ReturnType<typeof startSilentUnit>> | undefined;

  afterEach(async () => {
    await app?.close();
    await silent?.close();
    app = silent = undefined;
  });

  describe('on a remote call', () => {
    /** The gateway's binding of SpecPort, the spec unit at the silent server; the topology and the gateway set `methods`. */
    async function gatewayApi(): Promise<SpecApi> {
      silent = await startSilentUnit();
      const text = `
name: spec-methods
transport: tcp
methods:
  - { method: spec.reserve, timeoutMs: 20000 }
  - { method: spec.slow, timeoutMs: ${OVERRIDE_MS} }
units:
  - name: gateway
    domains: []
    methods:
      - { method: spec.reserve, timeoutMs: ${OVERRIDE_MS} }
  - name: spec
    domains: [spec]
    address: 127.0.0.1:${silent.port}
`;
      const moduleRef = await Test.createTestingModule({
        imports: [RemotePortsModule.forUnit({ resolved: resolved(text, 'gateway', []), ports: PORTS, transports: UNIT_TRANSPORTS, env: {} })],
      }).compile();
      app = await moduleRef.init();
      return app.get<SpecApi>(SpecPort.token);
    }

    it.each([
      ['the unit’s own entry (over the topology’s)', 'reserve'],
      ['the topology’s entry', 'slow'],
    ] as const)('fails with the timeout of %s, long before the declared one', async (_, method) => {
      const api = await gatewayApi();
      const start = Date.now();
      const error = await failureOf(api[method]({ table: 't1', guests: 1 } as ReserveInput));
      const waited = Date.now() - start;
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      expect(error.message).toBe(`spec did not answer within ${OVERRIDE_MS} ms; try again later`);
      // Generous margins: at least about the override, and nowhere near the declared 30 s.
      expect(waited).toBeGreaterThanOrEqual(OVERRIDE_MS - 50);
      expect(waited).toBeLessThan(10_000);
    });
  });

  describe('on an in-process call', () => {
    @Injectable()
    class InjectableBooking extends FakeBooking {
      constructor() {
        super(tableTakenError('SPEC_METHODS_TABLE_TAKEN'));
      }
    }

    it('changes nothing: a local call slower than the override still answers', async () => {
      const text = `
name: spec-monolith
methods:
  - { method: spec.slow, timeoutMs: 50 }
units:
  - name: monolith
    domains: [spec]
    methods:
      - { method: spec.slow, timeoutMs: 20 }
`;
      const moduleRef = await Test.createTestingModule({
        imports: [RemotePortsModule.forUnit({ resolved: resolved(text, 'monolith', ['spec']), ports: PORTS, transports: UNIT_TRANSPORTS, env: {} })],
        providers: [InjectableBooking, bindLocalPort(SpecPort, InjectableBooking)],
      }).compile();
      app = await moduleRef.init();
      const api = app.get<SpecApi>(SpecPort.token);
      const answer = api.slow({ table: 't1', guests: 2 } as ReserveInput);
      await new Promise((resolve) => setTimeout(resolve, 300)); // well past both overrides
      app.get(InjectableBooking).releaseAll();
      await expect(answer).resolves.toMatchObject({ id: 'late', guests: 2 });
    });
  });
});
