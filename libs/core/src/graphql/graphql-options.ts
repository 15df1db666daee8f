import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { AppConfig } from '../config/app-config.js';
import { createErrorFormatter, errorLoggingPlugin } from '../errors/graphql-errors.js';
import { createGraphqlContext } from './graphql-context.js';
import { aliasLimitRule, costLimitRule, depthLimitRule } from './query-limits.js';

/**
 * The API's GraphQL server: code-first schema (kept in memory; `schema.gql` is the
 * committed copy checked by a test), hardened against expensive documents. Introspection,
 * the GraphiQL landing page, "did you mean" suggestions and stack traces exist only in
 * developer mode.
 */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const developerMode = config.developerMode;
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: developerMode,
    graphiql: developerMode,
    hideSchemaDetailsFromClientErrors: !developerMode,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    autoTransformHttpErrors: false,
    parseOptions: { maxTokens: 10_000 },
    validationRules: [
      depthLimitRule(config.graphql.maxDepth),
      aliasLimitRule(config.graphql.maxAliases),
      costLimitRule({ maxCost: config.graphql.maxCost, assumedListSize: config.graphql.maxPageSize }),
    ],
    formatError: createErrorFormatter(developerMode),
    // Every answer is private to its caller, so no cache hints: without the plugin, no hook runs per resolved field.
    plugins: [errorLoggingPlugin(), ApolloServerPluginCacheControlDisabled()],
    context: createGraphqlContext,
  };
}
