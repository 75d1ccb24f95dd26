import 'reflect-metadata';
import { connect, createServer, type Server as NetServer, type Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { createLocalBinding, definePort, DependencyUnavailableError, DomainError, portMethod, ValidationFailedError, type PortApi } from '@foodcourt/platform-kernel';
import { createPortHandlers, createRemoteBinding, remoteCaller } from '@foodcourt/platform-ports';
import type { TcpEndpoint } from '@foodcourt/platform-transport-tcp';
import { RemoteInternalError, type UnitConnection, type UnitServer } from '@foodcourt/platform-wire';
import { connectToUnit, startUnitServer } from '../unit-transports';
import { AT, failureOf, FakeBooking, ReserveInput, Reservation, tableTakenError } from '@foodcourt/platform-kernel/testing';
import { freeLoopbackPort } from './testing/free-loopback-port';

// Every test here talks to a real Nest TCP server on loopback through the real Nest TCP client.

const TableTakenError = tableTakenError('SPEC_REMOTE_TABLE_TAKEN');

/** Long enough that "answered quickly" can only mean "did not wait for the timeout". */
const LONG_TIMEOUT_MS = 30_000;
const SLOW_TIMEOUT_MS = 300;

const SpecPort = definePort('spec', {
  reserve: portMethod({ input: ReserveInput, output: Reservation, idempotent: false, timeoutMs: LONG_TIMEOUT_MS }),
  peek: portMethod({ input: ReserveInput, output: Reservation, idempotent: true, timeoutMs: LONG_TIMEOUT_MS }),
  slow: portMethod({ input: ReserveInput, output: Reservation, idempotent: true, timeoutMs: SLOW_TIMEOUT_MS }),
});
type SpecApi = PortApi<typeof SpecPort>;

const tcpEndpoint = (port: number): TcpEndpoint => ({ unit: 'spec-unit', transport: 'tcp', namespace: 'spec', host: '127.0.0.1', port });

const serveSpec = (port: number, impl: FakeBooking): Promise<UnitServer> =>
  startUnitServer(tcpEndpoint(port), [...createPortHandlers(SpecPort, createLocalBinding(SpecPort, impl))]);

const elapsedSince = (start: number) => Date.now() - start;

type FaultMode = 'drop-request' | 'drop-reply' | 'forward';

/**
 * A loopback TCP relay in front of the unit: the next `faults` connections fail as told
 * (request never forwarded, or forwarded but the reply never returned), then it forwards.
 */
async function startFaultyRelay(targetPort: number, mode: FaultMode, faults: number) {
  const sockets = new Set<Socket>();
  let failuresLeft = faults;
  const state = { requestsForwarded: 0, connections: 0 };
  const server: NetServer = createServer((downstream) => {
    state.connections++;
    sockets.add(downstream);
    const failing = failuresLeft > 0 ? mode : 'forward';
    if (failuresLeft > 0) failuresLeft--;
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    const drop = () => {
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on('error', drop);
    upstream.on('error', drop);
    downstream.on('close', drop);
    upstream.on('close', drop);
    downstream.on('data', (chunk) => {
      if (failing === 'drop-request') return drop();
      state.requestsForwarded++;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (failing === 'drop-reply') return drop();
      downstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('remote port binding over TCP', () => {
  let port: number;
  let impl: FakeBooking;
  const cleanups: (() => Promise<unknown> | unknown)[] = [];

  /** A remote binding of SpecPort on the unit at `targetPort` (the caller names the domain "spec"). */
  const bindRemote = (targetPort = port): SpecApi => {
    const connection: UnitConnection = connectToUnit(tcpEndpoint(targetPort));
    cleanups.push(() => connection.close());
    return createRemoteBinding(SpecPort, remoteCaller('spec', connection));
  };
  const serve = async (targetPort = port, implementation = impl): Promise<UnitServer> => {
    const server = await serveSpec(targetPort, implementation);
    cleanups.push(() => server.close());
    return server;
  };

  beforeEach(async () => {
    port = await freeLoopbackPort();
    impl = new FakeBooking(TableTakenError);
  });

  afterEach(async () => {
    impl.releaseAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    jest.restoreAllMocks();
  });

  it('returns an instance of the output DTO with Dates as Date, and hands the implementation its input DTO', async () => {
    await serve();
    const result = await bindRemote().reserve({ table: 't1', guests: 2 } as ReserveInput);
    expect(result).toBeInstanceOf(Reservation);
    expect(result.at).toBeInstanceOf(Date);
    expect(result.at.toISOString()).toBe(AT);
    expect(result).toMatchObject({ id: 'r-t1', guests: 2 });
    expect(impl.calls).toHaveLength(1);
    expect(impl.calls[0]!.input).toBeInstanceOf(ReserveInput);
    expect(impl.calls[0]!.input).toEqual({ table: 't1', guests: 2 });
  });

  it('rethrows a domain error of the implementation as the same class with code, message and details', async () => {
    await serve();
    const error = await failureOf(bindRemote().reserve({ table: 'taken', guests: 2 } as ReserveInput));
    expect(error).toBeInstanceOf(TableTakenError);
    expect(error).toMatchObject({ code: 'SPEC_REMOTE_TABLE_TAKEN', kind: 'conflict', message: 'table taken is taken', details: { table: 'taken' } });
  });

  it('rejects invalid input with ValidationFailedError naming the field, without running the implementation', async () => {
    await serve();
    const api = bindRemote();
    const zero = await failureOf(api.reserve({ table: 't1', guests: 0 } as ReserveInput));
    expect(zero).toBeInstanceOf(ValidationFailedError);
    expect((zero as ValidationFailedError).violations).toEqual([{ field: 'guests', messages: [expect.stringContaining('guests')] }]);
    const extra = await failureOf(api.reserve({ table: 't1', guests: 1, vip: true } as unknown as ReserveInput));
    expect((extra as ValidationFailedError).violations.map((v) => v.field)).toEqual(['vip']);
    const idempotent = await failureOf(api.peek({ table: 7, guests: 1 } as unknown as ReserveInput));
    expect((idempotent as ValidationFailedError).violations.map((v) => v.field)).toEqual(['table']);
    expect(impl.calls).toEqual([]);
  });

  it('turns a plain Error of the implementation into RemoteInternalError without leaking its message, and logs it on the serving side', async () => {
    const loggers = [jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined), jest.spyOn(Logger, 'error').mockImplementation(() => undefined)];
    await serve();
    const error = await failureOf(bindRemote().reserve({ table: 'bug', guests: 1 } as ReserveInput));
    expect(error).toBeInstanceOf(RemoteInternalError);
    expect(error).not.toBeInstanceOf(DomainError);
    expect(error.message).toBe('spec failed unexpectedly (see its log)');
    expect(JSON.stringify({ ...error, message: error.message })).not.toMatch(/ledger|hunter2/);
    // "see its log": the unit that failed must have written the cause somewhere an operator can find it.
    expect(loggedText(loggers)).toContain('ledger row 7 is corrupt');
  });

  it('fails fast with DependencyUnavailableError naming the domain when no unit listens, without waiting for the timeout', async () => {
    const api = bindRemote();
    for (const call of [() => api.reserve({ table: 't1', guests: 1 } as ReserveInput), () => api.peek({ table: 't1', guests: 1 } as ReserveInput)]) {
      const start = Date.now();
      const error = await failureOf(call());
      expect(elapsedSince(start)).toBeLessThan(1_000); // the method's timeout is 30 s
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      expect(error.message).toBe('spec is unavailable (connection refused); try again later');
      expect((error as DependencyUnavailableError).details).toEqual({ dependency: 'spec' });
    }
  });

  it('gives up on a handler slower than the method timeout with DependencyUnavailableError after about that timeout', async () => {
    await serve();
    const api = bindRemote();
    const start = Date.now();
    const error = await failureOf(api.slow({ table: 't1', guests: 1 } as ReserveInput));
    const waited = elapsedSince(start);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error.message).toBe(`spec did not answer within ${SLOW_TIMEOUT_MS} ms; try again later`);
    expect(waited).toBeGreaterThanOrEqual(SLOW_TIMEOUT_MS - 20);
    expect(waited).toBeLessThan(SLOW_TIMEOUT_MS + 700);
    // The late answer, once it comes, is dropped and the connection keeps serving.
    impl.releaseAll();
    await expect(api.reserve({ table: 't2', guests: 2 } as ReserveInput)).resolves.toMatchObject({ id: 'r-t2' });
  });

  it('works again, with no manual step, once the unit restarts on the same port', async () => {
    const first = await serveSpec(port, impl);
    const api = bindRemote();
    await expect(api.reserve({ table: 'a', guests: 1 } as ReserveInput)).resolves.toMatchObject({ id: 'r-a' });

    await first.close();
    await expect(api.reserve({ table: 'b', guests: 1 } as ReserveInput)).rejects.toBeInstanceOf(DependencyUnavailableError);

    const restarted = new FakeBooking(TableTakenError);
    await serve(port, restarted);
    await expect(api.reserve({ table: 'c', guests: 1 } as ReserveInput)).resolves.toMatchObject({ id: 'r-c' });
    await expect(api.peek({ table: 'd', guests: 1 } as ReserveInput)).resolves.toMatchObject({ id: 'r-d' });
    expect(restarted.calls.map((c) => c.input.table)).toEqual(['c', 'd']);
  });

  it('fails an in-flight call with DependencyUnavailableError when the unit goes down mid-call', async () => {
    const server = await serveSpec(port, impl);
    const api = bindRemote();
    const pending = failureOf(api.reserve({ table: 'hold', guests: 1 } as ReserveInput));
    await waitUntil(() => impl.calls.length === 1);
    const start = Date.now();
    await server.close();
    const error = await pending;
    expect(elapsedSince(start)).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error.message).toBe('spec is unavailable (connection closed); try again later');
  });

  describe('when the connection fails', () => {
    it('retries an idempotent method whose request never arrived, and the implementation runs once', async () => {
      await serve();
      const relay = await startFaultyRelay(port, 'drop-request', 1);
      cleanups.push(() => relay.close());
      const result = await bindRemote(relay.port).peek({ table: 't1', guests: 3 } as ReserveInput);
      expect(result).toBeInstanceOf(Reservation);
      expect(relay.state.connections).toBe(2);
      expect(impl.calls.map((c) => c.method)).toEqual(['peek']);
    });

    it('does not retry a non-idempotent method: one failed attempt, DependencyUnavailableError, nothing ran', async () => {
      await serve();
      const relay = await startFaultyRelay(port, 'drop-request', 1);
      cleanups.push(() => relay.close());
      const error = await failureOf(bindRemote(relay.port).reserve({ table: 't1', guests: 3 } as ReserveInput));
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      expect(error.message).toMatch(/^spec is unavailable \(connection (closed|reset)\); try again later$/);
      expect(relay.state.connections).toBe(1);
      expect(impl.calls).toEqual([]);
    });

    it('runs a non-idempotent method at most once when the connection drops after the request arrived', async () => {
      await serve();
      const relay = await startFaultyRelay(port, 'drop-reply', 1);
      cleanups.push(() => relay.close());
      const api = bindRemote(relay.port);
      const error = await failureOf(api.reserve({ table: 'once', guests: 1 } as ReserveInput));
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      // No late retry either: the next call is the only other one the unit sees.
      await expect(api.reserve({ table: 'next', guests: 1 } as ReserveInput)).resolves.toMatchObject({ id: 'r-next' });
      expect(impl.calls.map((c) => c.input.table)).toEqual(['once', 'next']);
      expect(relay.state.requestsForwarded).toBe(2);
    });

    it('gives up on an idempotent method after a bounded number of attempts, well before its timeout', async () => {
      await serve();
      const relay = await startFaultyRelay(port, 'drop-request', Number.POSITIVE_INFINITY);
      cleanups.push(() => relay.close());
      const start = Date.now();
      const error = await failureOf(bindRemote(relay.port).peek({ table: 't1', guests: 3 } as ReserveInput));
      expect(elapsedSince(start)).toBeLessThan(2_000);
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      // cockatiel's maxAttempts: 2 means two retries after the first attempt.
      expect(relay.state.connections).toBe(3);
      expect(impl.calls).toEqual([]);
    });
  });

  describe("with a topology's per-method overrides", () => {
    const bindWith = (targetPort: number, overrides: Map<string, { timeoutMs?: number; retries?: number }>): SpecApi => {
      const connection: UnitConnection = connectToUnit(tcpEndpoint(targetPort));
      cleanups.push(() => connection.close());
      return createRemoteBinding(SpecPort, remoteCaller('spec', connection), undefined, overrides);
    };

    it.each([
      [0, 1],
      [4, 5],
    ])('gives an idempotent method %i retries: %i attempts in all', async (retries, attempts) => {
      await serve();
      const relay = await startFaultyRelay(port, 'drop-request', Number.POSITIVE_INFINITY);
      cleanups.push(() => relay.close());
      const error = await failureOf(bindWith(relay.port, new Map([['spec.peek', { retries }]])).peek({ table: 't1', guests: 3 } as ReserveInput));
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      expect(relay.state.connections).toBe(attempts);
      expect(impl.calls).toEqual([]);
    });

    it('refuses to bind retries for a method that is not idempotent', () => {
      expect(() => bindWith(port, new Map([['spec.reserve', { retries: 1 }]]))).toThrow('spec.reserve is not idempotent: it cannot be given retries');
    });
  });

  describe('a malformed message sent straight to the unit', () => {
    let raw: ClientProxy;
    beforeEach(() => {
      raw = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port } });
      cleanups.push(() => raw.close());
    });
    const ask = (pattern: string, data: unknown) => lastValueFrom(raw.send(pattern, data));

    it('is answered with VALIDATION_FAILED naming the field, runs nothing, and the unit keeps answering', async () => {
      await serve();
      await expect(ask('spec.reserve', 'garbage')).resolves.toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'VALIDATION_FAILED', kind: 'invalid-input', details: { violations: [{ field: '(root)', messages: ['must be a JSON object'] }] } }),
      });
      const wrongTypes = (await ask('spec.reserve', { guests: 'x' })) as { ok: boolean; error: { code: string; details: { violations: { field: string }[] } } };
      expect(wrongTypes.ok).toBe(false);
      expect(wrongTypes.error.code).toBe('VALIDATION_FAILED');
      expect(wrongTypes.error.details.violations.map((v) => v.field).sort()).toEqual(['guests', 'table']);
      await expect(ask('spec.reserve', [1, 2])).resolves.toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(impl.calls).toEqual([]);

      await expect(ask('spec.reserve', { table: 'raw', guests: 1 })).resolves.toEqual({ ok: true, value: { id: 'r-raw', guests: 1, at: AT } });
      await expect(bindRemote().reserve({ table: 'after', guests: 1 } as ReserveInput)).resolves.toBeInstanceOf(Reservation);
    });

    it('gets a clear error for a pattern the unit does not answer, and the binding reports it as unavailable', async () => {
      await serve();
      await expect(ask('spec.cancel', { table: 't1' })).rejects.toBe('There is no matching message handler defined in the remote service.');
      await expect(bindRemote().reserve({ table: 'after', guests: 1 } as ReserveInput)).resolves.toMatchObject({ id: 'r-after' });

      // A caller whose port declares a method the unit does not host (an older unit, say).
      const NewerPort = definePort('spec', { cancel: portMethod({ input: ReserveInput, output: Reservation, idempotent: false, timeoutMs: LONG_TIMEOUT_MS }) });
      const connection = connectToUnit(tcpEndpoint(port));
      cleanups.push(() => connection.close());
      const error = await failureOf(createRemoteBinding(NewerPort, remoteCaller('spec', connection)).cancel({ table: 't1', guests: 1 } as ReserveInput));
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      expect(error.message).toBe('spec is unavailable (it does not answer this call); try again later');
    });

    it('survives frames that are not JSON or carry no pattern, logs them, and keeps answering valid calls', async () => {
      const loggers = [jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined)];
      const warnings = [jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)];
      await serve();
      const framed = (json: string) => `${json.length}#${json}`;
      // Not a length; not JSON; no pattern nor id; an id but no pattern; a pattern that is an object.
      const frames = ['garbage#', framed('{not json!!}'), framed('{}'), framed('{"id":"1","data":{"a":1}}'), framed('{"id":"2","pattern":{"x":1},"data":{}}')];
      for (const frame of frames) {
        await sendRawFrame(port, frame);
      }
      await expect(bindRemote().reserve({ table: 'after', guests: 1 } as ReserveInput)).resolves.toMatchObject({ id: 'r-after' });
      expect(impl.calls.map((c) => c.input.table)).toEqual(['after']);
      // A broken frame is an expected event between units: a warning, not an error with a stack.
      expect(loggedText(warnings)).toMatch(/Corrupted length value.*keeps serving/);
      expect(loggedText(loggers)).not.toContain('Corrupted length value');
    });
  });
});

/** Everything the spied loggers were asked to write, errors with their messages. */
function loggedText(spies: jest.SpyInstance[]): string {
  return spies
    .flatMap((spy) => spy.mock.calls.flat())
    .map((value: unknown) => (value instanceof Error ? `${value.message}\n${value.stack}` : String(value)))
    .join('\n');
}

/** Writes one raw frame on a fresh connection and waits until the unit answered or closed it. */
function sendRawFrame(port: number, frame: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(frame));
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.on('data', done);
    socket.on('error', done);
    socket.on('close', done);
    setTimeout(done, 200);
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
