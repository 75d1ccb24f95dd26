import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyAttemptsError } from '@foodcourt/identity-contract';
import { LOGIN_WINDOW_SECONDS, type IdentityConfig } from '../config/identity-config';

/**
 * Limits login attempts per e-mail (failed ones: a successful login resets the count) and per
 * client address (every attempt), over fixed windows of LOGIN_WINDOW_SECONDS.
 *
 * The counters live in this process's memory: a unit run as several replicas counts per replica,
 * and a restart forgets them. A split deployment needs a shared store (RateLimiterRedis or
 * RateLimiterPostgres from the same library) — future work.
 */
export class LoginRateLimiter {
  private readonly perEmail: RateLimiterMemory;
  private readonly perIp: RateLimiterMemory;

  constructor(config: Pick<IdentityConfig, 'loginMaxPerEmail' | 'loginMaxPerIp'>) {
    this.perEmail = new RateLimiterMemory({ keyPrefix: 'login-email', points: config.loginMaxPerEmail, duration: LOGIN_WINDOW_SECONDS });
    this.perIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: config.loginMaxPerIp, duration: LOGIN_WINDOW_SECONDS });
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
}

async function consume(limiter: RateLimiterMemory, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new TooManyAttemptsError(`Too many login attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
