import 'reflect-metadata';
import { ConfigError } from '@foodcourt/platform-kernel';
import { simulatedProviderConfigFromEnv } from './simulated-provider.config';

describe('simulatedProviderConfigFromEnv', () => {
  it('defaults to declining over 500000 with no latency', () => {
    expect(simulatedProviderConfigFromEnv({})).toEqual({ declineOver: 500_000, latencyMs: 0 });
  });

  it('reads both variables', () => {
    const config = simulatedProviderConfigFromEnv({ PAYMENTS_SIM_DECLINE_OVER: '1000', PAYMENTS_SIM_LATENCY_MS: ' 250 ' });
    expect(config).toEqual({ declineOver: 1_000, latencyMs: 250 });
  });

  it.each([
    ['PAYMENTS_SIM_DECLINE_OVER', 'lots'],
    ['PAYMENTS_SIM_DECLINE_OVER', '-1'],
    ['PAYMENTS_SIM_DECLINE_OVER', '1.5'],
    ['PAYMENTS_SIM_LATENCY_MS', '10001'],
    ['PAYMENTS_SIM_LATENCY_MS', ''],
  ])('rejects %s=%j naming the variable', (name, value) => {
    expect(() => simulatedProviderConfigFromEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => simulatedProviderConfigFromEnv({ [name]: value })).toThrow(name);
  });
});
