import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@foodcourt/platform-auth';
import { type Role } from '@foodcourt/platform-kernel';
import { IdentityConfig } from '../config/identity-config';
import { SigningKeyStore } from './signing-key-store';

/** A signed access token and its lifetime in seconds. */
export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

/** Signs access tokens: EdDSA JWTs with the claims TokenVerifier turns into a Caller. */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly keys: SigningKeyStore,
    private readonly config: IdentityConfig,
  ) {}

  async issue(user: { id: string; email: string; roles: Role[] }, now = new Date()): Promise<IssuedAccessToken> {
    const key = this.keys.current();
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresIn = this.config.accessTokenTtlSeconds;
    const token = await new SignJWT({ email: user.email, roles: [...user.roles] })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + expiresIn)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { token, expiresIn };
  }
}
