import 'reflect-metadata';
import { ConfigError } from '@foodcourt/platform-kernel';
import { identityConfigFromEnv } from './identity-config';

describe('identityConfigFromEnv', () => {
  it('has safe defaults and no admin', () => {
    expect(identityConfigFromEnv({})).toEqual({
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 2_592_000,
      loginMaxPerEmail: 5,
      loginMaxPerIp: 20,
      argon2MemoryKib: 19_456,
      argon2TimeCost: 2,
    });
  });

  it('reads every variable and normalizes the admin e-mail', () => {
    const config = identityConfigFromEnv({
      IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '5',
      IDENTITY_REFRESH_TOKEN_TTL_SECONDS: '3600',
      IDENTITY_LOGIN_MAX_PER_EMAIL: '3',
      IDENTITY_LOGIN_MAX_PER_IP: ' 50 ',
      IDENTITY_ARGON2_MEMORY_KIB: '8192',
      IDENTITY_ARGON2_TIME_COST: '3',
      IDENTITY_ADMIN_EMAIL: ' Root@Example.COM',
      IDENTITY_ADMIN_PASSWORD: 'admin password 1',
    });
    expect(config).toEqual({
      accessTokenTtlSeconds: 5,
      refreshTokenTtlSeconds: 3600,
      loginMaxPerEmail: 3,
      loginMaxPerIp: 50,
      argon2MemoryKib: 8192,
      argon2TimeCost: 3,
      adminEmail: 'root@example.com',
      adminPassword: 'admin password 1',
    });
  });

  it('treats empty admin variables as unset', () => {
    expect(identityConfigFromEnv({ IDENTITY_ADMIN_EMAIL: '', IDENTITY_ADMIN_PASSWORD: '' }).adminEmail).toBeUndefined();
  });

  it.each([
    [{ IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '4' }, 'IDENTITY_ACCESS_TOKEN_TTL_SECONDS'],
    [{ IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '86401' }, 'IDENTITY_ACCESS_TOKEN_TTL_SECONDS'],
    [{ IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '15m' }, 'IDENTITY_ACCESS_TOKEN_TTL_SECONDS'],
    [{ IDENTITY_REFRESH_TOKEN_TTL_SECONDS: '1.5' }, 'IDENTITY_REFRESH_TOKEN_TTL_SECONDS'],
    [{ IDENTITY_LOGIN_MAX_PER_EMAIL: '0' }, 'IDENTITY_LOGIN_MAX_PER_EMAIL'],
    [{ IDENTITY_LOGIN_MAX_PER_IP: '' }, 'IDENTITY_LOGIN_MAX_PER_IP'],
    [{ IDENTITY_ARGON2_MEMORY_KIB: '8191' }, 'IDENTITY_ARGON2_MEMORY_KIB'],
    [{ IDENTITY_ARGON2_TIME_COST: '0' }, 'IDENTITY_ARGON2_TIME_COST'],
    [{ IDENTITY_ADMIN_EMAIL: 'root@example.com' }, 'IDENTITY_ADMIN_PASSWORD is required when IDENTITY_ADMIN_EMAIL is set'],
    [{ IDENTITY_ADMIN_PASSWORD: 'admin password 1' }, 'IDENTITY_ADMIN_EMAIL is required when IDENTITY_ADMIN_PASSWORD is set'],
    [{ IDENTITY_ADMIN_EMAIL: 'root@example.com', IDENTITY_ADMIN_PASSWORD: '123456789012345' }, 'IDENTITY_ADMIN_PASSWORD'],
  ])('refuses %j naming the variable', (env, expected) => {
    expect(() => identityConfigFromEnv(env)).toThrow(ConfigError);
    expect(() => identityConfigFromEnv(env)).toThrow(expected);
  });

  it('never repeats the admin password in an error', () => {
    expect(() => identityConfigFromEnv({ IDENTITY_ADMIN_EMAIL: 'root@example.com', IDENTITY_ADMIN_PASSWORD: 'secret-1' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret-1') }),
    );
  });
});
