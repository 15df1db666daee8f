import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { declaresBodyOver, sendBodyTooLarge } from '@app/core';

export type RawHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Paths the redirector answers itself, ahead of the web framework. */
export const FAST_PATH_PREFIX = '/r/';

/**
 * Sends `/r/…` requests from `node:http` straight to the redirect handler, and every other
 * request (health checks, unknown paths) to Fastify. A redirect is the whole job of the
 * redirector and it must cost little more than the bare server would: Fastify's routing
 * and reply pipeline, and Nest's above it, would cost several times the redirect itself.
 *
 * The app passes {@link serverFactory} to its Fastify adapter; the tracking module attaches
 * the handler once its providers exist. Until then (and if none is attached), Fastify
 * answers everything.
 */
export class RedirectFastPath {
  private handler: RawHandler | null = null;

  /** `bodyLimitBytes`: a request declaring a larger body is answered 413 before anything reads it (redirects take none). */
  constructor(private readonly bodyLimitBytes: number) {}

  attach(handler: RawHandler): void {
    this.handler = handler;
  }

  /** For Fastify's `serverFactory` option. */
  readonly serverFactory = (framework: RawHandler): Server =>
    createServer((request, response) => {
      if (declaresBodyOver(request, this.bodyLimitBytes)) return sendBodyTooLarge(response, this.bodyLimitBytes);
      const handler = this.handler;
      if (handler && request.url?.startsWith(FAST_PATH_PREFIX)) handler(request, response);
      else framework(request, response);
    });
}

/** Nest token of the app's {@link RedirectFastPath}. */
export const REDIRECT_FAST_PATH = Symbol('REDIRECT_FAST_PATH');
