import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AppConfig, clientAddress, InjectConfig } from '@app/core';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { FAST_PATH_PREFIX, REDIRECT_FAST_PATH, type RedirectFastPath } from './redirect-fast-path.js';
import { type RedirectAnswer, RedirectorService } from './redirector.service.js';

const COMMON_HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'strict-origin-when-cross-origin' } as const;
const PAGE_HEADERS = {
  ...COMMON_HEADERS,
  'content-type': 'text/html; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
} as const;

/**
 * `GET /r/:key` (and HEAD, which is answered but never counted), on the redirector's fast
 * path. Every outcome is answered here, never with a stack trace: a redirect, the
 * campaign's fallback, a small 404, 410 or 503 page, or 405 for other methods.
 */
@Injectable()
export class RedirectRoute implements OnModuleInit {
  private readonly logger = new Logger(RedirectRoute.name);
  private readonly trustedHops: number;
  private readonly countryHeader: string | undefined;

  constructor(
    @Inject(REDIRECT_FAST_PATH) private readonly fastPath: RedirectFastPath,
    @InjectConfig() config: AppConfig,
    private readonly redirector: RedirectorService,
  ) {
    this.trustedHops = config.trustProxyHops;
    this.countryHeader = config.tracking.countryHeader;
  }

  onModuleInit(): void {
    this.fastPath.attach((request, response) => this.handle(request, response));
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        this.redirector.counted('method_not_allowed');
        response.writeHead(405, { ...COMMON_HEADERS, allow: 'GET, HEAD' }).end();
        return;
      }
      const url = request.url!;
      const query = url.indexOf('?');
      const key = url.slice(FAST_PATH_PREFIX.length, query === -1 ? undefined : query);
      const headers = request.headers;
      const answer = this.redirector.answer(key, {
        method: request.method,
        ip: clientAddress(request.socket.remoteAddress, headers['x-forwarded-for'], this.trustedHops),
        userAgent: headers['user-agent'],
        referer: headers.referer,
        country: this.countryHeader ? headers[this.countryHeader] : undefined,
      });
      if (answer instanceof Promise) {
        answer.then((resolved) => send(response, resolved)).catch((error: unknown) => this.fail(response, error));
      } else send(response, answer);
    } catch (error) {
      this.fail(response, error);
    }
  }

  private fail(response: ServerResponse, error: unknown): void {
    this.logger.error({ err: error }, 'A redirect failed');
    if (!response.headersSent) send(response, this.redirector.unavailable());
  }
}

function send(response: ServerResponse, answer: RedirectAnswer): void {
  if (answer.status === 302) {
    // A flat header list: the cheapest form node:http takes.
    response.writeHead(302, ['cache-control', 'no-store', 'referrer-policy', 'strict-origin-when-cross-origin', 'location', answer.location]).end();
    return;
  }
  response.writeHead(answer.status, PAGE_HEADERS).end(answer.page);
}
