import 'reflect-metadata';
import { Controller, Get, Inject, Post, Body } from '@nestjs/common';
import { decodeProtectedHeader, decodeJwt } from 'jose';
import { CurrentCaller, Public, Roles, TOKEN_AUDIENCE, TOKEN_ISSUER, TokenVerifier } from '@foodcourt/platform-auth';
import { type Caller } from '@foodcourt/platform-kernel';
import { startHttpTestApp, type HttpTestApp } from './http-test-app';
import { TestIdentity } from './test-identity';

const GREETING = Symbol('GREETING');

@Controller('probe')
class ProbeController {
  constructor(@Inject(GREETING) private readonly greeting: string) {}

  @Get('public')
  @Public()
  open(@CurrentCaller() caller: Caller | undefined) {
    return { greeting: this.greeting, caller: caller ?? null };
  }

  @Get('private')
  private(@CurrentCaller() caller: Caller) {
    return { caller };
  }

  @Get('admin')
  @Roles('admin')
  admin(@CurrentCaller() caller: Caller) {
    return { caller };
  }

  @Post('echo')
  @Public()
  echo(@Body() body: unknown) {
    return body;
  }
}

describe('TestIdentity', () => {
  let identity: TestIdentity;
  beforeAll(async () => {
    identity = await TestIdentity.create();
  });

  it('issues tokens the way identity does: EdDSA, its kid, issuer, audience, iat and a 5-minute exp', async () => {
    const token = await identity.token({ id: '3f1c2a4e-8d0b-4c39-9a52-6f7e1d2b8c41', email: 'ada@example.com', roles: ['admin'] });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: identity.kid, typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: '3f1c2a4e-8d0b-4c39-9a52-6f7e1d2b8c41', email: 'ada@example.com', roles: ['admin'], iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE });
    expect(claims.exp! - claims.iat!).toBe(300);
  });

  it('fills in a random id, <id>@example.test and the customer role', async () => {
    const claims = decodeJwt(await identity.token());
    expect(claims.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims).toMatchObject({ email: `${claims.sub}@example.test`, roles: ['customer'] });
  });

  it('signs tokens that TokenVerifier accepts, against its JWKS', async () => {
    const { caller, token } = await identity.customer({ email: 'ada@example.com' });
    await expect(new TokenVerifier(identity.jwksSource).verify(token)).resolves.toEqual(caller);
    expect(caller).toEqual({ id: expect.any(String), email: 'ada@example.com', roles: ['customer'] });
    expect((await identity.admin()).caller.roles).toEqual(['admin']);
    expect((await identity.jwksSource.keySet()).keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid: identity.kid, alg: 'EdDSA', use: 'sig' })]);
    expect((await identity.jwksSource.keySet()).keys[0]).not.toHaveProperty('d');
  });
});

describe('startHttpTestApp', () => {
  let t: HttpTestApp;
  beforeAll(async () => {
    t = await startHttpTestApp({ controllers: [ProbeController], providers: [{ provide: GREETING, useValue: 'hello' }] });
  });
  afterAll(() => t.close());

  it('listens on a loopback port', () => {
    expect(t.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a @Public route without a token, with the globally provided values', async () => {
    const response = await t.request('GET', '/probe/public');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ greeting: 'hello', caller: null });
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('sends a JSON body', async () => {
    expect((await t.request('POST', '/probe/echo', { body: { a: 1 } })).body).toEqual({ a: 1 });
  });

  it('answers a protected route 401 without a token and 200 with a customer token, exposing the caller', async () => {
    const refused = await t.request('GET', '/probe/private');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });

    const { caller, token } = await t.identity.customer();
    expect(await t.request('GET', '/probe/private', { token })).toMatchObject({ status: 200, body: { caller } });
  });

  it('passes extra headers through', async () => {
    const { token } = await t.identity.customer();
    expect((await t.request('GET', '/probe/private', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("answers an @Roles('admin') route 403 for a customer and 200 for an admin", async () => {
    const forbidden = await t.request('GET', '/probe/admin', { token: (await t.identity.customer()).token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN' });
    const { caller, token } = await t.identity.admin();
    expect(await t.request('GET', '/probe/admin', { token })).toMatchObject({ status: 200, body: { caller } });
  });

  it('answers 401 for an expired token', async () => {
    const response = await t.request('GET', '/probe/private', { token: await t.identity.token({}, { expiresIn: '-1s' }) });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHORIZED', message: 'the access token has expired' });
  });

  it.each([
    ['another issuer', { issuer: 'someone-else' }],
    ['another audience', { audience: 'another-app' }],
    ['an unknown key id', { kid: 'unknown' }],
  ])('answers 401 for a token with %s', async (_case, options) => {
    expect((await t.request('GET', '/probe/private', { token: await t.identity.token({}, options) })).status).toBe(401);
  });

  it("answers 401 for a token signed by another identity's key under this one's kid", async () => {
    const stranger = await TestIdentity.create();
    const response = await t.request('GET', '/probe/private', { token: await stranger.token({}, { kid: t.identity.kid }) });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ message: 'the access token is not valid' });
  });

  it('uses the identity it is given', async () => {
    const identity = await TestIdentity.create();
    const other = await startHttpTestApp({ controllers: [ProbeController], providers: [{ provide: GREETING, useValue: 'hi' }], identity });
    try {
      expect(other.identity).toBe(identity);
      expect((await other.request('GET', '/probe/private', { token: await identity.token() })).status).toBe(200);
      expect((await other.request('GET', '/probe/private', { token: await t.identity.token() })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});
