import { SimulatedPaymentProvider } from './simulated-payment-provider';

describe('SimulatedPaymentProvider', () => {
  const provider = new SimulatedPaymentProvider({ declineOver: 1_000, latencyMs: 0 });

  it('approves up to the threshold and declines strictly above it', async () => {
    await expect(provider.authorize(1_000, 'EUR', 'k1')).resolves.toMatchObject({ approved: true });
    await expect(provider.authorize(1_001, 'EUR', 'k2')).resolves.toEqual({ approved: false, reason: expect.stringContaining('1001') });
  });

  it('answers the same reference with the same provider reference', async () => {
    const first = await provider.authorize(10, 'EUR', 'same');
    const second = await provider.authorize(10, 'EUR', 'same');
    const other = await provider.authorize(10, 'EUR', 'other');
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('waits the configured latency on every call', async () => {
    const slow = new SimulatedPaymentProvider({ declineOver: 1_000, latencyMs: 30 });
    for (const call of [() => slow.authorize(1, 'EUR', 'r'), () => slow.capture('r'), () => slow.refund('r')]) {
      const started = performance.now();
      await call();
      expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    }
  });
});
