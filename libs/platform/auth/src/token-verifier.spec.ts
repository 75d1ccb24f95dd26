import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JSONWebKeySet, type JWK, type JWTPayload } from 'jose';
import { DependencyUnavailableError } from '@foodcourt/platform-kernel';
import { UnauthorizedError } from './auth-errors';
import { JwksSource } from './jwks-source';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './token-claims';
import { TokenVerifier } from './token-verifier';

/** A JwksSource whose answer a test scripts (by whether a refresh was asked for); it records every call. */
class FakeJwksSource extends JwksSource {
  readonly calls: boolean[] = [];
  constructor(private readonly answer: (refresh: boolean) => Promise<JSONWebKeySet>) {
    super();
  }
  keySet(refresh = false): Promise<JSONWebKeySet> {
    this.calls.push(refresh);
    return this.answer(refresh);
  }
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM);
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALGORITHM, use: 'sig' } };
}

const userId = randomUUID();
const CLAIMS = { email: 'ada@example.com', roles: ['customer'] };

/** A token as identity issues it; every part can be overridden to make it wrong. */
function sign(
  key: SigningKey,
  options: { claims?: JWTPayload; issuer?: string; audience?: string; subject?: string | null; expiresIn?: string | number | null } = {},
): Promise<string> {
  const jwt = new SignJWT(options.claims ?? CLAIMS).setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.kid }).setIssuedAt();
  jwt.setIssuer(options.issuer ?? TOKEN_ISSUER).setAudience(options.audience ?? TOKEN_AUDIENCE);
  if (options.subject !== null) jwt.setSubject(options.subject ?? userId);
  if (options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '5m');
  return jwt.sign(key.privateKey);
}

