import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Caller, Role } from '@foodcourt/platform-kernel';

export const PUBLIC_ROUTE = 'foodcourt.auth.public';
export const REQUIRED_ROLES = 'foodcourt.auth.roles';

/** The route needs no token (a token, if sent, is still verified and exposed). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The route needs a caller holding at least one of `roles`. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The verified caller of this request (undefined on a public route called without a token). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller | undefined => {
  return context.switchToHttp().getRequest<{ caller?: Caller }>().caller;
});
