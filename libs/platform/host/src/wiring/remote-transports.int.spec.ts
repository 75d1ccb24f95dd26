import 'reflect-metadata';
import { connect, createServer, type Socket } from 'node:net';
import { connect as amqpConnect } from 'amqplib';
import { createLocalBinding, definePort, DependencyUnavailableError, portMethod, ValidationFailedError, type PortApi } from '@foodcourt/platform-kernel';
import { createPortHandlers, createRemoteBinding, remoteCaller } from '@foodcourt/platform-ports';
import { rabbitQueueOf } from '@foodcourt/platform-transport-rabbitmq';
import { RemoteInternalError, type RpcHandler, type UnitServer } from '@foodcourt/platform-wire';
import { connectToUnit, startUnitServer, type ShippedEndpoint } from '../unit-transports';
import { AT, failureOf, FakeBooking, ReserveInput, Reservation, sleep, tableTakenError } from '@foodcourt/platform-kernel/testing';

// Remote bindings over the real brokers (integration only: `npm run test:integration`).
const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
const RABBITMQ_URL = process.env['RABBITMQ_URL'] || 'amqp://guest:guest@127.0.0.1:5672';

const TableTakenError = tableTakenError('SPEC_BROKER_TABLE_TAKEN');

const TIMEOUT_MS = 300;

const SpecPort = definePort('spec', {
  reserve: portMethod({ input: ReserveInput, output: Reservation, idempotent: false, timeoutMs: TIMEOUT_MS }),
  peek: portMethod({ input: ReserveInput, output: Reservation, idempotent: true, timeoutMs: TIMEOUT_MS }),
});
type SpecApi = PortApi<typeof SpecPort>;
/**
 * The same `spec.peek` with a deadline long enough to outlast a drain and the start of the next
 * instance on a loaded machine: what a request waiting in RabbitMQ's queue needs (the drain test).
 */
const PatientSpecPort = definePort('spec', {
  peek: portMethod({ input: ReserveInput, output: Reservation, idempotent: true, timeoutMs: 15_000 }),
});

let sequence = 0;
/** A namespace no other test (nor an earlier run) uses, so subjects and queues never collide. */
const uniqueNamespace = (transport: string) => `spec-${transport}-${process.pid}-${Date.now().toString(36)}-${++sequence}`;

async function deleteRabbitQueue(queue: string): Promise<void> {
  const connection = await amqpConnect(RABBITMQ_URL);
  try {
    const channel = await connection.createChannel();
    await channel.deleteQueue(queue);
    await channel.close();
  } finally {
    await connection.close();
  }
}

