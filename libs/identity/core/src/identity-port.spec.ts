import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, SignJWT, type CryptoKey } from 'jose';
import {
  EmailTakenError,
  INVALID_CREDENTIALS_MESSAGE,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  SigningKeyChangedError,
  TooManyAttemptsError,
  UserNotFoundError,
  UserView,
  type RegisterInput,
  type TokenPair,
} from '@foodcourt/identity-contract';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, UnauthorizedError } from '@foodcourt/platform-auth';
import { ValidationFailedError } from '@foodcourt/platform-kernel';
import { thrownBy } from '@foodcourt/platform-testing';
import { RefreshTokenEntity } from './persistence/refresh-token.entity';
import { SigningKeyEntity } from './persistence/signing-key.entity';
import { startIdentityContext, type IdentityTestContext } from './testing/identity-test-context';

const IP = '203.0.113.7';
const PASSWORD = 'correct horse battery';

const ada = (overrides: Partial<RegisterInput> = {}): RegisterInput => ({ email: 'ada@example.com', password: PASSWORD, name: 'Ada Lovelace', ...overrides });

describe('identity port (local binding, real SQLite)', () => {
  let ctx: IdentityTestContext;
  const start = async (env: Record<string, string> = {}) => {
    await ctx?.close();
    ctx = await startIdentityContext({ env });
  };

  beforeEach(async () => {
    ctx = await startIdentityContext();
  });

  afterEach(async () => {
    await ctx.close();
  });

  const login = (email = 'ada@example.com', password = PASSWORD, clientIp = IP) => ctx.identity.login({ email, password, clientIp });

  describe('signing key rotation', () => {
    const kidOf = (token: string) => decodeProtectedHeader(token).kid!;
    const published = async () => (await ctx.jwks.keySet()).keys.map((k) => k.kid);
    /** Date.now() `ms` ahead of now, until `restore()`. */
    const travel = (ms: number) => {
      const at = Date.now() + ms;
      return jest.spyOn(Date, 'now').mockReturnValue(at);
    };

    it('signs with the new key at once, and keeps accepting tokens of the old one while both are published', async () => {
      await ctx.identity.register(ada());
      const before = (await login()).accessToken;
      const rotation = await ctx.identity.rotateSigningKey({ currentKid: kidOf(before) });
      expect(rotation).toMatchObject({ previousKid: kidOf(before), published: [rotation.kid, kidOf(before)] });
      expect(rotation.kid).not.toBe(kidOf(before));
      // Lifetime 900 s plus the 60 s grace.
      expect(Date.parse(rotation.previousRetiresAt) - Date.now()).toBeGreaterThan(955_000);

      const after = (await login()).accessToken;
      expect(kidOf(after)).toBe(rotation.kid);
      expect(await published()).toEqual([rotation.kid, kidOf(before)]);
      await expect(ctx.verifier.verify(before)).resolves.toMatchObject({ email: 'ada@example.com' });
      await expect(ctx.verifier.verify(after)).resolves.toMatchObject({ email: 'ada@example.com' });
      expect(await ctx.signingKeys()).toHaveLength(2);
    });

    it('retires the old key from the key set once every token it signed has expired', async () => {
      const old = (await ctx.signingKeys())[0]!.kid;
      const { kid } = await ctx.identity.rotateSigningKey({ currentKid: old });
      const almost = travel(900_000 + 59_000);
      try {
        expect(await published()).toEqual([kid, old]);
      } finally {
        almost.mockRestore();
      }
      const past = travel(900_000 + 61_000);
      try {
        expect(await published()).toEqual([kid]);
      } finally {
        past.mockRestore();
      }
    });

    it('refuses a rotation naming a key that no longer signs, and adds none', async () => {
      const old = (await ctx.signingKeys())[0]!.kid;
      const { kid } = await ctx.identity.rotateSigningKey({ currentKid: old });
      const error = await thrownBy(ctx.identity.rotateSigningKey({ currentKid: old }));
      expect(error).toBeInstanceOf(SigningKeyChangedError);
      expect(error).toMatchObject({ code: 'SIGNING_KEY_CHANGED', details: { currentKid: kid } });
      expect(await ctx.signingKeys()).toHaveLength(2);
    });

    it('signs with a key another replica rotated to within 10 s', async () => {
      await ctx.identity.register(ada());
      const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
      const publicJwk = { ...(await exportJWK(publicKey)), kid: 'rotated-elsewhere', alg: 'EdDSA', use: 'sig' };
      const privateKeyPem = await exportPKCS8(privateKey);
      await ctx.db.transaction((m) => m.insert(SigningKeyEntity, { kid: 'rotated-elsewhere', privateKeyPem, publicJwk: JSON.stringify(publicJwk), createdAt: new Date() }));
      expect(kidOf((await login()).accessToken)).not.toBe('rotated-elsewhere');
      const later = travel(10_000);
      try {
        await login(); // notices its copy is 10 s old and re-reads the table
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(kidOf((await login()).accessToken)).toBe('rotated-elsewhere');
      } finally {
        later.mockRestore();
      }
    });
  });

  describe('register', () => {
    it('creates a customer, stores an argon2id hash and writes identity.user-registered to the outbox', async () => {
      const user = await ctx.identity.register(ada());
      expect(user).toBeInstanceOf(UserView);
      expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', roles: ['customer'] });
      expect(user.createdAt).toBeInstanceOf(Date);

      const [account] = await ctx.accounts();
      expect(account).toMatchObject({ id: user.id, email: 'ada@example.com', roles: ['customer'] });
      expect(account!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=8192,p=1,t=2\$/);
      expect(account!.passwordHash).not.toContain(PASSWORD);

      const outbox = await ctx.outboxRows();
      expect(outbox.map((e) => e.type)).toEqual(['identity.user-registered']);
      expect(JSON.parse(outbox[0]!.payload)).toEqual({ userId: user.id, email: 'ada@example.com', name: 'Ada Lovelace', registeredAt: user.createdAt.toISOString() });
    });

    it('refuses the same e-mail in another case or with spaces around it, and writes nothing', async () => {
      await ctx.identity.register(ada());
      const error = await thrownBy(ctx.identity.register(ada({ email: '  ADA@Example.com ', name: 'Impostor' })));
      expect(error).toBeInstanceOf(EmailTakenError);
      expect((error as EmailTakenError).details).toEqual({ email: 'ada@example.com' });
      expect(await ctx.accounts()).toHaveLength(1);
      expect(await ctx.outboxRows()).toHaveLength(1);
    });

    it('registers an e-mail once when two registrations race', async () => {
      const results = await Promise.allSettled([ctx.identity.register(ada()), ctx.identity.register(ada({ email: 'Ada@example.com' }))]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(EmailTakenError) });
      expect(await ctx.accounts()).toHaveLength(1);
    });

    it.each([
      ['too short', 'abc-1234'],
      ['letters only', 'abcdefghijklmnop'],
      ['digits only', '12345678901234'],
    ])('refuses a %s password naming password, and writes nothing', async (_case, password) => {
      const error = await thrownBy(ctx.identity.register(ada({ password })));
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).violations.map((v) => v.field)).toEqual(['password']);
      expect(error.message).toContain('password');
      expect(await ctx.accounts()).toEqual([]);
      expect(await ctx.outboxRows()).toEqual([]);
    });
  });

  describe('login and access tokens', () => {
    it('issues an EdDSA access token that TokenVerifier over LocalJwksSource turns into the caller', async () => {
      const user = await ctx.identity.register(ada());
      const pair = await login(' Ada@Example.com ');
      expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { id: user.id, email: 'ada@example.com', roles: ['customer'] } });
      expect(pair.user.createdAt).toBeInstanceOf(Date);

      expect(await ctx.verifier.verify(pair.accessToken)).toEqual({ id: user.id, email: 'ada@example.com', roles: ['customer'] });
      const [key] = await ctx.signingKeys();
      expect(decodeProtectedHeader(pair.accessToken)).toMatchObject({ alg: TOKEN_ALGORITHM, kid: key!.kid });
      const claims = decodeJwt(pair.accessToken);
      expect(claims).toMatchObject({ sub: user.id, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, email: 'ada@example.com', roles: ['customer'] });
      expect(claims.exp! - claims.iat!).toBe(900);
      expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(5);
    });

    it('publishes the public key only', async () => {
      const { keys } = await ctx.jwks.keySet();
      const [stored] = await ctx.signingKeys();
      expect(keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: stored!.kid, alg: 'EdDSA', use: 'sig' }]);
      expect(keys[0]).not.toHaveProperty('d');
      expect(await ctx.jwks.keySet(true)).toEqual({ keys });
    });

    it('picks up a key another replica stored when asked to refresh, at most once per 5 s', async () => {
      const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
      const publicJwk = { ...(await exportJWK(publicKey)), kid: 'other-replica', alg: 'EdDSA', use: 'sig' };
      const privateKeyPem = await exportPKCS8(privateKey);
      await ctx.db.transaction((m) => m.insert(SigningKeyEntity, { kid: 'other-replica', privateKeyPem, publicJwk: JSON.stringify(publicJwk), createdAt: new Date() }));
      expect((await ctx.jwks.keySet(true)).keys).toHaveLength(1); // read at start-up, moments ago: not again yet
      const later = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 5_000);
      try {
        expect((await ctx.jwks.keySet(true)).keys.map((k) => k.kid).sort()).toEqual([(await ctx.signingKeys()).find((k) => k.kid !== 'other-replica')!.kid, 'other-replica'].sort());
      } finally {
        later.mockRestore();
      }
    });

    it('refuses a token signed by another key, a tampered token and an expired one', async () => {
      const user = await ctx.identity.register(ada());
      const { accessToken } = await login();
      const [stored] = await ctx.signingKeys();
      const claims = { email: user.email, roles: ['admin'] };
      const sign = (kid: string, key: CryptoKey, exp: number) =>
        new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid }).setSubject(user.id).setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setIssuedAt(exp - 900).setExpirationTime(exp).sign(key);
      const now = Math.floor(Date.now() / 1000);
      const foreign = await generateKeyPair('EdDSA');

      const [header, payload, signature] = accessToken.split('.');
      const forgedPayload = Buffer.from(JSON.stringify({ ...decodeJwt(accessToken), roles: ['admin', 'customer'] })).toString('base64url');
      const tokens = {
        'another key, unknown kid': await sign('someone-else', foreign.privateKey, now + 900),
        'another key, our kid': await sign(stored!.kid, foreign.privateKey, now + 900),
        tampered: `${header}.${forgedPayload}.${signature}`,
        'cut signature': `${header}.${payload}.`,
        expired: await sign(stored!.kid, await importPKCS8(stored!.privateKeyPem, 'EdDSA'), now - 60),
      };
      for (const [name, token] of Object.entries(tokens)) {
        const error = await thrownBy(ctx.verifier.verify(token));
        expect([name, error]).toEqual([name, expect.any(UnauthorizedError)]);
      }
      expect((await thrownBy(ctx.verifier.verify(tokens.expired))).message).toBe('the access token has expired');
      // The same stored key with a valid expiry is accepted: the refusals above are about key, content and time.
      await expect(ctx.verifier.verify(await sign(stored!.kid, await importPKCS8(stored!.privateKeyPem, 'EdDSA'), now + 60))).resolves.toMatchObject({ id: user.id });
    });

    it('answers an unknown e-mail and a wrong password alike, in comparable time', async () => {
      await start({ IDENTITY_LOGIN_MAX_PER_EMAIL: '100' });
      await ctx.identity.register(ada());
      const timed = async (call: () => Promise<unknown>) => {
        const started = process.hrtime.bigint();
        const error = await thrownBy(call());
        return { error, ms: Number(process.hrtime.bigint() - started) / 1e6 };
      };
      const unknown = () => timed(() => login('nobody@example.com', PASSWORD));
      const wrong = () => timed(() => login('ada@example.com', `${PASSWORD}!`));
      await unknown(); // warm-up
      await wrong();
      const samples: { unknown: number[]; wrong: number[] } = { unknown: [], wrong: [] };
      for (let i = 0; i < 5; i++) {
        const a = await unknown();
        const b = await wrong();
        for (const { error } of [a, b]) {
          expect(error).toBeInstanceOf(InvalidCredentialsError);
          expect(error.message).toBe(INVALID_CREDENTIALS_MESSAGE);
          expect((error as InvalidCredentialsError).details).toBeUndefined();
        }
        samples.unknown.push(a.ms);
        samples.wrong.push(b.ms);
      }
      const median = (values: number[]) => [...values].sort((x, y) => x - y)[2]!;
      const [slow, fast] = [median(samples.unknown), median(samples.wrong)].sort((x, y) => y - x);
      expect(slow! / fast!).toBeLessThan(2);
    });

    it('refuses the 6th failed login for one e-mail with TooManyAttemptsError, even with the right password', async () => {
      await ctx.identity.register(ada());
      for (let i = 0; i < 5; i++) await expect(login('ada@example.com', 'wrong password!')).rejects.toBeInstanceOf(InvalidCredentialsError);
      const error = await thrownBy(login('ada@example.com', PASSWORD, '198.51.100.1'));
      expect(error).toBeInstanceOf(TooManyAttemptsError);
      const retryAfterSeconds = (error as TooManyAttemptsError).retryAfterSeconds;
      expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(retryAfterSeconds).toBeLessThanOrEqual(60);
      expect((error as TooManyAttemptsError).details).toEqual({ retryAfterSeconds });
      // Counted per e-mail, unknown ones included: another e-mail is not affected.
      await expect(login('nobody@example.com', PASSWORD)).rejects.toBeInstanceOf(InvalidCredentialsError);
    });

    it('gives an e-mail its attempts back after a successful login', async () => {
      await ctx.identity.register(ada());
      for (let i = 0; i < 4; i++) await expect(login('ada@example.com', 'wrong password!')).rejects.toBeInstanceOf(InvalidCredentialsError);
      await login();
      for (let i = 0; i < 5; i++) await expect(login('ada@example.com', 'wrong password!')).rejects.toBeInstanceOf(InvalidCredentialsError);
      await expect(login()).rejects.toBeInstanceOf(TooManyAttemptsError);
    });

    it('limits every attempt from one client address, successful ones included', async () => {
      await start({ IDENTITY_LOGIN_MAX_PER_IP: '3' });
      await ctx.identity.register(ada());
      await login();
      await expect(login('bob@example.com')).rejects.toBeInstanceOf(InvalidCredentialsError);
      await login();
      const error = await thrownBy(login());
      expect(error).toBeInstanceOf(TooManyAttemptsError);
      expect((error as TooManyAttemptsError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      await expect(login('ada@example.com', PASSWORD, '198.51.100.2')).resolves.toMatchObject({ tokenType: 'Bearer' });
    });
  });

  describe('refresh tokens', () => {
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    let pair: TokenPair;
    beforeEach(async () => {
      await ctx.identity.register(ada());
      pair = await login();
    });

    it('are opaque <id>.<secret>; only the sha256 of the secret is stored', async () => {
      const [id, secret] = pair.refreshToken.split('.');
      expect(pair.refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
      const [row] = await ctx.refreshTokens();
      expect(row).toMatchObject({ id, userId: pair.user.id, status: 'ACTIVE', tokenHash: sha256(secret!) });
      expect(JSON.stringify(row)).not.toContain(secret);
      const ttl = row!.expiresAt.getTime() - row!.createdAt.getTime();
      expect(ttl).toBe(30 * 86_400 * 1000);
    });

    it('rotate: the used token becomes USED and a new one of the same session is issued', async () => {
      const next = await ctx.identity.refresh({ refreshToken: pair.refreshToken });
      expect(next.refreshToken).not.toBe(pair.refreshToken);
      expect(next.user).toEqual(pair.user);
      expect(await ctx.verifier.verify(next.accessToken)).toMatchObject({ id: pair.user.id });
      const [first, second] = await ctx.refreshTokens();
      expect(first).toMatchObject({ id: pair.refreshToken.split('.')[0], status: 'USED' });
      expect(second).toMatchObject({ id: next.refreshToken.split('.')[0], status: 'ACTIVE', familyId: first!.familyId });
      await expect(ctx.identity.refresh({ refreshToken: next.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
    });

    it('detect reuse: an old token shown again fails and revokes the whole session, newest token included', async () => {
      const second = await ctx.identity.refresh({ refreshToken: pair.refreshToken });
      const third = await ctx.identity.refresh({ refreshToken: second.refreshToken });

      await expect(ctx.identity.refresh({ refreshToken: pair.refreshToken })).rejects.toBeInstanceOf(InvalidRefreshTokenError);
      expect((await ctx.refreshTokens()).map((t) => t.status)).toEqual(['REVOKED', 'REVOKED', 'REVOKED']);
      await expect(ctx.identity.refresh({ refreshToken: third.refreshToken })).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    });

    it('leave other sessions of the same user alone when one is revoked', async () => {
      const other = await login();
      await ctx.identity.refresh({ refreshToken: pair.refreshToken });
      await expect(ctx.identity.refresh({ refreshToken: pair.refreshToken })).rejects.toBeInstanceOf(InvalidRefreshTokenError);
      await expect(ctx.identity.refresh({ refreshToken: other.refreshToken })).resolves.toMatchObject({ user: { id: pair.user.id } });
    });

    it('of two concurrent refreshes with one token, let one through and then revoke the session', async () => {
      const results = await Promise.allSettled([
        ctx.identity.refresh({ refreshToken: pair.refreshToken }),
        ctx.identity.refresh({ refreshToken: pair.refreshToken }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const winner = results.find((r): r is PromiseFulfilledResult<TokenPair> => r.status === 'fulfilled')!.value;
      await expect(ctx.identity.refresh({ refreshToken: winner.refreshToken })).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    });

    it('refuse malformed, unknown, forged and expired tokens', async () => {
      const [id] = pair.refreshToken.split('.');
      const forged = `${id}.${'A'.repeat(43)}`;
      for (const refreshToken of ['nope', `${randomUUID()}.${'A'.repeat(43)}`, forged]) {
        await expect(ctx.identity.refresh({ refreshToken })).rejects.toBeInstanceOf(InvalidRefreshTokenError);
      }
      // A forged secret for a known id proves nothing about the holder: the session stays open.
      expect((await ctx.refreshTokens()).map((t) => t.status)).toEqual(['ACTIVE']);
      await ctx.db.transaction((m) => m.update(RefreshTokenEntity, { id }, { expiresAt: new Date(Date.now() - 1000) }));
      await expect(ctx.identity.refresh({ refreshToken: pair.refreshToken })).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    });

    it('logout revokes the session; repeating it, or an unknown or malformed token, is not an error', async () => {
      const next = await ctx.identity.refresh({ refreshToken: pair.refreshToken });
      await expect(ctx.identity.logout({ refreshToken: next.refreshToken })).resolves.toEqual({ loggedOut: true });
      expect((await ctx.refreshTokens()).map((t) => t.status)).toEqual(['REVOKED', 'REVOKED']);
      await expect(ctx.identity.refresh({ refreshToken: next.refreshToken })).rejects.toBeInstanceOf(InvalidRefreshTokenError);
      await expect(ctx.identity.logout({ refreshToken: next.refreshToken })).resolves.toEqual({ loggedOut: true });
      await expect(ctx.identity.logout({ refreshToken: `${randomUUID()}.${'A'.repeat(43)}` })).resolves.toEqual({ loggedOut: true });
      await expect(ctx.identity.logout({ refreshToken: 'garbage' })).resolves.toEqual({ loggedOut: true });
    });
  });

  describe('getUser', () => {
    it('returns the account, or UserNotFoundError', async () => {
      const user = await ctx.identity.register(ada());
      await expect(ctx.identity.getUser({ userId: user.id })).resolves.toEqual(user);
      const userId = randomUUID();
      const error = await thrownBy(ctx.identity.getUser({ userId }));
      expect(error).toBeInstanceOf(UserNotFoundError);
      expect((error as UserNotFoundError).details).toEqual({ userId });
    });
  });

  it('never returns a password hash or a stored token hash', async () => {
    const outputs: unknown[] = [];
    outputs.push(await ctx.identity.register(ada()));
    const pair = await login();
    outputs.push(pair, await ctx.identity.refresh({ refreshToken: pair.refreshToken }));
    outputs.push(await ctx.identity.getUser({ userId: pair.user.id }));
    outputs.push(await ctx.identity.logout({ refreshToken: pair.refreshToken }));
    const json = JSON.stringify(outputs);
    for (const forbidden of ['passwordHash', 'password_hash', 'tokenHash', 'token_hash', '$argon2']) expect(json).not.toContain(forbidden);
    const [account] = await ctx.accounts();
    expect(json).not.toContain(account!.passwordHash);
    for (const token of await ctx.refreshTokens()) expect(json).not.toContain(token.tokenHash);
  });
});
