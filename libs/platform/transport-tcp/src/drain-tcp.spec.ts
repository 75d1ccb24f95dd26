import { Logger } from '@nestjs/common';
import { TransportFailure, valueReply } from '@foodcourt/platform-wire';
import { tcpTransport } from './tcp-transport';
import { freePort } from './testing/free-port';
import { tcpUnitClient } from './tcp-unit-client';

const endpoint = (port: number) => ({ unit: 'payments', transport: 'tcp' as const, namespace: 'spec', host: '127.0.0.1', port });
const failureOf = (promise: Promise<unknown>) => promise.then(
  () => undefined,
  (error: unknown) => error as TransportFailure,
);

describe('draining a unit served over TCP', () => {
  beforeAll(() => Logger.overrideLogger(['error']));
  afterAll(() => Logger.overrideLogger(['error', 'warn']));

  it('answers the call in flight, turns later calls away unexecuted, and resolves once nothing is in flight', async () => {
    const port = await freePort();
    let finishSlow!: () => void;
    const executed: string[] = [];
    const server = await tcpTransport.listen(endpoint(port), [
      ['payments.slow', () => new Promise((resolve) => (finishSlow = () => resolve(valueReply('slow done'))))],
      ['payments.pay', async () => (executed.push('pay'), valueReply('paid'))],
    ]);
    const client = tcpUnitClient('127.0.0.1', port);
    try {
      const slow = client.request('payments.slow', {}, Date.now() + 10_000);
      // Waits for the server to hold the call (no fixed pause: a loaded machine takes its time).
      while (server.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(server.inFlight).toBe(1);

      let drained = false;
      // drain() stops taking calls before it first waits: the next call is already too late.
      const drain = server.drain().then(() => (drained = true));
      // On the connection opened before the drain: turned away, never run.
      const late = await failureOf(client.request('payments.pay', {}, Date.now() + 2_000));
      expect(late).toBeInstanceOf(TransportFailure);
      expect(late?.reason).toBe('unit draining');
      expect(executed).toEqual([]);
      expect(drained).toBe(false);

      finishSlow();
      await expect(slow).resolves.toEqual(valueReply('slow done'));
      await drain;
      expect(server.inFlight).toBe(0);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('refuses new connections once draining; a caller that heard the notice reads the refusal as "unit draining" (it restarts)', async () => {
    const port = await freePort();
    const server = await tcpTransport.listen(endpoint(port), [['payments.ping', async () => valueReply('pong')]]);
    const heard = tcpUnitClient('127.0.0.1', port);
    await expect(heard.request('payments.ping', {}, Date.now() + 2_000)).resolves.toEqual(valueReply('pong'));
    await server.drain();
    // Turned away: by the time this fails, the client has read the unit's notice.
    expect((await failureOf(heard.request('payments.ping', {}, Date.now() + 2_000)))?.reason).toBe('unit draining');
    await server.close();

    const restarting = await failureOf(heard.request('payments.ping', {}, Date.now() + 2_000));
    expect(restarting?.reason).toBe('unit draining');
    // A caller that never heard it: the unit is simply not there, fail fast.
    const stranger = tcpUnitClient('127.0.0.1', port);
    expect((await failureOf(stranger.request('payments.ping', {}, Date.now() + 2_000)))?.reason).toBe('connection refused');
    await Promise.all([heard.close(), stranger.close()]);
  });

  it('reads refusals as "connection refused" again once the restart window is over', async () => {
    const port = await freePort();
    let now = 1_000_000;
    const server = await tcpTransport.listen(endpoint(port), [['payments.ping', async () => valueReply('pong')]]);
    const client = tcpUnitClient('127.0.0.1', port, () => now);
    await client.request('payments.ping', {}, Date.now() + 2_000);
    await server.drain();
    expect((await failureOf(client.request('payments.ping', {}, Date.now() + 2_000)))?.reason).toBe('unit draining');
    await server.close();
    now += 16_000;
    expect((await failureOf(client.request('payments.ping', {}, Date.now() + 2_000)))?.reason).toBe('connection refused');
    await client.close();
  });
});
