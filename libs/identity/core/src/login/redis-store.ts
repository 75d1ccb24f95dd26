import { Redis } from 'ioredis';
import { ConfigError } from '@foodcourt/platform-kernel';

/** How long start-up waits for Redis to answer before it gives up. */
export const REDIS_CONNECT_TIMEOUT_MS = 3_000;

/**
 * REDIS_URL: unset or empty means "no shared store" (counters stay in this process's memory);
 * otherwise it must be a redis:// or rediss:// URL, or start-up stops with ConfigError naming it.
 */
export function redisUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env['REDIS_URL']?.trim();
  if (raw === undefined || raw === '') return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    throw new ConfigError(`invalid configuration: REDIS_URL must be a redis:// or rediss:// URL, got "${redactedUrl(raw)}"`);
  }
  return raw;
}

/** The URL without its password, for messages. */
export function redactedUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password !== '') url.password = '***';
    return url.toString().replace(/\/$/, '');
  } catch {
    return raw.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

/**
 * Connects to Redis and checks it answers PING within `timeoutMs`, or throws ConfigError
 * "REDIS_URL <url> is unreachable: <reason>" (start-up prints it as one line). Once connected the
 * client reconnects by itself; commands sent while it is away fail at once (no offline queue).
 */
export async function connectRedis(url: string, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<Redis> {
  let starting = true;
  let lastError: Error | undefined;
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    // Reconnect after an outage: every 200 ms growing to 2 s, for as long as it takes.
    // (At start-up, no retry: the first failure is the answer.)
    retryStrategy: (times) => (starting ? null : Math.min(times * 200, 2_000)),
  });
  // Errors surface through connect() here and through the caller's own 'error' listener later;
  // this one only keeps ioredis from printing "Unhandled error event" for each reconnect attempt.
  client.on('error', (error: Error) => {
    lastError = error;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([client.connect().then(() => client.ping()), deadline]);
    starting = false;
    return client;
  } catch (error) {
    client.disconnect();
    const reason = (lastError ?? (error instanceof Error ? error : new Error(String(error)))).message.split('\n')[0];
    throw new ConfigError(`REDIS_URL ${redactedUrl(url)} is unreachable: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
}
