import { newId } from '@app/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { type ApplyOrderEventJob, ORDER_EVENTS_QUEUE, OrderEventsJob } from '../attribution.queue.js';
import { OrderEventSource } from './order-event-record.entity.js';

export interface InboundOrderEvent {
  integrationId: string;
  organizationId: string;
  source: OrderEventSource;
  externalEventId: string;
  topic: string;
  orderExternalId: string;
  rawBody: string;
}

export interface InboxReceipt {
  eventId: string;
  duplicate: boolean;
}

/**
 * The inbox's front door: stores an event once (the unique index on integration and sender
 * event id decides), then hands it to the worker. If Redis does not take it, the stored row
 * is swept up later; the sender still gets its 2xx, because the event is safe.
 */
@Injectable()
export class OrderInboxService {
  private readonly logger = new Logger(OrderInboxService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(ORDER_EVENTS_QUEUE) private readonly queue: Queue<ApplyOrderEventJob>,
  ) {}

  async accept(event: InboundOrderEvent): Promise<InboxReceipt> {
    const id = newId();
    const inserted: { id: string }[] = await this.db.query(
      `INSERT INTO order_events (id, integration_id, organization_id, source, external_event_id, topic, order_external_id, raw_body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (integration_id, external_event_id) DO NOTHING
       RETURNING id`,
      [id, event.integrationId, event.organizationId, event.source, event.externalEventId, event.topic, event.orderExternalId, event.rawBody],
    );
    if (inserted.length === 0) {
      const [existing] = await this.db.query<{ id: string }[]>(`SELECT id FROM order_events WHERE integration_id = $1 AND external_event_id = $2`, [
        event.integrationId,
        event.externalEventId,
      ]);
      return { eventId: existing?.id ?? id, duplicate: true };
    }
    await this.enqueue([id]);
    return { eventId: id, duplicate: false };
  }

  /** Queues stored events for the worker; failures are logged, the sweeper retries them. */
  async enqueue(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.queue.addBulk(ids.map((eventId) => ({ name: OrderEventsJob.Apply, data: { eventId }, opts: { jobId: eventId } })));
    } catch (error) {
      this.logger.warn({ err: error, events: ids.length }, 'Could not queue order events; the inbox sweeper will');
    }
  }
}
