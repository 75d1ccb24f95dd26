import { ConfigError } from '@foodcourt/platform-kernel';
import { connectRedis, redactedUrl, redisUrlFromEnv } from './redis-store';

describe('REDIS_URL', () => {
  it.each([undefined, '', '  '])('unset or empty (%p) keeps the counters in memory', (value) => {
    expect(redisUrlFromEnv(value === undefined ? {} : { REDIS_URL: value })).toBeUndefined();
  });

  it.each(['redis://127.0.0.1:6379', 'rediss://user:secret@cache.example:6380/2'])('accepts %s', (value) => {
    expect(redisUrlFromEnv({ REDIS_URL: value })).toBe(value);
  });

  it.each(['127.0.0.1:6379', 'http://cache:6379', 'redis://', 'not a url'])('refuses %p, naming REDIS_URL', (value) => {
    expect(() => redisUrlFromEnv({ REDIS_URL: value })).toThrow(ConfigError);
    expect(() => redisUrlFromEnv({ REDIS_URL: value })).toThrow(/^invalid configuration: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
  });

  it('never prints the password', () => {
    expect(redactedUrl('redis://user:secret@cache:6379')).toBe('redis://user:***@cache:6379');
    expect(() => redisUrlFromEnv({ REDIS_URL: 'http://user:secret@cache' })).toThrow(/user:\*\*\*@/);
  });

  it('an unreachable Redis stops start-up with one line naming REDIS_URL', async () => {
    const started = Date.now();
    const failure = await connectRedis('redis://127.0.0.1:1', 1_000).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/^REDIS_URL redis:\/\/127\.0\.0\.1:1 is unreachable: .*ECONNREFUSED/);
    expect((failure as Error).message).not.toContain('\n');
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
