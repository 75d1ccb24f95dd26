import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { startIdentityContext, type IdentityTestContext } from './testing/identity-test-context';

const PASSWORD = 'correct horse battery';
const ADMIN = { IDENTITY_ADMIN_EMAIL: ' Root@Example.com ', IDENTITY_ADMIN_PASSWORD: 'admin password 1' };

describe('IdentityCoreModule across starts', () => {
  let dataDir: string;
  let ctx: IdentityTestContext | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'identity-restart-'));
  });

  afterEach(async () => {
    await ctx?.close({ keepData: true });
    ctx = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** (Re)starts identity on the same database. */
  const restart = async (env: Record<string, string> = {}) => {
    await ctx?.close({ keepData: true });
    ctx = undefined;
    ctx = await startIdentityContext({ dataDir, env });
    return ctx;
  };

  it('keeps its signing key: a token issued before a restart verifies after it, and its refresh token still works', async () => {
    const first = await restart();
    const user = await first.identity.register({ email: 'ada@example.com', password: PASSWORD, name: 'Ada' });
    const pair = await first.identity.login({ email: 'ada@example.com', password: PASSWORD, clientIp: '127.0.0.1' });
    const [key] = await first.signingKeys();

    const second = await restart();
    expect(await second.signingKeys()).toEqual([key]);
    expect(await second.verifier.verify(pair.accessToken)).toEqual({ id: user.id, email: 'ada@example.com', roles: ['customer'] });
    await expect(second.identity.refresh({ refreshToken: pair.refreshToken })).resolves.toMatchObject({ user: { id: user.id } });
  });

  it('creates the configured admin once, with roles admin and customer, across two starts', async () => {
    await restart(ADMIN);
    const ctx2 = await restart(ADMIN);
    const accounts = await ctx2.accounts();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ email: 'root@example.com', roles: ['admin', 'customer'] });
    expect((await ctx2.outboxRows()).map((e) => e.type)).toEqual(['identity.user-registered']);

    const pair = await ctx2.identity.login({ email: 'root@example.com', password: ADMIN.IDENTITY_ADMIN_PASSWORD, clientIp: '127.0.0.1' });
    expect(await ctx2.verifier.verify(pair.accessToken)).toMatchObject({ email: 'root@example.com', roles: ['admin', 'customer'] });
  });

  it('never turns an existing account into the admin (nor resets its password)', async () => {
    const first = await restart();
    await first.identity.register({ email: 'root@example.com', password: PASSWORD, name: 'Squatter' });
    const second = await restart(ADMIN);
    expect(await second.accounts()).toMatchObject([{ email: 'root@example.com', name: 'Squatter', roles: ['customer'] }]);
    await expect(second.identity.login({ email: 'root@example.com', password: PASSWORD, clientIp: '127.0.0.1' })).resolves.toBeDefined();
  });

  it('applies IDENTITY_ACCESS_TOKEN_TTL_SECONDS and IDENTITY_REFRESH_TOKEN_TTL_SECONDS', async () => {
    const c = await restart({ IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '5', IDENTITY_REFRESH_TOKEN_TTL_SECONDS: '3600' });
    await c.identity.register({ email: 'ada@example.com', password: PASSWORD, name: 'Ada' });
    const pair = await c.identity.login({ email: 'ada@example.com', password: PASSWORD, clientIp: '127.0.0.1' });
    expect(pair.expiresIn).toBe(5);
    const claims = decodeJwt(pair.accessToken);
    expect(claims.exp! - claims.iat!).toBe(5);
    const [row] = await c.refreshTokens();
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(3_600_000);
  });

  it('re-hashes a password with the new cost at the next login after the cost was raised', async () => {
    const first = await restart();
    await first.identity.register({ email: 'ada@example.com', password: PASSWORD, name: 'Ada' });
    expect((await first.accounts())[0]!.passwordHash).toContain('m=8192,');

    const second = await restart({ IDENTITY_ARGON2_MEMORY_KIB: '9216' });
    await second.identity.login({ email: 'ada@example.com', password: PASSWORD, clientIp: '127.0.0.1' });
    expect((await second.accounts())[0]!.passwordHash).toContain('m=9216,');
    await expect(second.identity.login({ email: 'ada@example.com', password: PASSWORD, clientIp: '127.0.0.1' })).resolves.toBeDefined();
  });

  it.each([
    [{ IDENTITY_ADMIN_EMAIL: 'root@example.com' }, 'IDENTITY_ADMIN_PASSWORD'],
    [{ IDENTITY_ADMIN_PASSWORD: 'admin password 1' }, 'IDENTITY_ADMIN_EMAIL'],
    [{ ...ADMIN, IDENTITY_ADMIN_PASSWORD: 'lettersonlypassword' }, 'IDENTITY_ADMIN_PASSWORD'],
    [{ ...ADMIN, IDENTITY_ADMIN_EMAIL: 'root' }, 'IDENTITY_ADMIN_EMAIL'],
    [{ IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '4' }, 'IDENTITY_ACCESS_TOKEN_TTL_SECONDS'],
    [{ IDENTITY_ARGON2_MEMORY_KIB: '4096' }, 'IDENTITY_ARGON2_MEMORY_KIB'],
  ])('fails to start on %j, naming %s', async (env, variable) => {
    await expect(restart(env)).rejects.toThrow(variable);
  });
});
