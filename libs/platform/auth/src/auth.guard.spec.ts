import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import { configureHttp } from '@foodcourt/platform-http';
import { CurrentCaller, Public, Roles } from './auth.decorators';
import { AuthModule } from './auth.module';
import type { Caller, Role } from '@foodcourt/platform-kernel';
import { JwksSource } from './jwks-source';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './token-claims';

@Controller('probe')
class ProbeController {
  @Get('public')
  @Public()
  open(@CurrentCaller() caller: Caller | undefined) {
    return { caller: caller ?? null };
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
}

@Module({})
class FakeJwksModule {}

const KID = 'guard-spec-key';

describe('AuthGuard (global, through AuthModule.forRoot) over Fastify', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let privateKey: CryptoKey;
  let keySet: JSONWebKeySet;
  const userId = randomUUID();

  const token = (roles: Role[], expiresAt = Math.floor(Date.now() / 1000) + 300) =>
    new SignJWT({ email: 'ada@example.com', roles })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: KID })
      .setSubject(userId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setExpirationTime(expiresAt)
      .sign(privateKey);

  beforeAll(async () => {
    const generated = await generateKeyPair(TOKEN_ALGORITHM);
    privateKey = generated.privateKey;
    keySet = { keys: [{ ...(await exportJWK(generated.publicKey)), kid: KID, alg: TOKEN_ALGORITHM }] };
    // A JwksSource fake, as identity's core or IdentityPortJwksSource would provide it.
    const jwks = { keySet: async () => keySet } satisfies JwksSource;
    const keys = { module: FakeJwksModule, global: true, providers: [{ provide: JwksSource, useValue: jwks }], exports: [JwksSource] };
    const moduleRef = await Test.createTestingModule({ imports: [keys, AuthModule.forRoot()], controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(() => app.close());

  const get = async (path: string, authorization?: string) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: authorization ? { authorization } : {} });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('lets a public route through without a token, with no caller', async () => {
    expect(await get('/probe/public')).toEqual({ status: 200, body: { caller: null } });
  });

  it('exposes the caller of a valid token on a public route', async () => {
    const response = await get('/probe/public', `Bearer ${await token(['customer'])}`);
    expect(response.body).toEqual({ caller: { id: userId, email: 'ada@example.com', roles: ['customer'] } });
  });

  it.each([
    ['an expired token', async () => `Bearer ${await token(['customer'], Math.floor(Date.now() / 1000) - 10)}`],
    ['a malformed header', async () => 'Basic dXNlcjpwdw=='],
    ['a garbage token', async () => 'Bearer garbage'],
  ])('ignores %s on a public route (e.g. a stale token sent along to /auth/refresh)', async (_case, header) => {
    expect(await get('/probe/public', await header())).toEqual({ status: 200, body: { caller: null } });
  });

  it('refuses a protected route without a token: 401 UNAUTHORIZED', async () => {
    const response = await get('/probe/private');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
  });

  it.each([['Token abc'], ['Bearer'], ['Bearer a b'], ['bearer']])('refuses the malformed Authorization header %j: 401 UNAUTHORIZED', async (header) => {
    const response = await get('/probe/private', header);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHORIZED', message: 'the Authorization header must be "Bearer <token>"' });
  });

  it('refuses an expired token on a protected route, saying so', async () => {
    const response = await get('/probe/private', `Bearer ${await token(['customer'], Math.floor(Date.now() / 1000) - 10)}`);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'UNAUTHORIZED', message: 'the access token has expired' });
  });

  it('lets a valid token through to a protected route, with its caller', async () => {
    const response = await get('/probe/private', `bearer ${await token(['customer'])}`);
    expect(response).toEqual({ status: 200, body: { caller: { id: userId, email: 'ada@example.com', roles: ['customer'] } } });
  });

  it("refuses @Roles('admin') to a customer: 403 FORBIDDEN", async () => {
    const response = await get('/probe/admin', `Bearer ${await token(['customer'])}`);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it("lets an admin through @Roles('admin'), and refuses it without a token (401, not 403)", async () => {
    expect((await get('/probe/admin', `Bearer ${await token(['admin', 'customer'])}`)).status).toBe(200);
    expect((await get('/probe/admin')).status).toBe(401);
  });
});
