import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { bodyTooLargeAnswer } from './body-limits.js';

/** What a raw route answers: a status and a JSON body. */
export interface RawHttpAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Beside the content type and `cache-control: no-store`, e.g. `retry-after`. */
  headers?: Record<string, string>;
}

export interface RawHttpRequest {
  /** The path's capture groups, URL-decoded. */
  params: readonly string[];
  headers: IncomingHttpHeaders;
  /** The body exactly as it arrived: signatures are computed over these bytes. */
  body: Buffer;
}

export interface RawHttpRoute {
  /** Names the route in logs: `order webhook`, `Stripe webhook`. */
  name: string;
  method: 'POST' | 'PUT';
  /** Matched against the path without its query string; capture groups become `params`. */
  path: RegExp;
  /** A larger body is answered 413 without reaching `handle`. */
  bodyLimitBytes: number;
  handle(request: RawHttpRequest): Promise<RawHttpAnswer>;
}

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

function answer(response: ServerResponse, { status, body, headers }: RawHttpAnswer): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), 'cache-control': 'no-store' });
  response.end(payload);
}

/** Reads the body up to `limit` bytes; null (and the rest discarded) when it is larger. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(over ? null : Buffer.concat(chunks, size)));
    request.on('error', reject);
  });
}

function decodeParams(match: RegExpExecArray): string[] | null {
  try {
    return match.slice(1).map((param) => (param === undefined ? '' : decodeURIComponent(param)));
  } catch {
    return null;
  }
}

/**
 * Routes served from `node:http` on the app's own server, ahead of Express and Nest, with
 * the body as raw bytes: webhooks, whose signatures cover the exact bytes sent (a JSON body
 * parser would have consumed and re-encoded them) and whose bursts are the busiest traffic
 * some apps see. Libraries add routes in `onModuleInit`; every other request goes to the
 * framework as before.
 */
@Injectable()
export class RawHttpRoutes implements OnApplicationBootstrap {
  private readonly logger = new Logger(RawHttpRoutes.name);
  private readonly routes: RawHttpRoute[] = [];

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  add(route: RawHttpRoute): void {
    const clash = this.routes.find((known) => known.method === route.method && known.path.source === route.path.source);
    if (clash) throw new Error(`${route.name}: ${route.method} ${route.path} is already served by ${clash.name}`);
    this.routes.push(route);
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server || this.routes.length === 0) return;
    const framework = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const found = this.match(request);
      if (found) void this.serve(found.route, found.match, request, response);
      else for (const listener of framework) listener.call(server, request, response);
    });
  }

  private match(request: IncomingMessage): { route: RawHttpRoute; match: RegExpExecArray } | null {
    if (!request.url || (request.method !== 'POST' && request.method !== 'PUT')) return null;
    const query = request.url.indexOf('?');
    const path = query === -1 ? request.url : request.url.slice(0, query);
    for (const route of this.routes) {
      if (route.method !== request.method) continue;
      const match = route.path.exec(path);
      if (match) return { route, match };
    }
    return null;
  }

  private async serve(route: RawHttpRoute, match: RegExpExecArray, request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const body = await readBody(request, route.bodyLimitBytes);
      if (body === null) return answer(response, { status: 413, body: bodyTooLargeAnswer(route.bodyLimitBytes) });
      const params = decodeParams(match);
      if (params === null) return answer(response, { status: 400, body: { error: 'invalid_path' } });
      answer(response, await route.handle({ params, headers: request.headers, body }));
    } catch (error) {
      this.logger.error({ err: error, route: route.name, path: request.url }, `A ${route.name} delivery could not be handled`);
      if (!response.headersSent) answer(response, { status: 500, body: { error: 'internal_error' } });
      else response.destroy();
    }
  }
}

