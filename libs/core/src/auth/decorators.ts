import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from './actor.js';
import type { Role } from './role.js';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';

/** The operation needs no access token (sign-up, log-in, refresh). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller must hold at least one of these roles. Services check access again. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

export function requestFromContext(context: ExecutionContext): { user?: Actor } & Record<string, unknown> {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: { user?: Actor } & Record<string, unknown> }>().req;
  }
  return context.switchToHttp().getRequest();
}

/** The authenticated caller. Only valid on operations that are not `@Public()`. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestFromContext(context).user;
  if (!actor) throw new Error('CurrentActor used on an operation without authentication');
  return actor;
});
