import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { StripeEventHandlers } from './stripe-event-handlers.js';

export interface StripeEventReceipt {
  /** The event had been received before: nothing was done this time. */
  duplicate: boolean;
  /** A handler ran for it (now, or when it was first received). */
  handled: boolean;
}

/** The id of the event's object, when it has one. */
function objectIdOf(event: Stripe.Event): string | null {
  const id = (event.data.object as { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
}

/**
 * Stores each Stripe event once and runs its handlers in the same transaction. A second
 * delivery of an event (Stripe retries until it gets a 2xx, and may send one event twice)
 * waits for the first to commit on the primary key, then does nothing; if the first rolled
 * back, the second takes its place.
 */
@Injectable()
export class StripeEventDispatcher {
  private readonly logger = new Logger(StripeEventDispatcher.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly handlers: StripeEventHandlers,
  ) {}

  dispatch(event: Stripe.Event): Promise<StripeEventReceipt> {
    return this.db.transaction(async (manager) => {
      const stored: { id: string }[] = await manager.query(
        `INSERT INTO stripe_events (id, type, object_id, created, payload)
         VALUES ($1, $2, $3, to_timestamp($4), $5::jsonb)
         ON CONFLICT (id) DO NOTHING
         RETURNING id`,
        [event.id, event.type, objectIdOf(event), event.created, JSON.stringify(event)],
      );
      if (stored.length === 0) {
        const [first]: { handled: boolean }[] = await manager.query(`SELECT processed_at IS NOT NULL AS handled FROM stripe_events WHERE id = $1`, [event.id]);
        this.logger.debug({ eventId: event.id, type: event.type }, 'Duplicate Stripe event delivery');
        return { duplicate: true, handled: first?.handled ?? false };
      }
      const handlers = this.handlers.of(event.type);
      for (const handle of handlers) await handle(manager, event);
      if (handlers.length > 0) await manager.query(`UPDATE stripe_events SET processed_at = clock_timestamp() WHERE id = $1`, [event.id]);
      return { duplicate: false, handled: handlers.length > 0 };
    });
  }
}
