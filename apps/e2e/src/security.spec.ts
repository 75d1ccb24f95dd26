import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { TopologyProcess, waitFor, WORKSPACE_ROOT, type UnitProcess } from '@foodcourt/platform-testing';
import { http, type Reply } from './support/http';
import { monolith, suiteDir } from './support/monolith';
import { dropPostgresDatabase } from './support/postgres';
import { ADMIN, adminSession, checkout, login, newCustomer, newProduct } from './support/shop';

const PASSWORD = 'correct-horse-9-battery';

describe('security of the HTTP API', () => {
  const dataDir = suiteDir('security');
  let unit: UnitProcess;
  let url: string;
  const seen: Reply[] = [];
  const track = async (reply: Promise<Reply>) => {
    const r = await reply;
    seen.push(r);
    return r;
  };

  beforeAll(async () => {
    unit = await monolith(dataDir).start();
    url = unit.url;
  });
  afterAll(async () => {
    await unit?.stop();
    dropPostgresDatabase('security');
  });

  const ordersWith = (token: string) => http(url, 'GET', '/orders', { headers: { authorization: `Bearer ${token}` } });

  it('answers 401 without a token, with a malformed header, a tampered token or one signed by another key', async () => {
    const ada = await newCustomer(url, 'Ada');
    expect((await ordersWith(ada.token)).status).toBe(200);

    expect((await http(url, 'GET', '/orders')).status).toBe(401);
    expect((await http(url, 'GET', '/orders', { headers: { authorization: `Token ${ada.token}` } })).status).toBe(401);

    const [header, payload, signature] = ada.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, roles: ['admin', 'customer'] })).toString('base64url');
    const tampered = await ordersWith(`${header}.${promoted}.${signature}`);
    expect(tampered.status).toBe(401);
    expect(tampered.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    const flipped = signature!.slice(0, -2) + (signature!.endsWith('AA') ? 'BB' : 'AA');
    expect((await ordersWith(`${header}.${payload}.${flipped}`)).status).toBe(401);

    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const kid = JSON.parse(Buffer.from(header!, 'base64url').toString()).kid;
    const forged = await new SignJWT({ ...claims, roles: ['admin'] })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .sign(privateKey);
    expect((await ordersWith(forged)).status).toBe(401);
    expect((await exportJWK(publicKey)).d).toBeUndefined();
  });

  it('accepts tokens signed before and after a key rotation (npm run identity:rotate-key) until each expires, then answers 401', async () => {
    const shortLived = await monolith(suiteDir('security-ttl'), { IDENTITY_ACCESS_TOKEN_TTL_SECONDS: '5' }).start();
    try {
      const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid as string;
      const ordersOf = (token: string) => http(shortLived.url, 'GET', '/orders', { headers: { authorization: `Bearer ${token}` } });
      const bo = await newCustomer(shortLived.url, 'Bo');
      expect((await ordersOf(bo.token)).status).toBe(200);

      const command = spawnSync('npm', ['run', '--silent', 'identity:rotate-key', '--', '--url', shortLived.url], {
        cwd: WORKSPACE_ROOT,
        env: { ...process.env, IDENTITY_ADMIN_EMAIL: ADMIN.email, IDENTITY_ADMIN_PASSWORD: ADMIN.password },
        encoding: 'utf8',
      });
      expect({ status: command.status, stderr: command.stderr }).toEqual({ status: 0, stderr: '' });
      const [, newKid, oldKid] = /^rotated: (\S+) signs new tokens; (\S+) stays published/.exec(command.stdout) ?? [];
      expect(oldKid).toBe(kidOf(bo.token));

      // Signed by the new key; the unit verifying it (the HTTP unit) has not seen that kid yet and fetches the key set again.
      const cy = await newCustomer(shortLived.url, 'Cy');
      expect(kidOf(cy.token)).toBe(newKid);
      expect((await ordersOf(cy.token)).status).toBe(200);
      expect((await ordersOf(bo.token)).status).toBe(200);
      expect((await http(shortLived.url, 'GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid)).toEqual([newKid, oldKid]);

      // The old key's token ends by expiring, like any other: not refused for its key.
      const expired = await waitFor(() => ordersOf(bo.token), (r) => r.status === 401, { timeoutMs: 15_000, intervalMs: 500, what: 'token expiry' });
      expect(expired.body.message).toMatch(/expired/);
    } finally {
      await shortLived.stop();
    }
  });

  it("hides another customer's order and payment as if they did not exist (404)", async () => {
    const admin = await adminSession(url);
    const dish = await newProduct(admin, { name: 'Dish' });
    const owner = await newCustomer(url, 'Owner');
    const other = await newCustomer(url, 'Other');
    const order = await checkout(owner, [{ sku: dish.sku, quantity: 1 }]);

    const peek = await other.call('GET', `/orders/${order.body.id}`);
    const missing = await other.call('GET', `/orders/${randomUUID()}`);
    expect(peek.status).toBe(404);
    expect(peek.body.code).toBe(missing.body.code);
    expect((await other.call('POST', `/orders/${order.body.id}/cancel`)).status).toBe(404);
    expect((await other.call('GET', `/payments/${order.body.paymentId}`)).status).toBe(404);
    expect((await other.call('GET', `/payments?orderId=${order.body.id}`)).body.items).toEqual([]);
    expect((await admin.call('GET', `/orders/${order.body.id}`)).status).toBe(200);
  });

  it('gives the same answer, in comparable time, for an unknown e-mail and a wrong password', async () => {
    const cy = await newCustomer(url, 'Cy');
    const attempt = async (email: string) => {
      const started = performance.now();
      const reply = await track(http(url, 'POST', '/auth/login', { body: { email, password: 'wrong-password-123' } }));
      return { reply, ms: performance.now() - started };
    };
    const unknown = [];
    const wrong = [];
    for (let i = 0; i < 4; i++) {
      unknown.push(await attempt(`nobody-${i}-${Date.now()}@example.com`));
      wrong.push(await attempt(cy.email));
    }
    for (const { reply } of [...unknown, ...wrong]) {
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual(unknown[0]!.reply.body);
    }
    expect(unknown[0]!.reply.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Invalid e-mail or password' });
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown.map((a) => a.ms)) / median(wrong.map((a) => a.ms));
    // Both paths run one argon2id verification; without the dummy hash an unknown e-mail would answer ~100× faster.
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });

  it('rotates refresh tokens and revokes the whole family when an old one is reused', async () => {
    const dee = await newCustomer(url, 'Dee');
    const first = await track(http(url, 'POST', '/auth/refresh', { body: { refreshToken: dee.refreshToken } }));
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(dee.refreshToken);
    expect((await ordersWith(first.body.accessToken)).status).toBe(200);

    const reuse = await http(url, 'POST', '/auth/refresh', { body: { refreshToken: dee.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('INVALID_REFRESH_TOKEN');
    const newest = await http(url, 'POST', '/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(newest.status).toBe(401);
  });

  it('logs out by revoking the refresh token', async () => {
    const eli = await newCustomer(url, 'Eli');
    expect((await http(url, 'POST', '/auth/logout', { body: { refreshToken: eli.refreshToken } })).status).toBe(204);
    expect((await http(url, 'POST', '/auth/refresh', { body: { refreshToken: eli.refreshToken } })).status).toBe(401);
  });

  it('never returns a password hash or a stored token secret', async () => {
    const fin = await newCustomer(url, 'Fin');
    await track(fin.call('GET', '/auth/me'));
    await track(http(url, 'POST', '/auth/register', { body: { email: `gia-${Date.now()}@example.com`, password: PASSWORD, name: 'Gia' } }));
    await track(http(url, 'POST', '/auth/register', { body: { email: fin.email, password: PASSWORD, name: 'Fin again' } }));
    await track(http(url, 'GET', '/.well-known/jwks.json'));
    for (const reply of seen) {
      const text = JSON.stringify(reply.body);
      expect(text).not.toMatch(/\$argon2/);
      expect(text).not.toMatch(/password_?hash|token_?hash|"d":/i);
      expect(text).not.toContain(PASSWORD);
    }
    expect(seen.some((r) => r.status === 409 && r.body.code === 'EMAIL_TAKEN')).toBe(true);
  });

  it('rate-limits logins per e-mail and per address with a clear 429', async () => {
    const limited = await monolith(suiteDir('security-limits'), { IDENTITY_LOGIN_MAX_PER_EMAIL: '3', IDENTITY_LOGIN_MAX_PER_IP: '8' }).start();
    try {
      const hal = await newCustomer(limited.url, 'Hal');
      const tryLogin = (email: string, password = 'wrong-password-123') =>
        http(limited.url, 'POST', '/auth/login', { body: { email, password } });
      const perEmail = [];
      for (let i = 0; i < 4; i++) perEmail.push(await tryLogin(hal.email));
      expect(perEmail.map((r) => r.status)).toEqual([401, 401, 401, 429]);
      expect(perEmail[3]!.body.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(perEmail[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
      // Even the right password waits until the window has passed.
      expect((await tryLogin(hal.email, PASSWORD)).status).toBe(429);

      const perAddress = [];
      for (let i = 0; i < 6; i++) perAddress.push((await tryLogin(`someone-${i}@example.com`)).status);
      expect(perAddress).toContain(429);
      expect(perAddress.filter((s) => s === 429).length).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });

  it('sends the security headers from every unit, lets no other origin read the API, and refuses an oversized request head', async () => {
    const units = unit instanceof TopologyProcess ? unit.plan!.units.map((u) => ({ name: u.name, url: `http://127.0.0.1:${u.port}` })) : [{ name: 'monolith', url }];
    for (const { name, url: base } of units) {
      const headers = (await http(base, 'GET', '/health/ready')).headers;
      expect({ name, nosniff: headers.get('x-content-type-options'), frames: headers.get('x-frame-options') }).toEqual({ name, nosniff: 'nosniff', frames: 'SAMEORIGIN' });
      expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    }
    // No CORS_ORIGINS here: a page of another origin cannot read an answer.
    const cross = await http(url, 'GET', '/products', { headers: { origin: 'https://evil.example' } });
    expect(cross.status).toBe(200);
    expect(cross.headers.get('access-control-allow-origin')).toBeNull();
    // The OpenAPI page and the dashboard are served under the same policy (the browser test loads the dashboard).
    for (const page of ['/docs', '/dashboard']) expect((await fetch(`${url}${page}`)).headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await http(url, 'GET', '/products', { headers: { 'x-padding': 'x'.repeat(9_000) } })).status).toBe(431);
  });

  it('verifies tokens locally and publishes the public key set', async () => {
    const jwks = await http(url, 'GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(jwks.body.keys[0].d).toBeUndefined();
    const again = await login(url, (await newCustomer(url, 'Ivo')).email, PASSWORD);
    expect((await again.call('GET', '/auth/me')).status).toBe(200);
  });
});
