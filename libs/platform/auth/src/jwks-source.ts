import type { JSONWebKeySet } from 'jose';

/**
 * Where a unit gets the public keys that verify access tokens. The unit hosting identity
 * reads its own key set; every other unit fetches identity's JWKS endpoint (and caches it).
 * Verification itself is always local: no call to identity per request.
 */
export abstract class JwksSource {
  /** The current key set; `refresh` asks for a fresh copy (a token named an unknown key id). */
  abstract keySet(refresh?: boolean): Promise<JSONWebKeySet>;
}