describe('TokenVerifier', () => {
  let current: SigningKey;
  let rotated: SigningKey;
  beforeAll(async () => {
    current = await signingKey('key-1');
    rotated = await signingKey('key-2');
  });

  const verifierWith = (...keys: SigningKey[]) => {
    const source = new FakeJwksSource(async () => ({ keys: keys.map((k) => k.jwk) }));
    return { source, verifier: new TokenVerifier(source) };
  };

  /** What verify() threw (fails the test if it resolved). */
  async function refusal(verifier: TokenVerifier, token: string): Promise<Error> {
    return verifier.verify(token).then(
      () => {
        throw new Error('expected the token to be refused');
      },
      (error: Error) => error,
    );
  }

  it("turns a valid token into the caller, reading the key set once", async () => {
    const { source, verifier } = verifierWith(current);
    await expect(verifier.verify(await sign(current))).resolves.toEqual({ id: userId, email: 'ada@example.com', roles: ['customer'] });
    expect(source.calls).toEqual([false]);
  });

  it('reads the key set on every request, and verifies a token again only when the key set changed', async () => {
    let keys = [current.jwk];
    const source = new FakeJwksSource(async () => ({ keys }));
    const verifier = new TokenVerifier(source);
    const token = await sign(current);
    await verifier.verify(token);
    await expect(verifier.verify(token)).resolves.toEqual({ id: userId, email: 'ada@example.com', roles: ['customer'] });
    expect(source.calls).toEqual([false, false]);
    // The signing key is gone from the set: the token no longer verifies, though it did a moment ago.
    keys = [rotated.jwk];
    expect(await refusal(verifier, token)).toBeInstanceOf(UnauthorizedError);
  });

  it('refuses a token that expired after it was verified, saying so', async () => {
    const { verifier } = verifierWith(current);
    const token = await sign(current, { expiresIn: Math.floor(Date.now() / 1000) + 60 });
    await verifier.verify(token);
    // Only the clock moves on (Date, as jose reads it); timers and promises stay real.
    jest.useFakeTimers({ now: Date.now() + 61_000, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      const error = await refusal(verifier, token);
      expect(error.message).toBe('the access token has expired');
    } finally {
      jest.useRealTimers();
    }
  });

  it('answers DependencyUnavailableError for a token verified before, when the key set cannot be read now', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let available = true;
    const verifier = new TokenVerifier(new FakeJwksSource(async () => (available ? { keys: [current.jwk] } : Promise.reject(new Error('down')))));
    const token = await sign(current);
    await verifier.verify(token);
    available = false;
    expect(await refusal(verifier, token)).toBeInstanceOf(DependencyUnavailableError);
    warn.mockRestore();
  });

  it('refreshes the key set once when a token names an unknown kid, and accepts it if the key appeared', async () => {
    const source = new FakeJwksSource(async (refresh) => ({ keys: refresh ? [current.jwk, rotated.jwk] : [current.jwk] }));
    const verifier = new TokenVerifier(source);
    await expect(verifier.verify(await sign(rotated))).resolves.toMatchObject({ id: userId });
    expect(source.calls).toEqual([false, true]);
  });

  it('refuses a kid still unknown after that one refresh', async () => {
    const { source, verifier } = verifierWith(current);
    const stranger = await signingKey('stranger');
    expect(await refusal(verifier, await sign(stranger))).toBeInstanceOf(UnauthorizedError);
    expect(source.calls).toEqual([false, true]);
  });

  it('does not refresh for a known kid with a bad signature', async () => {
    const { source, verifier } = verifierWith(current);
    const impostor = await signingKey('key-1');
    const error = await refusal(verifier, await sign(impostor));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toBe('the access token is not valid');
    expect(source.calls).toEqual([false]);
  });

  it.each([
    ['a wrong issuer', { issuer: 'someone-else' }],
    ['a wrong audience', { audience: 'another-app' }],
    ['no subject', { subject: null }],
    ['no roles claim', { claims: { email: 'ada@example.com' } }],
    ['roles that are not a list', { claims: { email: 'ada@example.com', roles: 'admin' } }],
    ['an unknown role', { claims: { email: 'ada@example.com', roles: ['customer', 'root'] } }],
    ['no e-mail claim', { claims: { roles: ['customer'] } }],
    ['no expiry (a token that would never expire)', { expiresIn: null }],
  ])('refuses a token with %s', async (_case, options) => {
    const { verifier } = verifierWith(current);
    expect(await refusal(verifier, await sign(current, options))).toBeInstanceOf(UnauthorizedError);
  });

  it('refuses an expired token, saying so', async () => {
    const { verifier } = verifierWith(current);
    const error = await refusal(verifier, await sign(current, { expiresIn: Math.floor(Date.now() / 1000) - 10 }));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toBe('the access token has expired');
  });

  it('refuses any other algorithm: HS256 signed with the public key as secret, and an unsigned token', async () => {
    const { verifier } = verifierWith(current);
    const secret = new TextEncoder().encode(current.jwk.x);
    const hs256 = await new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: 'HS256', kid: current.kid })
      .setSubject(userId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setExpirationTime('5m')
      .sign(secret);
    const unsigned = new UnsecuredJWT(CLAIMS).setSubject(userId).setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setExpirationTime('5m').encode();
    expect(await refusal(verifier, hs256)).toBeInstanceOf(UnauthorizedError);
    expect(await refusal(verifier, unsigned)).toBeInstanceOf(UnauthorizedError);
  });

  it.each([['not a JWT'], ['a.b.c'], ['']])('refuses the malformed token %j', async (token) => {
    const { verifier } = verifierWith(current);
    expect(await refusal(verifier, token)).toBeInstanceOf(UnauthorizedError);
  });

  it('answers DependencyUnavailableError, not 401, when the key set cannot be read', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const verifier = new TokenVerifier(new FakeJwksSource(() => Promise.reject(new Error('JWKS endpoint http://identity/ answered 503'))));
    const error = await refusal(verifier, await sign(current));
    expect(error).toBeInstanceOf(DependencyUnavailableError);
    expect(error.message).not.toContain('http://identity/');
    // The reason goes to the log, not to the client.
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('http://identity/ answered 503'));
    warn.mockRestore();
  });
});
