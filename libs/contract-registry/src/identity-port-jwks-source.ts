import { Inject, Injectable } from '@nestjs/common';
import type { JSONWebKeySet } from 'jose';
import { JwksSource } from '@foodcourt/platform-auth';
import { IDENTITY_API, type IdentityApi } from '@foodcourt/identity-contract';

const CACHE_MS = 5 * 60_000;
/** A token naming an unknown key id may ask identity again at most this often (random kids cost nothing then). */
const REFRESH_COOLDOWN_MS = 10_000;

/**
 * The key set of a unit that does not host identity: read through the identity port (local
 * or remote, whatever the topology says) and cached, so tokens are still verified locally.
 */
@Injectable()
export class IdentityPortJwksSource extends JwksSource {
  private cached: { at: number; keys: JSONWebKeySet } | undefined;
  private lastRefresh = 0;

  constructor(@Inject(IDENTITY_API) private readonly identity: IdentityApi) {
    super();
  }

  async keySet(refresh = false): Promise<JSONWebKeySet> {
    const fresh = this.cached && Date.now() - this.cached.at < CACHE_MS;
    const mayRefresh = refresh && Date.now() - this.lastRefresh >= REFRESH_COOLDOWN_MS;
    if (this.cached && fresh && !mayRefresh) return this.cached.keys;
    if (refresh) this.lastRefresh = Date.now();
    const { keys } = await this.identity.publicKeys({ refresh });
    this.cached = { at: Date.now(), keys: { keys } as JSONWebKeySet };
    return this.cached.keys;
  }
}
