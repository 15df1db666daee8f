import { type AppConfig, InjectConfig, RawHttpRoutes } from '@app/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OrderWebhookHandler } from './order-webhook-handler.js';

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
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.routes.add({
      name: 'order webhook',
      method: 'POST',
      path: /^\/webhooks\/(orders|shopify)\/([^/]+)\/?$/,
      // The default fits a big Shopify order with hundreds of lines.
      bodyLimitBytes: this.config.bodyLimits.orderWebhookBytes,
      handle: ({ params: [kind, integrationId], headers, body }) =>
        kind === 'orders' ? this.handler.generic(integrationId!, headers, body) : this.handler.shopify(integrationId!, headers, body),
    });
  }
}
