import 'reflect-metadata';
import { ordersConfigFromEnv } from './orders-config';

describe('ordersConfigFromEnv', () => {
  it('defaults to a 60 s pending timeout and a 30 s sweep interval', () => {
    expect(ordersConfigFromEnv({})).toEqual({ pendingTimeoutMs: 60_000, recoveryIntervalMs: 30_000 });
    expect(ordersConfigFromEnv({ ORDERS_PENDING_TIMEOUT_MS: '', ORDERS_RECOVERY_INTERVAL_MS: '' })).toEqual({
      pendingTimeoutMs: 60_000,
      recoveryIntervalMs: 30_000,
    });
  });

  it('reads ORDERS_PENDING_TIMEOUT_MS (0 allowed: every PENDING order is stale) and ORDERS_RECOVERY_INTERVAL_MS', () => {
    expect(ordersConfigFromEnv({ ORDERS_PENDING_TIMEOUT_MS: '0', ORDERS_RECOVERY_INTERVAL_MS: '100' })).toEqual({
      pendingTimeoutMs: 0,
      recoveryIntervalMs: 100,
    });
  });

  it.each([
    ['ORDERS_PENDING_TIMEOUT_MS', 'soon'],
    ['ORDERS_PENDING_TIMEOUT_MS', '-1'],
    ['ORDERS_PENDING_TIMEOUT_MS', '1.5'],
    ['ORDERS_PENDING_TIMEOUT_MS', '86400001'],
    ['ORDERS_RECOVERY_INTERVAL_MS', '99'],
    ['ORDERS_RECOVERY_INTERVAL_MS', '3600001'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => ordersConfigFromEnv({ [name]: value })).toThrow(name);
  });
});
