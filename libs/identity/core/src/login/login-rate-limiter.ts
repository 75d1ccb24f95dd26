import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { TooManyAttemptsError } from '@foodcourt/identity-contract';
import { LOGIN_WINDOW_SECONDS, type IdentityConfig } from '../config/identity-config';
import { connectRedis, redactedUrl, redisUrlFromEnv } from './redis-store';

type LimitsConfig = Pick<IdentityConfig, 'loginMaxPerEmail' | 'loginMaxPerIp'>;

/** Where the counters live: a shared Redis (keys under `namespace`), or nothing (this process's memory). */
export interface SharedLoginStore {
  client: Redis;
  /** Prefix of every key (FOODCOURT_NAMESPACE, else the topology's name): deployments sharing a Redis count apart. */
  namespace: string;
}

/**
 * Limits login attempts per e-mail (failed ones: a successful login resets the count) and per
 * client address (every attempt), over fixed windows of LOGIN_WINDOW_SECONDS.
 *
 * With REDIS_URL the counters live in Redis, so every replica of the unit counts together
 * (keys `<namespace>:login-email:<email>` and `<namespace>:login-ip:<address>`). While Redis is
 * away after start, each limiter falls back to an in-memory one (rate-limiter-flexible's
 * insuranceLimiter): logins keep working with per-process limits, one warning is logged per
 * outage, and Redis takes over again once the client has reconnected. Without REDIS_URL the
 * counters live in this process's memory: per replica, forgotten on restart.
 */
export class LoginRateLimiter {
  private readonly logger = new Logger(LoginRateLimiter.name);
  private readonly perEmail: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private redisAway = false;

  constructor(
    config: LimitsConfig,
    private readonly shared?: SharedLoginStore,
  ) {
    this.perEmail = limiter(config.loginMaxPerEmail, 'login-email', shared);
    this.perIp = limiter(config.loginMaxPerIp, 'login-ip', shared);
    if (shared) {
      shared.client.on('error', (error: Error) => this.warnOnce(error.message));
      shared.client.on('close', () => this.warnOnce('connection closed'));
      shared.client.on('ready', () => {
        if (this.redisAway) this.logger.log('Redis is back: login limits are shared again');
        this.redisAway = false;
      });
    }
  }

  /**
   * The limiter for this process: on Redis when REDIS_URL is set (connected and PINGed now, or
   * ConfigError "REDIS_URL … is unreachable: …"), in memory otherwise.
   */
  static async open(config: LimitsConfig, namespace: string, env: NodeJS.ProcessEnv = process.env): Promise<LoginRateLimiter> {
    const url = redisUrlFromEnv(env);
    if (url === undefined) return new LoginRateLimiter(config);
    const client = await connectRedis(url);
    new Logger(LoginRateLimiter.name).log(`login limits shared in Redis at ${redactedUrl(url)} (keys ${namespace}:login-*)`);
    return new LoginRateLimiter(config, { client, namespace });
  }

  /**
   * Counts one attempt for `email` from `clientIp`, before the password is checked, or throws
   * TooManyAttemptsError. Counting first (rather than after a failure) keeps concurrent attempts
   * from slipping past the limit; succeeded() gives the e-mail its attempts back.
   */
  async admit(email: string, clientIp: string): Promise<void> {
    await consume(this.perIp, clientIp);
    await consume(this.perEmail, email);
  }

  /** A successful login: the e-mail's count starts over. */
  async succeeded(email: string): Promise<void> {
    await this.perEmail.delete(email);
  }

  /** Closes the Redis connection, if any (Nest calls this on application shutdown). */
  async onApplicationShutdown(): Promise<void> {
    if (!this.shared) return;
    this.redisAway = true; // no warning for our own close
    if (this.shared.client.status === 'end') return;
    await this.shared.client.quit().catch(() => this.shared!.client.disconnect());
  }

  private warnOnce(reason: string): void {
    if (this.redisAway) return;
    this.redisAway = true;
    this.logger.warn(`Redis is unreachable (${reason}): login limits are counted per process until it is back`);
  }
}

function limiter(points: number, prefix: string, shared: SharedLoginStore | undefined): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix: prefix, points, duration: LOGIN_WINDOW_SECONDS });
  if (!shared) return memory;
  return new RateLimiterRedis({
    storeClient: shared.client,
    keyPrefix: `${shared.namespace}:${prefix}`,
    points,
    duration: LOGIN_WINDOW_SECONDS,
    // Not ready (reconnecting): go to the in-memory insurance at once instead of waiting.
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new TooManyAttemptsError(`Too many login attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
