import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { TooManyAttemptsError } from '@foodcourt/identity-contract';
import { LoginRateLimiter } from './login-rate-limiter';

// Two replicas of identity on one Redis (integration only: `npm run test:integration`).
const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const LIMITS = { loginMaxPerEmail: 3, loginMaxPerIp: 1_000 };

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let sequence = 0;
/** A namespace no other test (nor an earlier run) uses. */
const uniqueNamespace = () => `spec-login-${process.pid}-${Date.now().toString(36)}-${++sequence}`;

describe('LoginRateLimiter on Redis', () => {
  const opened: LoginRateLimiter[] = [];
  const namespaces: string[] = [];
  let admin: Redis;

  const replica = async (namespace: string) => {
    const limiter = await LoginRateLimiter.open(LIMITS, namespace, { REDIS_URL });
    opened.push(limiter);
    return limiter;
  };
  const namespace = () => {
    const name = uniqueNamespace();
    namespaces.push(name);
    return name;
  };
  const refused = (attempt: Promise<void>) => expect(attempt).rejects.toBeInstanceOf(TooManyAttemptsError);

  beforeAll(() => {
    admin = new Redis(REDIS_URL, { lazyConnect: true });
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((limiter) => limiter.onApplicationShutdown()));
  });
  afterAll(async () => {
    for (const name of namespaces) {
      const keys = await admin.keys(`${name}:*`);
      if (keys.length > 0) await admin.del(...keys);
    }
    await admin.quit();
  });

  it('two replicas share the count: the (max+1)-th attempt across both is refused', async () => {
    const ns = namespace();
    const [a, b] = [await replica(ns), await replica(ns)];
    await a.admit('ana@example.com', '10.0.0.1');
    await b.admit('ana@example.com', '10.0.0.2');
    await a.admit('ana@example.com', '10.0.0.3');
    await refused(b.admit('ana@example.com', '10.0.0.4'));
    await refused(a.admit('ana@example.com', '10.0.0.5'));
    // The counters are in Redis, under the namespace.
    expect(await admin.keys(`${ns}:login-email:*`)).toEqual([`${ns}:login-email:ana@example.com`]);
  });

  it('a successful login on one replica gives the e-mail its attempts back on the other', async () => {
    const ns = namespace();
    const [a, b] = [await replica(ns), await replica(ns)];
    for (let i = 0; i < LIMITS.loginMaxPerEmail; i++) await a.admit('bo@example.com', '10.0.1.1');
    await b.succeeded('bo@example.com');
    for (let i = 0; i < LIMITS.loginMaxPerEmail; i++) await b.admit('bo@example.com', '10.0.1.1');
    await refused(a.admit('bo@example.com', '10.0.1.1'));
  });

  it('shares the per-address count too', async () => {
    const ns = namespace();
    const limits = { loginMaxPerEmail: 1_000, loginMaxPerIp: 2 };
    const a = await LoginRateLimiter.open(limits, ns, { REDIS_URL });
    const b = await LoginRateLimiter.open(limits, ns, { REDIS_URL });
    opened.push(a, b);
    await a.admit('c1@example.com', '10.0.2.1');
    await b.admit('c2@example.com', '10.0.2.1');
    await refused(a.admit('c3@example.com', '10.0.2.1'));
  });

  it('another namespace counts apart', async () => {
    const [mine, theirs] = [namespace(), namespace()];
    const a = await replica(mine);
    const other = await replica(theirs);
    for (let i = 0; i < LIMITS.loginMaxPerEmail; i++) await a.admit('dee@example.com', '10.0.3.1');
    await refused(a.admit('dee@example.com', '10.0.3.1'));
    await expect(other.admit('dee@example.com', '10.0.3.1')).resolves.toBeUndefined();
  });

  it('while Redis is away, counts in memory instead (logins keep working), with one warning', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const ns = namespace();
    const a = await replica(ns);
    // Cut this replica's connection as an outage would (the server stays up for the other tests).
    const shared = (a as unknown as { shared: { client: Redis } }).shared;
    shared.client.disconnect();
    await waitFor(() => shared.client.status === 'end');
    for (let i = 0; i < LIMITS.loginMaxPerEmail; i++) await a.admit('eve@example.com', '10.0.4.1');
    await refused(a.admit('eve@example.com', '10.0.4.1'));
    // Counted in this process only: nothing reached Redis.
    expect(await admin.keys(`${ns}:*`)).toEqual([]);
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([expect.stringMatching(/^Redis is unreachable .*counted per process/)]);
    warn.mockRestore();
  });
});
