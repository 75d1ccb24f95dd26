import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first value the condition accepts, without polling further', async () => {
    let calls = 0;
    const started = Date.now();
    const value = await waitFor(
      () => ++calls,
      (n) => n === 3,
      { intervalMs: 10, timeoutMs: 5_000 },
    );
    expect(value).toBe(3);
    expect(calls).toBe(3);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('resolves at once when the condition already holds', async () => {
    const probe = jest.fn(async () => 'ready');
    const started = Date.now();
    await expect(waitFor(probe, (v) => v === 'ready', { intervalMs: 1_000 })).resolves.toBe('ready');
    expect(probe).toHaveBeenCalledTimes(1);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('rejects after the timeout, naming what it waited for and the last value', async () => {
    let calls = 0;
    const started = Date.now();
    const waiting = waitFor(
      async () => ({ status: 500 + ++calls }),
      () => false,
      { timeoutMs: 120, intervalMs: 10, what: 'payments unit ready' },
    );
    await expect(waiting).rejects.toThrow('payments unit ready not met within 120 ms');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(120);
    expect(elapsed).toBeLessThan(2_000);
    await expect(waiting).rejects.toThrow(`(last value: {"status":${500 + calls}})`);
  });

  it('keeps polling through a probe that throws', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls++;
        if (calls < 3) throw new Error('connection refused');
        return 'up';
      },
      (v) => v === 'up',
      { intervalMs: 5, timeoutMs: 5_000 },
    );
    expect(value).toBe('up');
    expect(calls).toBe(3);
  });

  it('reports the last error of a probe that keeps throwing', async () => {
    let calls = 0;
    const waiting = waitFor(
      async () => {
        calls++;
        throw new Error(`connection refused (attempt ${calls})`);
      },
      () => true,
      { timeoutMs: 80, intervalMs: 10, what: 'health' },
    );
    await expect(waiting).rejects.toThrow('health not met within 80 ms');
    expect(calls).toBeGreaterThan(1);
    await expect(waiting).rejects.toThrow(`(last error: connection refused (attempt ${calls}))`);
  });

  it('names the condition "condition" when `what` is not given', async () => {
    await expect(waitFor(() => 1, () => false, { timeoutMs: 20, intervalMs: 5 })).rejects.toThrow(/^condition not met within 20 ms \(last value: 1\)$/);
  });
});
