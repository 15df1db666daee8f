import {
  type AppConfig,
  createValidationPipe,
  GqlAuthGuard,
  GraphqlExceptionFilter,
  GraphqlRateLimitGuard,
  graphqlOptions,
  HealthModule,
  HttpMetricsModule,
  PlatformModule,
  QueueModule,
  RequestContextModule,
  RolesGuard,
} from '@app/core';
import { AnalyticsGraphqlModule, AnalyticsPerformanceModule } from '@app/analytics';
import { AttributionGraphqlModule, AttributionHttpModule } from '@app/attribution';
import { AuditGraphqlModule } from '@app/audit';
import { CommissionsGraphqlModule } from '@app/commissions';
import { CampaignsGraphqlModule } from '@app/campaigns';
import { CreatorsGraphqlModule } from '@app/creators';
import { DisclosuresGraphqlModule } from '@app/disclosures';
import { IdentityGraphqlModule } from '@app/identity';
import { LedgerModule } from '@app/ledger';
import { MatchingGraphqlModule } from '@app/matching';
import { PayoutsGraphqlModule, PayoutsHttpModule } from '@app/payouts';
import { PrivacyGraphqlModule } from '@app/privacy';
import { TrackingGraphqlModule } from '@app/tracking';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';

/** The API: GraphQL at /graphql, order and Stripe webhooks at /webhooks, health at /health, Prometheus metrics at /metrics. */
@Module({})
export class ApiModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config, { applicationName: 'marketplace-api' }),
        RequestContextModule,
        QueueModule.forRoot(config),
        GraphQLModule.forRoot<ApolloDriverConfig>(graphqlOptions(config)),
        HealthModule,
        HttpMetricsModule,
        IdentityGraphqlModule,
        CreatorsGraphqlModule,
        CampaignsGraphqlModule,
        MatchingGraphqlModule,
        AnalyticsPerformanceModule,
        TrackingGraphqlModule,
        AttributionGraphqlModule,
        LedgerModule,
        CommissionsGraphqlModule,
        DisclosuresGraphqlModule,
        PayoutsGraphqlModule,
        AnalyticsGraphqlModule,
        AuditGraphqlModule,
        PrivacyGraphqlModule,
        AttributionHttpModule,
        PayoutsHttpModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: GqlAuthGuard },
        // After authentication (it counts per user when it can), before any other check.
        { provide: APP_GUARD, useClass: GraphqlRateLimitGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
      ],
    };
  }
}
