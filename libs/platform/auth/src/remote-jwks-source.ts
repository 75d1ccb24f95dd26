import type { JSONWebKeySet } from 'jose';
import { JwksSource } from './jwks-source';

const CACHE_MS = 5 * 60_000;

/** Fetches identity's JWKS endpoint (IDENTITY_JWKS_URL) and caches it: for units that do not host identity. */
export class RemoteJwksSource extends JwksSource {
  private cached: { at: number; keys: JSONWebKeySet } | undefined;

  constructor(private readonly url: string) {
    super();
  }

  async keySet(refresh = false): Promise<JSONWebKeySet> {
    if (this.cached && !refresh && Date.now() - this.cached.at < CACHE_MS) return this.cached.keys;
    const response = await fetch(this.url, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) throw new Error(`JWKS endpoint ${this.url} answered ${response.status}`);
    this.cached = { at: Date.now(), keys: (await response.json()) as JSONWebKeySet };
    return this.cached.keys;
  }
}
