import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Actor } from '../auth/actor.js';
import type { AppConfig, RateLimitedOperation } from '../config/app-config.js';
import { InjectConfig } from '../config/app-config.module.js';
import { AppException, ErrorCode } from '../errors/app.exception.js';
import type { GraphqlRequest } from '../graphql/graphql-context.js';
import { hashIp } from '../http/client-ip.js';
import { type RateLimitBucket, RateLimiter } from './rate-limiter.service.js';

const OPERATION_LIMIT = 'rate-limit:operation';
const PER_INTEGRATION = 'rate-limit:per-integration';

/** The operation also counts against its own, stricter limits (`rateLimits.operations`). */
export const RateLimit = (operation: RateLimitedOperation): MethodDecorator => SetMetadata(OPERATION_LIMIT, operation);

/**
 * The operation authenticates with an integration API key and is counted per integration
 * by its service once the key is known, so a shop's server is not limited as an anonymous
 * address.
 */
export const RateLimitedPerIntegration = (): MethodDecorator => SetMetadata(PER_INTEGRATION, true);

const IP_HASH = Symbol('rate-limit:ip-hash');

type LimitedRequest = GraphqlRequest & { [IP_HASH]?: string };

/** A bucket and what a caller over it is told. */
type CallerBucket = RateLimitBucket & { refusal: string };

const OPERATION_NOUNS: Record<RateLimitedOperation, string> = {
  logIn: 'login attempts',
  signUp: 'sign-ups',
  refreshSession: 'session refreshes',
  claim: 'link and code claims',
};

/**
 * Counts every root field a GraphQL request runs (so each alias, and each operation of a
 * batch) before its resolver, and refuses it with RATE_LIMITED once the caller is over a
 * limit: per user when signed in, per client address when anonymous, plus the stricter
 * limits of the operation itself. One Redis round trip per root field counts every bucket.
 * It runs after authentication, so the caller is known; an operation that fails
 * authentication costs no more than the token check and is not counted.
 */
@Injectable()
export class GraphqlRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    // Field resolvers below the root are part of the root field's work, already counted.
    if (gql.getInfo<GraphQLResolveInfo>().path.prev !== undefined) return true;
    const req = gql.getContext<{ req: LimitedRequest }>().req;
    const handler = context.getHandler();
    const operation = this.reflector.get<RateLimitedOperation | undefined>(OPERATION_LIMIT, handler);
    const perIntegration = this.reflector.get<boolean | undefined>(PER_INTEGRATION, handler) === true;
    const buckets = this.bucketsFor(req, req.user, operation, perIntegration);
    const state = await this.limiter.hitAll(buckets);
    if (state.allowed) return true;
    // The error plugin also sets the Retry-After header from retryAfterSeconds.
    throw new AppException(ErrorCode.RateLimited, `${state.bucket!.refusal}; try again in ${state.retryAfterSeconds} seconds`, {
      retryAfterSeconds: state.retryAfterSeconds,
    });
  }

  private bucketsFor(req: LimitedRequest, actor: Actor | undefined, operation: RateLimitedOperation | undefined, perIntegration: boolean): CallerBucket[] {
    const { graphql, operations } = this.config.rateLimits;
    const window = graphql.windowSeconds;
    const buckets: CallerBucket[] = [];
    if (actor) {
      buckets.push({ name: `gql:user:${actor.userId}`, limit: graphql.perUser, windowSeconds: window, refusal: 'Too many requests from this account' });
    } else if (!perIntegration) {
      buckets.push({ name: `gql:ip:${this.ipHash(req)}`, limit: graphql.perAnonymousIp, windowSeconds: window, refusal: 'Too many requests from this address' });
    }
    if (operation) {
      const { perIp, perUser, windowSeconds } = operations[operation];
      const noun = OPERATION_NOUNS[operation];
      buckets.push({ name: `op:${operation}:ip:${this.ipHash(req)}`, limit: perIp, windowSeconds, refusal: `Too many ${noun} from this address` });
      if (actor && perUser !== null) {
        buckets.push({ name: `op:${operation}:user:${actor.userId}`, limit: perUser, windowSeconds, refusal: `Too many ${noun} from this account` });
      }
    }
    return buckets;
  }

  /** The caller's address, hashed once per request (raw addresses are never used as keys). */
  private ipHash(req: LimitedRequest): string {
    req[IP_HASH] ??= hashIp(req.ip, this.config.ipHashSalt);
    return req[IP_HASH];
  }
}
