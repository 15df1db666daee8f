import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { AppException, ErrorCode } from './app.exception.js';

/** Codes Apollo assigns to problems with the request document itself; passed through as they are. */
const REQUEST_LEVEL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BadUserInput,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.BadUserInput,
  429: ErrorCode.RateLimited,
};

const INTERNAL_MESSAGE = 'Something went wrong on our side. Quote the request id if you contact support.';

/** Whether an error escaped the domain: a bug or an outage, to be logged with the request id. */
export function isUnexpectedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppException) return original.code === ErrorCode.Internal;
  if (original instanceof HttpException) return !(original.getStatus() in HTTP_STATUS_CODES);
  const code = (error as { extensions?: { code?: unknown } })?.extensions?.code;
  return !(typeof code === 'string' && REQUEST_LEVEL_CODES.has(code));
}

/**
 * The single place where errors become what a client sees: domain exceptions keep their
 * code and message, HTTP exceptions from guards and pipes are mapped by status, and
 * anything unexpected becomes INTERNAL_SERVER_ERROR without internals.
 */
export function createErrorFormatter(developerMode: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    const debug = (): Record<string, unknown> =>
      developerMode && original instanceof Error && original.stack ? { stacktrace: original.stack.split('\n') } : {};

    if (original instanceof AppException) {
      return {
        ...base,
        message: original.message,
        extensions: { code: original.code, ...original.extensions(), ...(original.code === ErrorCode.Internal ? debug() : {}) },
      };
    }
    if (original instanceof HttpException) {
      const code = HTTP_STATUS_CODES[original.getStatus()];
      if (code) return { ...base, message: original.message, extensions: { code } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_LEVEL_CODES.has(code)) {
      return { ...base, message: formatted.message, extensions: { code } };
    }
    return {
      ...base,
      message: developerMode && original instanceof Error ? original.message : INTERNAL_MESSAGE,
      extensions: { code: ErrorCode.Internal, ...debug() },
    };
  };
}

interface ContextWithRequest {
  req?: { id?: unknown; log?: { error: (obj: object, msg: string) => void } };
}

/**
 * Logs unexpected errors with the request's logger (which carries the request id) and
 * tells the client that id, so a report can be matched to the log line. A RATE_LIMITED
 * answer also gets the `Retry-After` header (the longest wait among its errors).
 */
export function errorLoggingPlugin(): ApolloServerPlugin<ContextWithRequest> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(ctx: GraphQLRequestContext<ContextWithRequest>) {
          for (const error of ctx.errors ?? []) {
            if (!isUnexpectedError(error)) continue;
            const original = unwrapResolverError(error);
            ctx.contextValue.req?.log?.error(
              { err: original, operation: ctx.operationName, path: error.path },
              'GraphQL operation failed unexpectedly',
            );
          }
        },
        async willSendResponse(ctx: GraphQLRequestContext<ContextWithRequest>) {
          const body = ctx.response.body;
          if (body?.kind !== 'single' || !body.singleResult.errors) return;
          const requestId = ctx.contextValue.req?.id;
          let retryAfter = 0;
          for (const error of body.singleResult.errors) {
            if (error.extensions?.code === ErrorCode.Internal && requestId !== undefined) {
              (error.extensions as Record<string, unknown>).requestId = String(requestId);
            }
            const wait = error.extensions?.retryAfterSeconds;
            if (error.extensions?.code === ErrorCode.RateLimited && typeof wait === 'number') retryAfter = Math.max(retryAfter, wait);
          }
          // HTTP clients and proxies read the wait from the header, as on any 429.
          if (retryAfter > 0) ctx.response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}
