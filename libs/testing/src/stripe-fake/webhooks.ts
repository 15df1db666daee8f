import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import Stripe from 'stripe';
import { nowSeconds, stripeId } from './ids.js';

export type StripeEventType = Stripe.Event['type'];
export type StripeEventOf<T extends StripeEventType> = Extract<Stripe.Event, { type: T }>;

export interface EventOptions {
  /** The connected account the event happened on (Connect events: account.updated, capability.updated). */
  account?: string;
  /** The API request that caused it; null for Stripe's own changes (onboarding, reversals by Stripe). */
  request?: Stripe.Event.Request | null;
  previousAttributes?: object;
  pendingWebhooks?: number;
}

/** The fields every `Stripe.Event` has, checked against the SDK's type. */
type EventShape = Omit<Stripe.AccountUpdatedEvent, 'type' | 'data'> & { type: string; data: { object: object; previous_attributes?: object } };

export function buildEvent<T extends StripeEventType>(type: T, object: StripeEventOf<T>['data']['object'], options?: EventOptions): StripeEventOf<T>;
export function buildEvent(type: string, object: object, options?: EventOptions): Stripe.Event;
export function buildEvent(type: string, object: object, options: EventOptions = {}): Stripe.Event {
  const event = {
    id: stripeId('evt'),
    object: 'event',
    ...(options.account === undefined ? {} : { account: options.account }),
    api_version: Stripe.API_VERSION,
    created: nowSeconds(),
    data: {
      object: structuredClone(object),
      ...(options.previousAttributes === undefined ? {} : { previous_attributes: structuredClone(options.previousAttributes) }),
    },
    livemode: false,
    pending_webhooks: options.pendingWebhooks ?? 0,
    request: options.request ?? { id: null, idempotency_key: null },
    type,
  } satisfies EventShape;
  // The union member is chosen by `type`; the overloads above keep callers precise.
  return event as Stripe.Event;
}

/**
 * POSTs the event as Stripe does: the JSON body, `Stripe-Signature: t=…,v1=…` computed by the
 * SDK's own `generateTestHeaderString` over that exact body, so `stripe.webhooks.constructEvent`
 * in the receiving app verifies it. Resolves with the status the app answered.
 */
export function deliverEvent(url: string, secret: string, event: Stripe.Event, timeoutMs = 10_000): Promise<number> {
  const payload = JSON.stringify(event, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        agent: false,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(payload),
          'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'Stripe-Signature': signature,
          Connection: 'close',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`Webhook ${event.type} to ${url} got no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
