import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { OrderWebhookHandler, type WebhookAnswer } from './order-webhook-handler.js';

/** Largest webhook body: a big Shopify order with hundreds of lines fits. */
export const WEBHOOK_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

const ROUTE = /^\/webhooks\/(orders|shopify)\/([^/?#]+)\/?(?:\?.*)?$/;

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

function answer(response: ServerResponse, { status, body }: WebhookAnswer): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), 'cache-control': 'no-store' });
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

/**
 * Serves order webhooks from `node:http`, ahead of Express and Nest, on the API's own
 * server: a shop's burst of webhooks is the API's busiest traffic, and each one only needs
 * its body read, its signature checked and one row stored. Every other request goes to
 * the framework as before.
 */
@Injectable()
export class WebhookFastPath implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookFastPath.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly handler: OrderWebhookHandler,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    const framework = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const route = request.method === 'POST' && request.url ? ROUTE.exec(request.url) : null;
      if (route) void this.serve(route[1] as 'orders' | 'shopify', decodeURIComponent(route[2]!), request, response);
      else for (const listener of framework) listener.call(server, request, response);
    });
  }

  private async serve(kind: 'orders' | 'shopify', integrationId: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const raw = await readBody(request, WEBHOOK_BODY_LIMIT_BYTES);
      if (raw === null) return answer(response, { status: 413, body: { error: 'body_too_large', limitBytes: WEBHOOK_BODY_LIMIT_BYTES } });
      answer(response, kind === 'orders' ? await this.handler.generic(integrationId, request.headers, raw) : await this.handler.shopify(integrationId, request.headers, raw));
    } catch (error) {
      this.logger.error({ err: error, integrationId }, 'An order webhook could not be stored');
      if (!response.headersSent) answer(response, { status: 500, body: { error: 'internal_error' } });
      else response.destroy();
    }
  }
}
