import { type AppConfig, InjectConfig } from '@app/core';
import { Controller, HttpCode, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MerchantIntegrationKind } from '../integrations/merchant-integration.entity.js';
import { IntegrationCredentials, type VerifiableIntegration } from '../integrations/integration-credentials.js';
import { OrderEventSource } from '../inbox/order-event-record.entity.js';
import { OrderInboxService } from '../inbox/order-inbox.service.js';
import { OrderPayloadError, type OrderEvent } from '../orders/order-event.js';
import { genericEventTypeName, parseGenericOrderEvent } from './generic-order-payload.js';
import { parseShopifyOrderEvent, SHOPIFY_TOPICS } from './shopify-order-payload.js';
import { verifyGenericSignature, verifyShopifySignature } from './webhook-signatures.js';

type Answer = { status: number; body: Record<string, unknown> };

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Order webhooks: verified on the raw body, stored once in the inbox, answered at once; the
 * worker applies them. Nothing is stored for a delivery that fails verification or cannot
 * be read as an order event.
 */
@Controller('webhooks')
export class OrderWebhooksController {
  private readonly logger = new Logger(OrderWebhooksController.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly credentials: IntegrationCredentials,
    private readonly inbox: OrderInboxService,
  ) {}

  @Post('orders/:integrationId')
  @HttpCode(202)
  async generic(@Param('integrationId') integrationId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await this.handle(req, integrationId, MerchantIntegrationKind.GENERIC, (integration, raw) => {
      const verdict = verifyGenericSignature(header(req, 'x-signature'), raw, integration.secrets, Math.floor(Date.now() / 1000), this.config.sales.webhookToleranceSeconds);
      if (!verdict.ok) return { status: 401, body: { error: 'invalid_signature', reason: verdict.reason } };
      return parseGenericOrderEvent(JSON.parse(raw.toString('utf8')) as unknown);
    });
    res.status(answer.status).json(answer.body);
  }

  @Post('shopify/:integrationId')
  @HttpCode(200)
  async shopify(@Param('integrationId') integrationId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await this.handle(req, integrationId, MerchantIntegrationKind.SHOPIFY, (integration, raw) => {
      if (!verifyShopifySignature(header(req, 'x-shopify-hmac-sha256'), raw, integration.secrets)) {
        return { status: 401, body: { error: 'invalid_signature' } };
      }
      const topic = header(req, 'x-shopify-topic');
      // A shop subscribed to topics we do not handle: acknowledge, so Shopify stops retrying, and keep nothing.
      if (!topic || !SHOPIFY_TOPICS.includes(topic)) return { status: 200, body: { status: 'ignored', topic: topic ?? null } };
      return parseShopifyOrderEvent(topic, header(req, 'x-shopify-webhook-id'), JSON.parse(raw.toString('utf8')) as unknown);
    });
    res.status(answer.status).json(answer.body);
  }

  private async handle(
    req: Request,
    integrationId: string,
    kind: MerchantIntegrationKind,
    read: (integration: VerifiableIntegration, raw: Buffer) => OrderEvent | Answer,
  ): Promise<Answer> {
    const integration = await this.credentials.forWebhook(integrationId);
    if (!integration || integration.kind !== kind) return { status: 404, body: { error: 'unknown_integration' } };
    const raw = Buffer.isBuffer(req.body) ? req.body : null;
    if (!raw || raw.length === 0) return { status: 400, body: { error: 'empty_body' } };
    let event: OrderEvent | Answer;
    try {
      event = read(integration, raw);
    } catch (error) {
      if (error instanceof SyntaxError) return { status: 400, body: { error: 'invalid_json', message: 'The body is not valid JSON' } };
      if (error instanceof OrderPayloadError) return { status: 400, body: { error: 'invalid_payload', field: error.field, message: error.message } };
      throw error;
    }
    if ('status' in event && 'body' in event) return event;
    // Verified and readable, but the brand switched the integration off: say so, keep nothing.
    if (!integration.active) return { status: 403, body: { error: 'integration_disabled' } };
    const receipt = await this.inbox.accept({
      integrationId: integration.id,
      organizationId: integration.organizationId,
      source: kind === MerchantIntegrationKind.SHOPIFY ? OrderEventSource.SHOPIFY : OrderEventSource.GENERIC,
      externalEventId: event.eventId,
      topic: kind === MerchantIntegrationKind.SHOPIFY ? (header(req, 'x-shopify-topic') ?? '') : genericEventTypeName(event.type),
      orderExternalId: event.orderExternalId,
      rawBody: raw.toString('utf8'),
    });
    this.credentials.noteEvent(integration.id);
    if (receipt.duplicate) this.logger.debug({ integrationId, eventId: event.eventId }, 'Duplicate order event delivery');
    return { status: receipt.duplicate ? 200 : 202, body: { status: receipt.duplicate ? 'duplicate' : 'accepted', eventId: receipt.eventId } };
  }
}
