import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  EmailTakenError,
  IDENTITY_API,
  INVALID_CREDENTIALS_MESSAGE,
  InvalidCredentialsError,
  TooManyAttemptsError,
  type IdentityApi,
  type TokenPair,
  type UserView,
} from '@foodcourt/identity-contract';
import { startHttpTestApp, TestIdentity, type HttpTestApp } from '@foodcourt/platform-testing';
import { IdentityHttpModule } from './identity-http.module';

describe('IdentityController and JwksController over Fastify', () => {
  let testIdentity: TestIdentity;
  let t: HttpTestApp;

  const identity = {
    register: jest.fn(),
    login: jest.fn(),
    refresh: jest.fn(),
    logout: jest.fn(),
    getUser: jest.fn(),
    publicKeys: jest.fn(),
    rotateSigningKey: jest.fn(),
  } satisfies Record<keyof IdentityApi, jest.Mock>;

  const user: UserView = { id: randomUUID(), email: 'ada@example.com', name: 'Ada', roles: ['customer'], createdAt: new Date('2026-01-02T03:04:05.000Z') };
  const userJson = { ...user, createdAt: '2026-01-02T03:04:05.000Z' };
  const pair: TokenPair = { accessToken: 'a.b.c', refreshToken: `${randomUUID()}.${'s'.repeat(43)}`, tokenType: 'Bearer', expiresIn: 900, user };

  beforeAll(async () => {
    // Stands in for identity's signing key: its key set is what AuthModule verifies against and what /.well-known serves.
    testIdentity = await TestIdentity.create();
  });

  beforeEach(async () => {
    // The application binds IDENTITY_API (local core or remote proxy) and a JwksSource (identity's, or a remote one).
    t = await startHttpTestApp({ imports: [IdentityHttpModule], providers: [{ provide: IDENTITY_API, useValue: identity }], identity: testIdentity });
  });

  afterEach(() => t.close());

  const request = (method: string, url: string, options: { body?: unknown; headers?: Record<string, string> } = {}) => t.request(method, url, options);

  describe('POST /auth/register', () => {
    it('answers 201 with the new account', async () => {
      identity.register.mockResolvedValue(user);
      const response = await request('POST', '/auth/register', { body: { email: ' Ada@Example.com', password: 'correct horse battery', name: 'Ada' } });
      expect(response.status).toBe(201);
      expect(response.body).toEqual(userJson);
      expect(identity.register).toHaveBeenCalledWith({ email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' });
    });

    it('answers 400 naming password for a weak password, without calling the port', async () => {
      const response = await request('POST', '/auth/register', { body: { email: 'ada@example.com', password: 'password', name: 'Ada' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'password' }] } });
      expect(identity.register).not.toHaveBeenCalled();
    });

    it('answers 409 EMAIL_TAKEN', async () => {
      identity.register.mockRejectedValue(new EmailTakenError('taken', { email: user.email }));
      const response = await request('POST', '/auth/register', { body: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' } });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'EMAIL_TAKEN' });
    });
  });

  describe('POST /auth/login', () => {
    it('answers 200 with the token pair and passes the client address to the port', async () => {
      identity.login.mockResolvedValue(pair);
      const response = await request('POST', '/auth/login', { body: { email: 'ada@example.com', password: 'pw' } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...pair, user: userJson });
      expect(identity.login).toHaveBeenCalledWith({ email: 'ada@example.com', password: 'pw', clientIp: '127.0.0.1' });
    });

    it('refuses a clientIp in the body (400), so a client cannot pick the address it is limited by', async () => {
      const response = await request('POST', '/auth/login', { body: { email: 'ada@example.com', password: 'pw', clientIp: '10.9.8.7' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'clientIp' }] } });
      expect(identity.login).not.toHaveBeenCalled();
    });

    it('answers 401 INVALID_CREDENTIALS', async () => {
      identity.login.mockRejectedValue(new InvalidCredentialsError(INVALID_CREDENTIALS_MESSAGE));
      const response = await request('POST', '/auth/login', { body: { email: 'ada@example.com', password: 'pw' } });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: INVALID_CREDENTIALS_MESSAGE });
      expect(response.headers.get('retry-after')).toBeNull();
    });

    it('answers 429 TOO_MANY_ATTEMPTS with a Retry-After header and the standard error body', async () => {
      identity.login.mockRejectedValue(new TooManyAttemptsError('Too many login attempts; try again in 42 s', { retryAfterSeconds: 42 }));
      const response = await request('POST', '/auth/login', { body: { email: 'ada@example.com', password: 'pw' } });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('42');
      expect(response.body).toEqual({
        statusCode: 429,
        code: 'TOO_MANY_ATTEMPTS',
        message: 'Too many login attempts; try again in 42 s',
        details: { retryAfterSeconds: 42 },
      });
    });
  });

  describe('POST /auth/refresh and /auth/logout', () => {
    it('refresh answers 200 with the new pair', async () => {
      identity.refresh.mockResolvedValue(pair);
      const response = await request('POST', '/auth/refresh', { body: { refreshToken: 'old' } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ tokenType: 'Bearer', refreshToken: pair.refreshToken });
      expect(identity.refresh).toHaveBeenCalledWith({ refreshToken: 'old' });
    });

    it('refresh works when the client still sends its expired access token along', async () => {
      identity.refresh.mockResolvedValue(pair);
      const stale = `Bearer ${await testIdentity.token(user, { expiresIn: '-10s' })}`;
      const response = await request('POST', '/auth/refresh', { body: { refreshToken: 'old' }, headers: { authorization: stale } });
      expect(response.status).toBe(200);
    });

    it('logout answers 204 with no body', async () => {
      identity.logout.mockResolvedValue({ loggedOut: true });
      const response = await request('POST', '/auth/logout', { body: { refreshToken: 'old' } });
      expect(response.status).toBe(204);
      expect(response.body).toBeUndefined();
      expect(identity.logout).toHaveBeenCalledWith({ refreshToken: 'old' });
    });

    it('logout without a refresh token answers 400', async () => {
      const response = await request('POST', '/auth/logout', { body: {} });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'refreshToken' }] } });
    });
  });

  describe('GET /auth/me', () => {
    it('answers 401 UNAUTHORIZED without a token', async () => {
      const response = await request('GET', '/auth/me');
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
      expect(identity.getUser).not.toHaveBeenCalled();
    });

    it.each([
      ['a malformed Authorization header', 'Token abc'],
      ['a token that is not a JWT', 'Bearer abc'],
    ])('answers 401 UNAUTHORIZED for %s', async (_case, authorization) => {
      const response = await request('GET', '/auth/me', { headers: { authorization } });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHORIZED' });
    });

    it('answers 401 for an expired token', async () => {
      const response = await request('GET', '/auth/me', { headers: { authorization: `Bearer ${await testIdentity.token(user, { expiresIn: '-10s' })}` } });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHORIZED', message: 'the access token has expired' });
    });

    it("answers 200 with the caller's account", async () => {
      identity.getUser.mockResolvedValue(user);
      const response = await request('GET', '/auth/me', { headers: { authorization: `Bearer ${await testIdentity.token(user)}` } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(userJson);
      expect(identity.getUser).toHaveBeenCalledWith({ userId: user.id });
    });
  });

  describe('GET /.well-known/jwks.json', () => {
    it('serves the public keys without a token, and never a private part', async () => {
      const [publicKey] = (await testIdentity.jwksSource.keySet()).keys;
      jest.spyOn(testIdentity.jwksSource, 'keySet').mockResolvedValueOnce({ keys: [{ ...publicKey, d: 'private-part' }] });
      const response = await request('GET', '/.well-known/jwks.json');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', kid: testIdentity.kid, x: publicKey!.x, alg: 'EdDSA', use: 'sig' }] });
      expect((response.body['keys'] as object[])[0]).not.toHaveProperty('d');
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    });
  });

  describe('POST /admin/identity/rotate-signing-key', () => {
    const rotation = { kid: 'new-kid', previousKid: 'old-kid', published: ['new-kid', 'old-kid'], previousRetiresAt: '2026-12-08T01:16:00.000Z' };

    it('rotates for an admin, passing the kid it replaces', async () => {
      identity.rotateSigningKey.mockResolvedValue(rotation);
      const { token } = await testIdentity.admin();
      const response = await request('POST', '/admin/identity/rotate-signing-key', { body: { currentKid: 'old-kid' }, headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(rotation);
      expect(identity.rotateSigningKey).toHaveBeenCalledWith({ currentKid: 'old-kid' });
    });

    it('answers 403 to a customer and 401 to no one, without calling the port', async () => {
      const { token } = await testIdentity.customer();
      expect((await request('POST', '/admin/identity/rotate-signing-key', { body: { currentKid: 'old-kid' }, headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
      expect((await request('POST', '/admin/identity/rotate-signing-key', { body: { currentKid: 'old-kid' } })).status).toBe(401);
      expect(identity.rotateSigningKey).not.toHaveBeenCalled();
    });

    it('answers 400 naming currentKid when it is missing', async () => {
      const { token } = await testIdentity.admin();
      const response = await request('POST', '/admin/identity/rotate-signing-key', { body: {}, headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'currentKid' }] } });
    });
  });
});
