import {
  type AppConfig,
  AppConfigModule,
  createValidationPipe,
  DatabaseModule,
  GqlAuthGuard,
  GraphqlExceptionFilter,
  graphqlOptions,
  HealthModule,
  LoggingModule,
  RateLimitModule,
  RedisModule,
  RolesGuard,
} from '@app/core';
import { IdentityGraphqlModule } from '@app/identity';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';

/** The API: GraphQL at /graphql, health at /health. */
@Module({})
export class ApiModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(config, 'marketplace-api'),
        RedisModule,
        RateLimitModule,
        GraphQLModule.forRoot<ApolloDriverConfig>(graphqlOptions(config)),
        HealthModule,
        IdentityGraphqlModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: GqlAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
      ],
    };
  }
}
