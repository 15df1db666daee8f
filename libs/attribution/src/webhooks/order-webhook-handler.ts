import { type AppConfig, InjectConfig, type RawHttpAnswer } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { OrderEventSource } from '../inbox/order-event-record.entity.js';
import { OrderInboxService } from '../inbox/order-inbox.service.js';
import { MerchantIntegrationKind } from '../integrations/merchant-integration.entity.js';
import { IntegrationCredentials, type VerifiableIntegration } from '../integrations/integration-credentials.js';
import { IntegrationRateLimit } from '../integrations/integration-rate-limit.js';
import { type OrderEvent, OrderPayloadError } from '../orders/order-event.js';
import { genericEventTypeName, parseGenericOrderEvent } from './generic-order-payload.js';
import { parseShopifyOrderEvent, SHOPIFY_TOPICS } from './shopify-order-payload.js';
import { verifyGenericSignature, verifyShopifySignature } from './webhook-signatures.js';

export type WebhookAnswer = RawHttpAnswer;

export type WebhookHeaders = Record<string, string | string[] | undefined>;

function header(headers: WebhookHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Order webhooks, whatever serves the HTTP: verified on the raw body, stored once in the
 * inbox, answered at once; the worker applies them. Nothing is stored for a delivery that
 * fails verification or cannot be read as an order event.
 */
@Injectable()
export class OrderWebhookHandler {
  private readonly logger = new Logger(OrderWebhookHandler.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly credentials: IntegrationCredentials,
    private readonly inbox: OrderInboxService,
    private readonly rateLimit: IntegrationRateLimit,
  ) {}

  /** `POST /webhooks/orders/:integrationId`: `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
  generic(integrationId: string, headers: WebhookHeaders, raw: Buffer): Promise<WebhookAnswer> {
    return this.handle(integrationId, MerchantIntegrationKind.GENERIC, raw, (integration) => {
      const verdict = verifyGenericSignature(header(headers, 'x-signature'), raw, integration.secrets, Math.floor(Date.now() / 1000), this.config.sales.webhookToleranceSeconds);
      if (!verdict.ok) return { status: 401, body: { error: 'invalid_signature', reason: verdict.reason } };
      const event = parseGenericOrderEvent(JSON.parse(raw.toString('utf8')) as unknown);
      return { event, topic: genericEventTypeName(event.type) };
    });
  }

  /** `POST /webhooks/shopify/:integrationId`: Shopify's own format and signature. */
  shopify(integrationId: string, headers: WebhookHeaders, raw: Buffer): Promise<WebhookAnswer> {
    return this.handle(integrationId, MerchantIntegrationKind.SHOPIFY, raw, (integration) => {
      if (!verifyShopifySignature(header(headers, 'x-shopify-hmac-sha256'), raw, integration.secrets)) {
        return { status: 401, body: { error: 'invalid_signature' } };
      }
      const topic = header(headers, 'x-shopify-topic');
      // A shop subscribed to topics we do not handle: acknowledge, so Shopify stops retrying, and keep nothing.
      if (!topic || !SHOPIFY_TOPICS.includes(topic)) return { status: 200, body: { status: 'ignored', topic: topic ?? null } };
      return { event: parseShopifyOrderEvent(topic, header(headers, 'x-shopify-webhook-id'), JSON.parse(raw.toString('utf8')) as unknown), topic };
    });
  }

  private async handle(
    integrationId: string,
    kind: MerchantIntegrationKind,
    raw: Buffer,
    read: (integration: VerifiableIntegration) => { event: OrderEvent; topic: string } | WebhookAnswer,
  ): Promise<WebhookAnswer> {
    const integration = await this.credentials.forWebhook(integrationId);
    if (!integration || integration.kind !== kind) return { status: 404, body: { error: 'unknown_integration' } };
    if (raw.length === 0) return { status: 400, body: { error: 'empty_body' } };
    let outcome: { event: OrderEvent; topic: string } | WebhookAnswer;
    try {
      outcome = read(integration);
    } catch (error) {
      if (error instanceof SyntaxError) return { status: 400, body: { error: 'invalid_json', message: 'The body is not valid JSON' } };
      if (error instanceof OrderPayloadError) return { status: 400, body: { error: 'invalid_payload', field: error.field, message: error.message } };
      throw error;
    }
    if ('status' in outcome) return outcome;
    const { event, topic } = outcome;
    // Verified and readable, but the brand switched the integration off: say so, keep nothing.
    if (!integration.active) return { status: 403, body: { error: 'integration_disabled' } };
    // Over the integration's allowance: refuse before storing, so the shop's retry is the delivery that counts.
    const allowance = await this.rateLimit.hit(integration.id);
    if (!allowance.allowed) {
      return {
        status: 429,
        headers: { 'retry-after': String(allowance.retryAfterSeconds) },
        body: { error: 'rate_limited', retryAfterSeconds: allowance.retryAfterSeconds },
      };
    }
    const receipt = await this.inbox.accept({
      integrationId: integration.id,
      organizationId: integration.organizationId,
      source: kind === MerchantIntegrationKind.SHOPIFY ? OrderEventSource.SHOPIFY : OrderEventSource.GENERIC,
      externalEventId: event.eventId,
      topic,
      orderExternalId: event.orderExternalId,
      rawBody: raw.toString('utf8'),
    });
    this.credentials.noteEvent(integration.id);
    if (receipt.duplicate) this.logger.debug({ integrationId, eventId: event.eventId }, 'Duplicate order event delivery');
    return { status: receipt.duplicate ? 200 : 202, body: { status: receipt.duplicate ? 'duplicate' : 'accepted', eventId: receipt.eventId } };
  }
}
