import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JSONWebKeySet } from 'jose';
import { JwksSource } from '@foodcourt/platform-auth';
import { IDENTITY_API, type IdentityApi } from '@foodcourt/identity-contract';

const CACHE_MS = 5 * 60_000;
/** A token naming an unknown key id may ask identity again at most this often (random kids cost nothing then). */
const REFRESH_COOLDOWN_MS = 10_000;
/** While identity does not answer, the last good key set is served and identity asked again at most this often. */
const RETRY_AFTER_FAILURE_MS = 10_000;

/**
 * The key set of a unit that does not host identity: read through the identity port (local
 * or remote, whatever the topology says) and cached, so tokens are still verified locally.
 *
 * Checkout must not depend on identity being up (ADR 4): when a refresh fails, the last good key
 * set keeps being served (tokens it signed stay valid until they expire). A unit that starts while
 * identity is down has no key set yet: authenticated requests answer 503 until identity answers.
 */
@Injectable()
export class IdentityPortJwksSource extends JwksSource {
  private readonly logger = new Logger('JwksSource');
  private cached: { at: number; keys: JSONWebKeySet } | undefined;
  private lastRefresh = 0;
  private lastFailure = 0;

  constructor(@Inject(IDENTITY_API) private readonly identity: IdentityApi) {
    super();
  }

  async keySet(refresh = false): Promise<JSONWebKeySet> {
    const now = Date.now();
    const fresh = this.cached && now - this.cached.at < CACHE_MS;
    const mayRefresh = refresh && now - this.lastRefresh >= REFRESH_COOLDOWN_MS;
    if (this.cached && fresh && !mayRefresh) return this.cached.keys;
    if (this.cached && now - this.lastFailure < RETRY_AFTER_FAILURE_MS) return this.cached.keys;
    if (refresh) this.lastRefresh = now;
    try {
      const { keys } = await this.identity.publicKeys({ refresh });
      this.cached = { at: Date.now(), keys: { keys } as JSONWebKeySet };
    } catch (error) {
      if (!this.cached) throw error;
      this.lastFailure = Date.now();
      this.logger.warn(`identity's key set could not be refreshed, the last good one is used: ${(error as Error).message}`);
    }
    return this.cached.keys;
  }
}
