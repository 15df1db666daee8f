import { type AppConfig, InjectConfig, type RawHttpAnswer, type RawHttpRequest, RawHttpRoutes } from '@app/core';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import Stripe from 'stripe';
import { InjectStripe } from '../stripe/stripe-client.js';
import { StripeEventDispatcher } from './stripe-event-dispatcher.js';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

/**
 * `POST /webhooks/stripe`: verified with the endpoint's signing secret on the raw body,
 * stored once and applied at once (the handlers are small database changes). A delivery
 * that fails verification is answered 400 and leaves no trace; a handler failure answers
 * 500, so Stripe delivers the event again later.
 */
@Injectable()
export class StripeWebhookRoute implements OnModuleInit {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectStripe() private readonly stripe: Stripe,
    private readonly routes: RawHttpRoutes,
    private readonly dispatcher: StripeEventDispatcher,
  ) {}

  onModuleInit(): void {
    this.routes.add({
      name: 'Stripe webhook',
      method: 'POST',
      path: /^\/webhooks\/stripe\/?$/,
      // Stripe's events are far smaller than the default.
      bodyLimitBytes: this.config.bodyLimits.stripeWebhookBytes,
      handle: (request) => this.receive(request),
    });
  }

  async receive({ headers, body }: RawHttpRequest): Promise<RawHttpAnswer> {
    const header = headers['stripe-signature'];
    const signature = Array.isArray(header) ? header[0] : header;
    if (!signature) return { status: 400, body: { error: 'invalid_signature', message: 'No Stripe-Signature header' } };
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(body, signature, this.config.stripe.webhookSecret);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) return { status: 400, body: { error: 'invalid_signature', message: error.message } };
      if (error instanceof SyntaxError) return { status: 400, body: { error: 'invalid_json', message: 'The body is not valid JSON' } };
      throw error;
    }
    if (typeof event?.id !== 'string' || typeof event.type !== 'string' || typeof event.created !== 'number' || typeof event.data?.object !== 'object') {
      return { status: 400, body: { error: 'invalid_event', message: 'The body is not a Stripe event' } };
    }
    const receipt = await this.dispatcher.dispatch(event);
    return { status: 200, body: { received: true, duplicate: receipt.duplicate, handled: receipt.handled } };
  }
}
