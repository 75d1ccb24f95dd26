import { DependencyUnavailableError } from '@foodcourt/platform-kernel';
import { TransportFailure, valueReply, type TransportFailureReason, type UnitConnection } from '@foodcourt/platform-wire';
import { remoteCaller } from './remote-call';

/** A connection failing its first `failures` requests with `reason`, then answering "ok". */
function flaky(failures: number, reason: TransportFailureReason): UnitConnection & { requests: number } {
  const connection = {
    requests: 0,
    async request() {
      connection.requests++;
      if (connection.requests <= failures) throw new TransportFailure(reason);
      return valueReply('ok');
    },
    async close() {},
  };
  return connection;
}

describe('remoteCaller: what is sent again', () => {
  it('resends a call a draining unit turned away until it answers, even for a method that is not idempotent', async () => {
    const connection = flaky(6, 'unit draining');
    const call = remoteCaller('spec', connection);
    await expect(call('spec.pay', {}, { timeoutMs: 5_000, idempotent: false })).resolves.toBe('ok');
    expect(connection.requests).toBe(7);
  });

  it('gives up on a unit still draining at the deadline, naming why', async () => {
    const connection = flaky(Number.MAX_SAFE_INTEGER, 'unit draining');
    const call = remoteCaller('spec', connection);
    const began = Date.now();
    const error = await call('spec.pay', {}, { timeoutMs: 600, idempotent: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect((error as Error).message).toBe('spec is unavailable (unit draining); try again later');
    expect(Date.now() - began).toBeGreaterThanOrEqual(550);
  });

  it('does not resend a refused call of a method that is not idempotent (a unit that is down fails fast)', async () => {
    const connection = flaky(1, 'connection refused');
    const call = remoteCaller('spec', connection);
    await expect(call('spec.pay', {}, { timeoutMs: 5_000, idempotent: false })).rejects.toThrow('spec is unavailable (connection refused)');
    expect(connection.requests).toBe(1);
  });

  it('retries an idempotent call `retries` times after other failures, no more', async () => {
    const connection = flaky(10, 'connection reset');
    const call = remoteCaller('spec', connection);
    await expect(call('spec.get', {}, { timeoutMs: 5_000, idempotent: true, retries: 2 })).rejects.toThrow('spec is unavailable (connection reset)');
    expect(connection.requests).toBe(3);
  });
});
