import { Injectable, Logger } from '@nestjs/common';
import { errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { DependencyUnavailableError, DomainError, ROLES, type Caller, type Role } from '@foodcourt/platform-kernel';
import { UnauthorizedError } from './auth-errors';
import { JwksSource } from './jwks-source';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './token-claims';
import { VerifiedTokens } from './verified-tokens';

/** Verifies an access token against the JWKS, locally, and turns its claims into a Caller. */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private readonly verified = new VerifiedTokens();

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
    // The key set is read on every request all the same: one that cannot be read still answers 503.
    const keySet = await this.readKeySet(refresh);
    const fingerprint = VerifiedTokens.fingerprint(keySet);
    const known = this.verified.get(token, fingerprint);
    if (known) return known;
    // A token without `exp` would be valid forever: refused even when the signature is good.
    const { payload } = await jwtVerify(token, this.verified.keysFor(keySet, fingerprint), {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      algorithms: [TOKEN_ALGORITHM],
      requiredClaims: ['exp'],
    });
    this.verified.set(token, fingerprint, payload);
    return payload;
  }

  // A key set that cannot be read says nothing about the token: 503, so clients retry instead of logging in again.
  private async readKeySet(refresh: boolean): Promise<JSONWebKeySet> {
    try {
      return await this.jwks.keySet(refresh);
    } catch (error) {
      this.logger.warn(`key set unavailable: ${(error as Error).message}`);
      throw new DependencyUnavailableError('Access tokens cannot be verified now: the identity key set is unavailable', { dependency: 'identity' });
    }
  }
}

function refuse(error: unknown): never {
  if (error instanceof DomainError) throw error;
  const reason = error instanceof errors.JWTExpired ? 'the access token has expired' : 'the access token is not valid';
  throw new UnauthorizedError(reason);
}

function toCaller(payload: JWTPayload): Caller {
  const roles = payload['roles'];
  const email = payload['email'];
  if (typeof payload.sub !== 'string' || typeof email !== 'string' || !Array.isArray(roles) || !roles.every((r) => ROLES.includes(r as Role))) {
    throw new UnauthorizedError('the access token is not valid');
  }
  // A copy: the payload may be reused for the next request with this token (VerifiedTokens).
  return { id: payload.sub, email, roles: [...roles] as Role[] };
}
