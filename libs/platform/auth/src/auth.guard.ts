import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Caller, Role } from '@foodcourt/platform-kernel';
import { ForbiddenError, UnauthorizedError } from './auth-errors';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { TokenVerifier } from './token-verifier';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(); @Roles()
 * narrows it further. The caller is put on the request for @CurrentCaller() (on a public
 * route only when the token sent verifies).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? [];
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    if (isPublic) {
      // A public route works for anyone: a token that cannot be verified (an expired one sent along
      // to /auth/refresh, say) is ignored rather than refused, and the request runs without a caller.
      request.caller = await this.callerOf(request.headers['authorization']).catch(() => undefined);
      if (!request.caller) return true;
    } else {
      request.caller = await this.callerOf(request.headers['authorization']);
      if (!request.caller) throw new UnauthorizedError('an access token is required (Authorization: Bearer <token>)');
    }
    if (roles.length > 0 && !roles.some((role) => request.caller!.roles.includes(role))) {
      throw new ForbiddenError(`this operation needs the role ${roles.join(' or ')}`);
    }
    return true;
  }

  /** The verified caller of a request's Authorization header; undefined when there is none. */
  private async callerOf(header: string | undefined): Promise<Caller | undefined> {
    const token = bearerToken(header);
    return token === undefined ? undefined : this.verifier.verify(token);
  }
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"');
  return match[1];
}
