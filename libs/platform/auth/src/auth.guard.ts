import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Caller, Role } from './caller';
import { ForbiddenError, UnauthorizedError } from './auth-errors';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import { TokenVerifier } from './token-verifier';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(); @Roles()
 * narrows it further. The caller is put on the request for @CurrentCaller().
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
    const token = bearerToken(request.headers['authorization']);
    if (!token) {
      if (isPublic) return true;
      throw new UnauthorizedError('an access token is required (Authorization: Bearer <token>)');
    }
    request.caller = await this.verifier.verify(token);
    if (roles.length > 0 && !roles.some((role) => request.caller!.roles.includes(role))) {
      throw new ForbiddenError(`this operation needs the role ${roles.join(' or ')}`);
    }
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"');
  return match[1];
}
