import { type Actor, type AppConfig, CurrentActor, type GraphqlContext, InjectConfig, Public, RateLimit } from '@app/core';
import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { AuthService } from '../auth/auth.service.js';
import type { IssuedTokens } from '../auth/session.service.js';
import { UserService } from '../users/user.service.js';
import { LogInInput, SignUpInput } from './auth.inputs.js';
import { AuthPayload } from './auth-payload.model.js';
import { clientMeta } from './client-meta.js';
import { CredentialsGuard, VERIFIED_LOGIN } from './credentials.guard.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UserService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Public()
  @RateLimit('signUp')
  @Mutation(() => AuthPayload, { description: 'Create an account and sign in. Rate-limited per address.' })
  async signUp(@Args('input') input: SignUpInput, @Context() ctx: GraphqlContext): Promise<AuthPayload> {
    return this.payload(await this.auth.signUp(input, clientMeta(ctx.req, this.config.ipHashSalt)));
  }

  @Public()
  @RateLimit('logIn')
  @UseGuards(CredentialsGuard)
  @Mutation(() => AuthPayload, { description: 'Sign in with email and password. Rate-limited per email and per address.' })
  async logIn(@Args('input') _input: LogInInput, @Context() ctx: GraphqlContext): Promise<AuthPayload> {
    const verified = (ctx.req as unknown as Record<string, { userId: string }>)[VERIFIED_LOGIN]!;
    return this.payload(await this.auth.logIn(verified.userId, clientMeta(ctx.req, this.config.ipHashSalt)));
  }

  @Public()
  @RateLimit('refreshSession')
  @Mutation(() => AuthPayload, { description: 'Exchange a refresh token (single use) for new tokens. Rate-limited per address.' })
  async refreshSession(@Args('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return this.payload(await this.auth.refresh(refreshToken));
  }

  @Mutation(() => Boolean, { description: 'End this session (or every session of the account); its tokens stop working at once.' })
  logOut(
    @CurrentActor() actor: Actor,
    @Args('allSessions', { type: () => Boolean, defaultValue: false }) allSessions: boolean,
  ): Promise<boolean> {
    return this.auth.logOut(actor.userId, actor.sessionId, allSessions);
  }

  private async payload(tokens: IssuedTokens): Promise<AuthPayload> {
    return {
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      refreshToken: tokens.refreshToken,
      refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
      user: await this.users.getOrFail(tokens.userId),
    };
  }
}
