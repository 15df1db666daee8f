import { RawHttpRoutes } from '@app/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OrderWebhookHandler } from './order-webhook-handler.js';

/** Largest webhook body: a big Shopify order with hundreds of lines fits. */
export const WEBHOOK_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Serves order webhooks from `node:http`, ahead of Express and Nest, on the API's own
 * server: a shop's burst of webhooks is the API's busiest traffic, and each one only needs
 * its body read, its signature checked and one row stored.
 */
@Injectable()
export class WebhookFastPath implements OnModuleInit {
  constructor(
    private readonly routes: RawHttpRoutes,
    private readonly handler: OrderWebhookHandler,
  ) {}

  onModuleInit(): void {
    this.routes.add({
      name: 'order webhook',
      method: 'POST',
      path: /^\/webhooks\/(orders|shopify)\/([^/]+)\/?$/,
      bodyLimitBytes: WEBHOOK_BODY_LIMIT_BYTES,
      handle: ({ params: [kind, integrationId], headers, body }) =>
        kind === 'orders' ? this.handler.generic(integrationId!, headers, body) : this.handler.shopify(integrationId!, headers, body),
    });
  }
}
