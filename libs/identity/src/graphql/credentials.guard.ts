import { type ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthGuard } from '@nestjs/passport';
import { AppException, ErrorCode } from '@app/core';
import { INVALID_CREDENTIALS } from '../auth/credentials.service.js';
import { CREDENTIALS_STRATEGY } from '../auth/local.strategy.js';

export const VERIFIED_LOGIN = 'verifiedLogin';

/**
 * Runs the email/password strategy on the `logIn` mutation's input. The verified user is
 * left on the request under {@link VERIFIED_LOGIN} for the resolver.
 */
@Injectable()
export class CredentialsGuard extends AuthGuard(CREDENTIALS_STRATEGY) {
  override getRequest(context: ExecutionContext) {
    const gql = GqlExecutionContext.create(context);
    const req = gql.getContext<{ req: { body?: unknown } }>().req;
    const input = gql.getArgs<{ input?: { email?: unknown; password?: unknown } }>().input ?? {};
    // passport-local reads credentials from the body; the GraphQL body was already parsed by Apollo.
    req.body = { email: input.email, password: input.password };
    return req;
  }

  override getAuthenticateOptions() {
    return { session: false, property: VERIFIED_LOGIN };
  }

  override handleRequest<T>(error: unknown, result: T | false): T {
    if (error) throw error;
    if (!result) throw new AppException(ErrorCode.Unauthenticated, INVALID_CREDENTIALS);
    return result;
  }
}
