import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import type { Actor } from './actor.js';
import { IS_PUBLIC, requestFromContext } from './decorators.js';

/** Name of the Passport strategy that turns a bearer access token into an {@link Actor}. */
export const ACCESS_TOKEN_STRATEGY = 'access-token';

function describeFailure(info: unknown): string {
  const name = (info as { name?: string } | undefined)?.name;
  if (name === 'TokenExpiredError') return 'Access token has expired; refresh the session';
  if (info instanceof Error && /no auth token/i.test(info.message)) return 'Authentication required';
  return 'Access token is invalid';
}

/**
 * Authenticates every GraphQL operation that is not `@Public()` with a bearer access
 * token. HTTP controllers (health, webhooks) authenticate on their own terms.
 */
@Injectable()
export class GqlAuthGuard extends AuthGuard(ACCESS_TOKEN_STRATEGY) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getRequest(context: ExecutionContext) {
    return requestFromContext(context);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser = Actor>(error: unknown, actor: TUser | false, info: unknown): TUser {
    if (error instanceof AppException) throw error;
    if (error || !actor) {
      throw new AppException(ErrorCode.Unauthenticated, describeFailure(info ?? error));
    }
    return actor;
  }
}
