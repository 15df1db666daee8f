import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';

export type StripeEventType = Stripe.Event['type'];

/** The event of one type, with its `data.object` typed: `StripeEventOf<'account.updated'>`. */
export type StripeEventOf<T extends StripeEventType> = Extract<Stripe.Event, { type: T }>;

/**
 * Applies one event, in the transaction that stores it: whatever it writes commits with the
 * event row, or neither does (and Stripe delivers the event again). Throwing rolls both back.
 */
export type StripeEventHandler<T extends StripeEventType = StripeEventType> = (manager: EntityManager, event: StripeEventOf<T>) => Promise<void>;

/**
 * Who handles which Stripe event type. Domains register from their providers'
 * `onModuleInit`, so every handler is in place before the webhook route takes requests:
 *
 * ```ts
 * constructor(private readonly stripeEvents: StripeEventHandlers) {}
 * onModuleInit() {
 *   this.stripeEvents.on('transfer.reversed', (manager, event) => this.reversed(manager, event.data.object));
 * }
 * ```
 *
 * Several handlers of one type run in the order they registered. A type without a handler
 * is stored and acknowledged.
 */
@Injectable()
export class StripeEventHandlers {
  private readonly handlers = new Map<string, StripeEventHandler[]>();

  on<T extends StripeEventType>(type: T, handler: StripeEventHandler<T>): void {
    const list = this.handlers.get(type) ?? [];
    // The dispatcher calls a handler only with events of the type it registered for.
    list.push(handler as unknown as StripeEventHandler);
    this.handlers.set(type, list);
  }

  /** The handlers of `type`, in registration order; empty when nothing handles it. */
  of(type: string): readonly StripeEventHandler[] {
    return this.handlers.get(type) ?? [];
  }

  /** Every type something handles: what the Stripe webhook endpoint must be subscribed to. */
  types(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
