import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { JwksSource, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@foodcourt/platform-auth';
import { type Caller, type Role } from '@foodcourt/platform-kernel';

/** A JwksSource serving a fixed key set from memory, as identity's would (tests may spy on keySet). */
export class InMemoryJwksSource extends JwksSource {
  constructor(private readonly keys: JSONWebKeySet) {
    super();
  }

  async keySet(): Promise<JSONWebKeySet> {
    return this.keys;
  }
}

/** What the caller of a test token may leave out: id, e-mail and roles get defaults. */
export type TestCallerInput = Partial<Caller> & { roles?: Role[] };

/** How a test token may differ from what identity issues (to make it expired, foreign, ...). */
export interface TestTokenOptions {
  /** Lifetime from now, in jose's notation ('5m', '-1s' for an expired token); default '5m'. */
  expiresIn?: string;
  issuer?: string;
  audience?: string;
  /** The key id in the header; default this identity's (another identity's kid makes a bad signature). */
  kid?: string;
}

/** A stand-in for the identity domain: an Ed25519 signing key, its JWKS, and access tokens as identity issues them. */
export class TestIdentity {
  private constructor(
    private readonly privateKey: CryptoKey,
    /** The key id of the signing key (the `kid` of its tokens and of its JWK). */
    readonly kid: string,
    /** The public key set AuthModule verifies tokens against. */
    readonly jwksSource: InMemoryJwksSource,
  ) {}

  /** A fresh identity with its own Ed25519 key pair. */
  static async create(): Promise<TestIdentity> {
    const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { crv: 'Ed25519' });
    const kid = `test-${randomUUID()}`;
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALGORITHM, use: 'sig' };
    return new TestIdentity(privateKey, kid, new InMemoryJwksSource({ keys: [jwk] }));
  }

  /** A signed access token for `caller` (defaults: a random id, `<id>@example.test`, ['customer']). */
  token(caller: TestCallerInput = {}, options: TestTokenOptions = {}): Promise<string> {
    const { id, email, roles } = completeCaller(caller, ['customer']);
    return new SignJWT({ email, roles })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: options.kid ?? this.kid, typ: 'JWT' })
      .setSubject(id)
      .setIssuer(options.issuer ?? TOKEN_ISSUER)
      .setAudience(options.audience ?? TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .setJti(randomUUID())
      .sign(this.privateKey);
  }

  /** A customer (roles ['customer'] unless overridden) and a valid token for it. */
  customer(overrides: TestCallerInput = {}): Promise<{ caller: Caller; token: string }> {
    return this.signedIn(completeCaller(overrides, ['customer']));
  }

  /** An admin (roles ['admin'] unless overridden) and a valid token for it. */
  admin(overrides: TestCallerInput = {}): Promise<{ caller: Caller; token: string }> {
    return this.signedIn(completeCaller(overrides, ['admin']));
  }

  private async signedIn(caller: Caller): Promise<{ caller: Caller; token: string }> {
    return { caller, token: await this.token(caller) };
  }
}

function completeCaller(caller: TestCallerInput, roles: Role[]): Caller {
  const id = caller.id ?? randomUUID();
  return { id, email: caller.email ?? `${id}@example.test`, roles: [...(caller.roles ?? roles)] };
}
