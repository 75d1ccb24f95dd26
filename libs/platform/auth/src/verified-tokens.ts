import { createLocalJWKSet, type JSONWebKeySet, type JWTPayload } from 'jose';

/** Enough for every customer active within a token lifetime on one unit; the oldest entry goes first beyond it. */
const MAX_TOKENS = 10_000;

/**
 * What verifying a token against a key set would answer again, so a client sending the same
 * token on every request costs one Ed25519 verification, not one per request (about a
 * tenth of a checkout's CPU). An answer is reused only for the very same token string and
 * the very same key set (its JSON, so a rotated or removed key means verifying again), and
 * only while the token has not expired; failures are never kept, they are verified again.
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, { keySet: string; payload: JWTPayload }>();
  private localSet: { keySet: string; keys: ReturnType<typeof createLocalJWKSet> } | undefined;

  /** The key set as a string that is equal exactly when the keys are. */
  static fingerprint(keySet: JSONWebKeySet): string {
    return JSON.stringify(keySet.keys);
  }

  /** The verified claims of `token` under this key set, if it verified before and has not expired since. */
  get(token: string, keySet: string): JWTPayload | undefined {
    const hit = this.tokens.get(token);
    if (!hit || hit.keySet !== keySet) return undefined;
    // The same test as jose's: expired once `exp` <= now in whole seconds (no clock tolerance is used).
    if (typeof hit.payload.exp !== 'number' || hit.payload.exp <= Math.floor(Date.now() / 1000)) {
      this.tokens.delete(token);
      return undefined;
    }
    return hit.payload;
  }

  set(token: string, keySet: string, payload: JWTPayload): void {
    this.tokens.delete(token);
    this.tokens.set(token, { keySet, payload });
    if (this.tokens.size > MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value!);
  }

  /** jose's key lookup for this key set, built once per key set rather than per token (it imports every key). */
  keysFor(keySet: JSONWebKeySet, fingerprint: string): ReturnType<typeof createLocalJWKSet> {
    if (this.localSet?.keySet !== fingerprint) this.localSet = { keySet: fingerprint, keys: createLocalJWKSet(keySet) };
    return this.localSet.keys;
  }
}
