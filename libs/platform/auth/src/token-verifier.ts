import { Injectable } from '@nestjs/common';
import { createLocalJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type Caller, type Role } from './caller';
import { UnauthorizedError } from './auth-errors';
import { JwksSource } from './jwks-source';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './token-claims';

/** Verifies an access token against the JWKS, locally, and turns its claims into a Caller. */
@Injectable()
export class TokenVerifier {
  constructor(private readonly jwks: JwksSource) {}

  async verify(token: string): Promise<Caller> {
    try {
      return toCaller(await this.verifyWith(token, false));
    } catch (error) {
      // A key rotated since the set was cached: fetch once more before refusing.
      if (error instanceof errors.JWKSNoMatchingKey) return toCaller(await this.verifyWith(token, true).catch(refuse));
      return refuse(error);
    }
  }

  private async verifyWith(token: string, refresh: boolean): Promise<JWTPayload> {
    const keys = createLocalJWKSet(await this.jwks.keySet(refresh));
    const { payload } = await jwtVerify(token, keys, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: [TOKEN_ALGORITHM] });
    return payload;
  }
}

function refuse(error: unknown): never {
  if (error instanceof UnauthorizedError) throw error;
  const reason = error instanceof errors.JWTExpired ? 'the access token has expired' : 'the access token is not valid';
  throw new UnauthorizedError(reason);
}

function toCaller(payload: JWTPayload): Caller {
  const roles = payload['roles'];
  const email = payload['email'];
  if (typeof payload.sub !== 'string' || typeof email !== 'string' || !Array.isArray(roles) || !roles.every((r) => ROLES.includes(r as Role))) {
    throw new UnauthorizedError('the access token is not valid');
  }
  return { id: payload.sub, email, roles: roles as Role[] };
}
