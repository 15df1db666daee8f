import { BadUserInputException } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttributionErrorCode, AttributionException } from '../attribution.exception.js';
import { IntegrationCredentials, type VerifiableIntegration } from '../integrations/integration-credentials.js';
import { IntegrationRateLimit } from '../integrations/integration-rate-limit.js';
import { OrderPayloadError } from '../orders/order-event.js';
import { parseGenericOrderEvent } from '../webhooks/generic-order-payload.js';
import { OrderEventSource } from './order-event-record.entity.js';
import { OrderInboxService } from './order-inbox.service.js';
import { type RecordOrderInput, RecordedOrderChange, type RecordedOrderEvent, type RecordRefundInput } from './record-order.inputs.js';

const EVENT_TYPES: Record<RecordedOrderChange, string> = {
  [RecordedOrderChange.CREATED]: 'order.created',
  [RecordedOrderChange.UPDATED]: 'order.updated',
  [RecordedOrderChange.CANCELLED]: 'order.cancelled',
};

/** The mutation's input path for a field of the generic payload it was written as. */
function orderField(payloadField: string): string {
  return payloadField === 'id' ? 'input.eventId' : `input.${payloadField}`;
}

function refundField(payloadField: string): string {
  if (payloadField === 'id') return 'input.eventId';
  if (payloadField === 'order.id') return 'input.orderId';
  if (payloadField === 'refund.id') return 'input.refundId';
  if (payloadField === 'order.currency' || payloadField === 'refund.currency') return 'input.currency';
  return `input.${payloadField.replace(/^refund\./, '')}`;
}

/**
 * `recordOrder` / `recordRefund`: the server-to-server way in for shops without webhooks.
 * The input is written as the generic webhook's JSON and goes through the same parser,
 * inbox and worker, so both ways have exactly the same semantics.
 */
@Injectable()
export class RecordedOrdersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly credentials: IntegrationCredentials,
    private readonly inbox: OrderInboxService,
    private readonly rateLimit: IntegrationRateLimit,
  ) {}

  async recordOrder(apiKey: string | undefined, input: RecordOrderInput): Promise<RecordedOrderEvent> {
    const { order } = input;
    return this.record(apiKey, orderField, () => ({
      id: input.eventId,
      type: EVENT_TYPES[input.change ?? RecordedOrderChange.CREATED],
      order: {
        id: order.id,
        createdAt: order.createdAt.toISOString(),
        currency: order.currency,
        subtotal: order.subtotal,
        discountTotal: order.discountTotal,
        shipping: order.shipping,
        tax: order.tax,
        total: order.total,
        discountCodes: order.discountCodes ?? [],
        clickId: order.clickId,
        landingUrl: order.landingUrl,
        customer: order.customer ? { id: order.customer.id, email: order.customer.email } : undefined,
        lineItems: (order.lineItems ?? []).map((line) => ({ sku: line.sku, productId: line.productId, quantity: line.quantity, price: line.price, discount: line.discount })),
      },
    }));
  }

  /**
   * The generic format needs the refund's currency to read its amounts; the mutation takes
   * it from the recorded order, or from `currency` while the order has not arrived.
   */
  async recordRefund(apiKey: string | undefined, input: RecordRefundInput): Promise<RecordedOrderEvent> {
    return this.record(apiKey, refundField, async (integration) => {
      const [known] = await this.db.query<{ currency: string }[]>(`SELECT currency FROM orders WHERE integration_id = $1 AND external_id = $2`, [
        integration.id,
        input.orderId.trim(),
      ]);
      if (!known && !input.currency?.trim()) {
        throw new BadUserInputException('input.currency', `input.currency: order ${input.orderId} is not recorded yet, so send the refund's currency`);
      }
      return {
        id: input.eventId,
        type: 'order.refunded',
        order: { id: input.orderId, currency: known?.currency },
        refund: {
          id: input.refundId,
          currency: input.currency,
          amount: input.amount,
          lineItems: (input.lineItems ?? []).map((line) => ({ sku: line.sku, productId: line.productId, quantity: line.quantity, amount: line.amount })),
        },
      };
    });
  }

  private async record(
    apiKey: string | undefined,
    fieldOf: (payloadField: string) => string,
    bodyFor: (integration: VerifiableIntegration) => Record<string, unknown> | Promise<Record<string, unknown>>,
  ): Promise<RecordedOrderEvent> {
    const integration = await this.credentials.byApiKey(apiKey);
    if (!integration) throw new AttributionException(AttributionErrorCode.Unauthenticated, 'Send an active integration API key in the X-Api-Key header');
    if (!integration.scopes.includes('orders:write')) {
      throw new AttributionException(AttributionErrorCode.NotAllowed, 'This API key lacks the orders:write scope, which recording orders and refunds needs');
    }
    const allowance = await this.rateLimit.hit(integration.id);
    if (!allowance.allowed) {
      throw new AttributionException(
        AttributionErrorCode.RateLimited,
        `Too many orders and refunds from this integration; try again in ${allowance.retryAfterSeconds} seconds`,
        { retryAfterSeconds: allowance.retryAfterSeconds },
      );
    }
    const body = await bodyFor(integration);
    const rawBody = JSON.stringify(body);
    let event;
    try {
      event = parseGenericOrderEvent(JSON.parse(rawBody) as unknown);
    } catch (error) {
      if (error instanceof OrderPayloadError) {
        const field = fieldOf(error.field);
        throw new BadUserInputException(field, `${field}: ${error.message}`);
      }
      throw error;
    }
    const receipt = await this.inbox.accept({
      integrationId: integration.id,
      organizationId: integration.organizationId,
      source: OrderEventSource.API,
      externalEventId: event.eventId,
      topic: String(body.type),
      orderExternalId: event.orderExternalId,
      rawBody,
    });
    this.credentials.noteEvent(integration.id);
    return { eventId: receipt.eventId, accepted: !receipt.duplicate };
  }
}
