import 'reflect-metadata';
import { startPaymentsContext } from './testing/payments-test-context';

const VARIABLES = ['PAYMENTS_SIM_LATENCY_MS', 'PAYMENTS_SIM_DECLINE_OVER'];

describe('PaymentsCoreModule', () => {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  afterEach(() => {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('fails at creation with the name of a bad provider variable', async () => {
    process.env['PAYMENTS_SIM_LATENCY_MS'] = 'slow';
    await expect(startPaymentsContext()).rejects.toThrow('PAYMENTS_SIM_LATENCY_MS');
  });

  it('applies PAYMENTS_SIM_DECLINE_OVER from the environment', async () => {
    process.env['PAYMENTS_SIM_DECLINE_OVER'] = '100';
    const ctx = await startPaymentsContext();
    try {
      await expect(ctx.provider.authorize(101, 'EUR', 'r')).resolves.toMatchObject({ approved: false });
      await expect(ctx.provider.authorize(100, 'EUR', 'r')).resolves.toMatchObject({ approved: true });
    } finally {
      await ctx.close();
    }
  });
});
