import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** A refresh token as the client holds it, `<id>.<secret>`, and what is stored of it. */
export interface NewRefreshToken {
  id: string;
  token: string;
  tokenHash: string;
}

/** A fresh token: a random id and 32 random bytes of secret (base64url). */
export function newRefreshToken(): NewRefreshToken {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${id}.${secret}`, tokenHash: hashSecret(secret) };
}

/** The id and secret of a well-formed token; null for anything else. */
export function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** Whether `secret` is the one whose hash was stored (constant-time comparison). */
export function secretMatches(secret: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
