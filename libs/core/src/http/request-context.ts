import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { requestId } from '../logging/logging.module.js';

/** What code deep inside a request may want to know about it without being handed it. */
export interface RequestContext {
  /** The id the logs and the `X-Request-Id` response header carry. */
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request being handled, or undefined in a job, a script or a test calling a service directly. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The id of the request being handled; null outside one (a job has no request). */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

/** Runs `fn` as part of a request with `context`; a test's way of standing inside one. */
export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/**
 * Gives the request its id (the one the request logger will reuse, as pino-http keeps an
 * id already on `req`) and runs the rest of the request inside its context.
 */
export function requestContextMiddleware(req: IncomingMessage & { id?: unknown }, res: ServerResponse, next: () => void): void {
  if (typeof req.id !== 'string' || req.id === '') req.id = requestId(req, res);
  storage.run({ requestId: req.id as string }, next);
}

/** Puts every HTTP request of the app that imports it in a {@link RequestContext}. */
@Module({})
export class RequestContextModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestContextMiddleware).forRoutes('*');
  }
}
