import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
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
import { AuthModule, JwksSource, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@foodcourt/platform-auth';
import { configureHttp } from '@foodcourt/platform-runtime';
import { IdentityHttpModule } from './identity-http.module';

@Module({})
class FakeIdentityPortModule {}

@Module({})
class FakeJwksModule {}

const KID = 'spec-key-1';

describe('IdentityController and JwksController over Fastify', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let privateKey: CryptoKey;
  let keySet: JSONWebKeySet;

  const identity = {
    register: jest.fn(),
    login: jest.fn(),
    refresh: jest.fn(),
    logout: jest.fn(),
    getUser: jest.fn(),
  } satisfies Record<keyof IdentityApi, jest.Mock>;
  const jwks = { keySet: jest.fn(async (): Promise<JSONWebKeySet> => keySet) } satisfies JwksSource;

  const user: UserView = { id: randomUUID(), email: 'ada@example.com', name: 'Ada', roles: ['customer'], createdAt: new Date('2026-01-02T03:04:05.000Z') };
  const userJson = { ...user, createdAt: '2026-01-02T03:04:05.000Z' };
  const pair: TokenPair = { accessToken: 'a.b.c', refreshToken: `${randomUUID()}.${'s'.repeat(43)}`, tokenType: 'Bearer', expiresIn: 900, user };

  const token = (exp = Math.floor(Date.now() / 1000) + 60) =>
    new SignJWT({ email: user.email, roles: user.roles })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: KID })
      .setSubject(user.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(exp - 60)
      .setExpirationTime(exp)
      .sign(privateKey);

  beforeAll(async () => {
    // An Ed25519 key pair standing in for identity's signing key.
    const generated = await generateKeyPair(TOKEN_ALGORITHM);
    privateKey = generated.privateKey;
    keySet = { keys: [{ ...(await exportJWK(generated.publicKey)), kid: KID, alg: TOKEN_ALGORITHM, use: 'sig' }] };
  });

  beforeEach(async () => {
    // The application binds IDENTITY_API (local core or remote proxy) and a JwksSource (identity's, or a remote one).
    const port = { module: FakeIdentityPortModule, global: true, providers: [{ provide: IDENTITY_API, useValue: identity }], exports: [IDENTITY_API] };
    const keys = { module: FakeJwksModule, global: true, providers: [{ provide: JwksSource, useValue: jwks }], exports: [JwksSource] };
    const moduleRef = await Test.createTestingModule({ imports: [port, keys, AuthModule.forRoot(), IdentityHttpModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterEach(() => app.close());

  // Real HTTP: Fastify's app.inject() needs the ESM-only `cookie` package, which the Jest preset does not transform.
  const request = async (method: string, url: string, options: { body?: unknown; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { statusCode: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };

  describe('POST /auth/register', () => {
    it('answers 201 with the new account', async () => {
      identity.register.mockResolvedValue(user);
      const response = await request('POST', '/auth/register', { body: { email: ' Ada@Example.com', password: 'correct horse battery', name: 'Ada' } });
      expect(response.statusCode).toBe(201);
      expect(response.body).toEqual(userJson);
      expect(identity.register).toHaveBeenCalledWith({ email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' });
    });

    it('answers 400 naming password for a weak password, without calling the port', async () => {
      const response = await request('POST', '/auth/register', { body: { email: 'ada@example.com', password: 'password', name: 'Ada' } });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'password' }] } });
      expect(identity.register).not.toHaveBeenCalled();
    });

    it('answers 409 EMAIL_TAKEN', async () => {
      identity.register.mockRejectedValue(new EmailTakenError('taken', { email: user.email }));
      const response = await request('POST', '/auth/register', { body: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' } });
      expect(response.statusCode).toBe(409);
      expect(response.body).toMatchObject({ code: 'EMAIL_TAKEN' });
    });
  });

  describe('POST /auth/login', () => {
    it('answers 200 with the token pair and passes the client address to the port', async () => {
      identity.login.mockResolvedValue(pair);
      const response = await request('POST', '/auth/login', { body: { email: 'ada@example.com', password: 'pw' } });
      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual({ ...pair, user: userJson });
      expect(identity.login).toHaveBeenCalledWith({ email: 'ada@example.com', password: 'pw', clientIp: '127.0.0.1' });
    });

    it('refuses a clientIp in the body (400), so a client cannot pick the address it is limited by', async () => {
      const response = await request('POST', '/auth/login', { body: { email: 'ada@example.com', password: 'pw', clientIp: '10.9.8.7' } });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'clientIp' }] } });
      expect(identity.login).not.toHaveBeenCalled();
    });

    it('answers 401 INVALID_CREDENTIALS', async () => {
      identity.login.mockRejectedValue(new InvalidCredentialsError(INVALID_CREDENTIALS_MESSAGE));
      const response = await request('POST', '/auth/login', { body: { email: 'ada@example.com', password: 'pw' } });
      expect(response.statusCode).toBe(401);
      expect(response.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: INVALID_CREDENTIALS_MESSAGE });
      expect(response.headers.get('retry-after')).toBeNull();
    });

    it('answers 429 TOO_MANY_ATTEMPTS with a Retry-After header and the standard error body', async () => {
      identity.login.mockRejectedValue(new TooManyAttemptsError('Too many login attempts; try again in 42 s', { retryAfterSeconds: 42 }));
      const response = await request('POST', '/auth/login', { body: { email: 'ada@example.com', password: 'pw' } });
      expect(response.statusCode).toBe(429);
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
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatchObject({ tokenType: 'Bearer', refreshToken: pair.refreshToken });
      expect(identity.refresh).toHaveBeenCalledWith({ refreshToken: 'old' });
    });

    it('refresh works when the client still sends its expired access token along', async () => {
      identity.refresh.mockResolvedValue(pair);
      const stale = `Bearer ${await token(Math.floor(Date.now() / 1000) - 10)}`;
      const response = await request('POST', '/auth/refresh', { body: { refreshToken: 'old' }, headers: { authorization: stale } });
      expect(response.statusCode).toBe(200);
    });

    it('logout answers 204 with no body', async () => {
      identity.logout.mockResolvedValue({ loggedOut: true });
      const response = await request('POST', '/auth/logout', { body: { refreshToken: 'old' } });
      expect(response.statusCode).toBe(204);
      expect(response.body).toBeUndefined();
      expect(identity.logout).toHaveBeenCalledWith({ refreshToken: 'old' });
    });

    it('logout without a refresh token answers 400', async () => {
      const response = await request('POST', '/auth/logout', { body: {} });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { violations: [{ field: 'refreshToken' }] } });
    });
  });

  describe('GET /auth/me', () => {
    it('answers 401 UNAUTHORIZED without a token', async () => {
      const response = await request('GET', '/auth/me');
      expect(response.statusCode).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
      expect(identity.getUser).not.toHaveBeenCalled();
    });

    it.each([
      ['a malformed Authorization header', 'Token abc'],
      ['a token that is not a JWT', 'Bearer abc'],
    ])('answers 401 UNAUTHORIZED for %s', async (_case, authorization) => {
      const response = await request('GET', '/auth/me', { headers: { authorization } });
      expect(response.statusCode).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHORIZED' });
    });

    it('answers 401 for an expired token', async () => {
      const response = await request('GET', '/auth/me', { headers: { authorization: `Bearer ${await token(Math.floor(Date.now() / 1000) - 10)}` } });
      expect(response.statusCode).toBe(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHORIZED', message: 'the access token has expired' });
    });

    it("answers 200 with the caller's account", async () => {
      identity.getUser.mockResolvedValue(user);
      const response = await request('GET', '/auth/me', { headers: { authorization: `Bearer ${await token()}` } });
      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual(userJson);
      expect(identity.getUser).toHaveBeenCalledWith({ userId: user.id });
    });
  });

  describe('GET /.well-known/jwks.json', () => {
    it('serves the public keys without a token, and never a private part', async () => {
      const [publicKey] = keySet.keys;
      jwks.keySet.mockResolvedValueOnce({ keys: [{ ...publicKey, d: 'private-part' }] });
      const response = await request('GET', '/.well-known/jwks.json');
      expect(response.statusCode).toBe(200);
      expect(response.body).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', kid: KID, x: publicKey!.x, alg: 'EdDSA', use: 'sig' }] });
      expect((response.body['keys'] as object[])[0]).not.toHaveProperty('d');
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    });
  });
});