describe.each([
  // NATS answers "no responders" at once; on RabbitMQ the request waits in the unit's queue until the caller gives up.
  { transport: 'nats' as const, url: NATS_URL, nobodyAnswers: 'spec is unavailable (no unit answers); try again later' },
  { transport: 'rabbitmq' as const, url: RABBITMQ_URL, nobodyAnswers: `spec did not answer within ${TIMEOUT_MS} ms; try again later` },
])('remote port binding over $transport', ({ transport, url, nobodyAnswers }) => {
  let endpoint: ShippedEndpoint;
  let impl: FakeBooking;
  const cleanups: (() => Promise<unknown> | unknown)[] = [];

  const serve = async (implementation = impl): Promise<UnitServer> => {
    const server = await startUnitServer(endpoint, [...createPortHandlers(SpecPort, createLocalBinding(SpecPort, implementation))]);
    // The pause keeps the other tests clear of the close-right-after-a-reply case, tested on its own below.
    cleanups.push(async () => {
      await sleep(50);
      await server.close();
    });
    return server;
  };
  function bindRemote(): SpecApi;
  function bindRemote(port: typeof PatientSpecPort): PortApi<typeof PatientSpecPort>;
  function bindRemote(port: typeof SpecPort | typeof PatientSpecPort = SpecPort) {
    const connection = connectToUnit(endpoint);
    cleanups.push(() => connection.close());
    return createRemoteBinding(port, remoteCaller('spec', connection));
  }

  beforeEach(() => {
    endpoint = { unit: 'spec-unit', transport, url, namespace: uniqueNamespace(transport) } as ShippedEndpoint;
    impl = new FakeBooking(TableTakenError);
  });

  afterEach(async () => {
    impl.releaseAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    if (transport === 'rabbitmq') await deleteRabbitQueue(rabbitQueueOf(endpoint as { namespace: string; unit: string }));
  });

  it('returns an instance of the output DTO with Dates as Date', async () => {
    await serve();
    const result = await bindRemote().reserve({ table: 't1', guests: 2 } as ReserveInput);
    expect(result).toBeInstanceOf(Reservation);
    expect(result.at).toBeInstanceOf(Date);
    expect(result.at.toISOString()).toBe(AT);
    expect(result).toMatchObject({ id: 'r-t1', guests: 2 });
    expect(impl.calls[0]!.input).toBeInstanceOf(ReserveInput);
  });

  it('rethrows a domain error as the same class with code, message and details', async () => {
    await serve();
    const error = await failureOf(bindRemote().peek({ table: 'taken', guests: 2 } as ReserveInput));
    expect(error).toBeInstanceOf(TableTakenError);
    expect(error).toMatchObject({ code: 'SPEC_BROKER_TABLE_TAKEN', message: 'table taken is taken', details: { table: 'taken' } });
  });

  it('rejects invalid input with ValidationFailedError naming the field, without running the implementation', async () => {
    await serve();
    const error = await failureOf(bindRemote().reserve({ table: 't1', guests: 0 } as ReserveInput));
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual(['guests']);
    expect(impl.calls).toEqual([]);
  });

  it('turns a plain Error of the implementation into RemoteInternalError without its message', async () => {
    await serve();
    const error = await failureOf(bindRemote().reserve({ table: 'bug', guests: 1 } as ReserveInput));
    expect(error).toBeInstanceOf(RemoteInternalError);
    expect(error.message).toBe('spec failed unexpectedly (see its log)');
  });

  it('gives DependencyUnavailableError naming the domain, within the timeout, when no unit answers', async () => {
    const api = bindRemote();
    for (const call of [() => api.reserve({ table: 't1', guests: 1 } as ReserveInput), () => api.peek({ table: 't1', guests: 1 } as ReserveInput)]) {
      const start = Date.now();
      const error = await failureOf(call());
      expect(Date.now() - start).toBeLessThan(TIMEOUT_MS + 500);
      expect(error).toBeInstanceOf(DependencyUnavailableError);
      expect(error.message).toBe(nobodyAnswers);
      expect((error as DependencyUnavailableError).details).toEqual({ dependency: 'spec' });
    }
  });

  it('gives up on a handler slower than the timeout with "did not answer within"', async () => {
    await serve();
    const start = Date.now();
    const error = await failureOf(bindRemote().reserve({ table: 'hold', guests: 1 } as ReserveInput));
    expect(Date.now() - start).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error.message).toBe(`spec did not answer within ${TIMEOUT_MS} ms; try again later`);
  });

  it('does not run, once the unit comes back, a call its caller gave up on', async () => {
    const api = bindRemote();
    // The first call opens the client's connection; the second is sent at once and given up on.
    await expect(api.peek({ table: 'warm-up', guests: 1 } as ReserveInput)).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(api.reserve({ table: 'stale', guests: 1 } as ReserveInput)).rejects.toBeInstanceOf(DependencyUnavailableError);
    await serve();
    await expect(api.reserve({ table: 'fresh', guests: 1 } as ReserveInput)).resolves.toMatchObject({ id: 'r-fresh' });
    await sleep(100);
    expect(impl.calls.map((c) => c.input.table)).toEqual(['fresh']);
  });

  if (transport === 'rabbitmq') {
    it('does not leave a request in the queue after its caller gave up, even when the broker link is slow to open', async () => {
      const queue = rabbitQueueOf(endpoint as { namespace: string; unit: string });
      const admin = await amqpConnect(RABBITMQ_URL);
      cleanups.push(() => admin.close());
      const channel = await admin.createChannel();
      await channel.assertQueue(queue, { durable: false });
      // The caller reaches the broker through a link that takes 150 ms to open (a congested network, a broker under load).
      const link = await startSlowLink(new URL(RABBITMQ_URL), 150);
      cleanups.push(() => link.close());
      const connection = connectToUnit({ ...endpoint, url: link.url } as ShippedEndpoint);
      cleanups.push(() => connection.close());
      const api = createRemoteBinding(SpecPort, remoteCaller('spec', connection));

      await expect(api.reserve({ table: 'stale', guests: 1 } as ReserveInput)).rejects.toBeInstanceOf(DependencyUnavailableError);
      await sleep(30);
      const { messageCount } = await channel.checkQueue(queue);
      // Whatever still waits here runs on the next unit to start, although its caller got a 503.
      expect({ waitingAfterTheCallerGaveUp: messageCount }).toEqual({ waitingAfterTheCallerGaveUp: 0 });
      await serve();
      await sleep(300);
      expect(impl.calls).toEqual([]);
    });
  }

  it('works again once the unit restarts, through the same binding', async () => {
    const first = await startUnitServer(endpoint, [...createPortHandlers(SpecPort, createLocalBinding(SpecPort, impl))]);
    const api = bindRemote();
    await expect(api.peek({ table: 'a', guests: 1 } as ReserveInput)).resolves.toMatchObject({ id: 'r-a' });
    await sleep(100); // lets the reply's publish settle: closing right after a reply is the next test's case
    await first.close();
    await expect(api.peek({ table: 'b', guests: 1 } as ReserveInput)).rejects.toBeInstanceOf(DependencyUnavailableError);
    const restarted = new FakeBooking(TableTakenError);
    await serve(restarted);
    await expect(api.peek({ table: 'c', guests: 1 } as ReserveInput)).resolves.toMatchObject({ id: 'r-c' });
    expect(restarted.calls.map((c) => c.input.table)).toEqual(['c']);
  });

  it('drains: answers the call in flight, takes no new one (the next instance does), then closes', async () => {
    const first = await startUnitServer(endpoint, [...createPortHandlers(SpecPort, createLocalBinding(SpecPort, impl))]);
    const api = bindRemote();
    await expect(api.peek({ table: 'warm', guests: 1 } as ReserveInput)).resolves.toMatchObject({ id: 'r-warm' });
    const inFlight = api.reserve({ table: 'hold', guests: 1 } as ReserveInput);
    while (first.inFlight === 0) await sleep(5);
    const drained = first.drain();
    // Nobody takes calls now: NATS has no responder left, RabbitMQ keeps the request queued. The call is
    // sent at once; whether it reaches the draining server (which turns it away unexecuted, so the caller
    // sends it again) or no server at all, the outcome is the same, so no pause is needed here.
    const next = new FakeBooking(TableTakenError);
    const input = { table: 'later', guests: 1 } as ReserveInput;
    const later = (transport === 'rabbitmq' ? bindRemote(PatientSpecPort).peek(input) : api.peek(input)).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    impl.releaseAll();
    await expect(inFlight).resolves.toMatchObject({ id: 'r-hold' });
    await drained;
    expect(first.inFlight).toBe(0);
    await first.close();
    if (transport === 'rabbitmq') {
      // The queued request is served by the next instance, before its deadline.
      await serve(next);
      await expect(later).resolves.toMatchObject({ value: { id: 'r-later' } });
      expect(next.calls.map((c) => c.input.table)).toEqual(['later']);
    } else {
      // Decided before a next instance exists: with no responder until its deadline, the call fails as unavailable.
      await expect(later).resolves.toMatchObject({ error: expect.any(DependencyUnavailableError) });
    }
    expect(impl.calls.map((c) => c.input.table)).toEqual(['warm', 'hold']);
  });

  it('stops cleanly when it is closed right after answering a call (no unhandled rejection)', async () => {
    // A unit told to stop while a reply is on its way, as on SIGTERM under load. An unhandled
    // rejection here is what kills a Node process; Jest reports it as this test's failure.
    const unit: { server?: UnitServer; closing?: Promise<void> } = {};
    const handlers: [string, RpcHandler][] = [...createPortHandlers(SpecPort, createLocalBinding(SpecPort, impl))].map(([pattern, handler]) => [
      pattern,
      async (data: unknown) => {
        const reply = await handler(data);
        setImmediate(() => (unit.closing = unit.server!.close()));
        return reply;
      },
    ]);
    unit.server = await startUnitServer(endpoint, handlers);
    await bindRemote()
      .reserve({ table: 't1', guests: 1 } as ReserveInput)
      .catch(() => undefined);
    while (!unit.closing) await sleep(5);
    await expect(unit.closing).resolves.toBeUndefined();
    await sleep(50);
  });
});

/** A loopback TCP link to `target` that takes `delayMs` to open each connection, then forwards both ways. */
async function startSlowLink(target: URL, delayMs: number) {
  const sockets = new Set<Socket>();
  const server = createServer((downstream) => {
    sockets.add(downstream);
    downstream.pause();
    downstream.on('error', () => downstream.destroy());
    setTimeout(() => {
      const upstream = connect(Number(target.port), target.hostname, () => {
        downstream.pipe(upstream);
        upstream.pipe(downstream);
        downstream.resume();
      });
      sockets.add(upstream);
      upstream.on('error', () => downstream.destroy());
      upstream.on('close', () => downstream.destroy());
      downstream.on('close', () => upstream.destroy());
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target.href);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.href,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
