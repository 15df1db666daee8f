import { type AppConfig, InjectConfig, newId } from '@app/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { type ApplyOrderEventJob, ORDER_EVENTS_QUEUE, OrderEventsJob } from '../attribution.queue.js';
import { CustomerKeys } from '../orders/customer-keys.js';
import { OrderEventSource } from './order-event-record.entity.js';
import { sealCustomerIdentifiers } from './sealed-body.js';

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

interface Waiting {
  id: string;
  event: InboundOrderEvent;
  resolve: (receipt: InboxReceipt) => void;
  reject: (error: unknown) => void;
}

/** Events stored in one statement at most. */
const MAX_BATCH = 200;
/** Batches being stored at once; events arriving meanwhile wait for the next one. */
const MAX_IN_FLIGHT = 4;

const INSERT_MANY = `
  INSERT INTO order_events (id, integration_id, organization_id, source, external_event_id, topic, order_external_id, raw_body)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
  ON CONFLICT (integration_id, external_event_id) DO NOTHING
  RETURNING id`;

const key = (event: InboundOrderEvent) => `${event.integrationId}\u0000${event.externalEventId}`;

/**
 * The inbox's front door: stores an event once (the unique index on integration and sender
 * event id decides), then hands it to the worker. If Redis does not take it, the stored row
 * is swept up later; the sender still gets its 2xx, because the event is safe.
 *
 * Events accepted in the same turn of the event loop (a busy shop's concurrent deliveries)
 * are stored in one INSERT and queued in one call: one round trip to PostgreSQL and one to
 * Redis for the lot, instead of one each. Each caller still learns only when its own event
 * is stored, and whether it was a duplicate. A batch PostgreSQL refuses is stored again one
 * event at a time, so a delivery it cannot take fails alone.
 */
@Injectable()
export class OrderInboxService {
  private readonly logger = new Logger(OrderInboxService.name);
  private waiting: Waiting[] = [];
  private scheduled = false;
  private inFlight = 0;
  private readonly customers: CustomerKeys;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(ORDER_EVENTS_QUEUE) private readonly queue: Queue<ApplyOrderEventJob>,
    @InjectConfig() config: AppConfig,
  ) {
    this.customers = new CustomerKeys(config.ipHashSalt);
  }

  /** Stores the event, its customer's identifiers hashed first: the shopper's email never reaches the database. */
  accept(event: InboundOrderEvent): Promise<InboxReceipt> {
    const sealed = { ...event, rawBody: sealCustomerIdentifiers(event.source, event.rawBody, event.organizationId, this.customers) };
    return new Promise<InboxReceipt>((resolve, reject) => {
      this.waiting.push({ id: newId(), event: sealed, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Seals bodies stored before identifiers were hashed on arrival (`identifiers_sealed` false),
   * oldest first, `limit` at a time; returns how many it sealed. The sweeper calls it until none is left.
   */
  async sealStoredBodies(limit = 500): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT id, source, organization_id, raw_body FROM order_events WHERE NOT identifiers_sealed ORDER BY received_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      )) as { id: string; source: OrderEventSource; organization_id: string; raw_body: string }[];
      if (rows.length === 0) return 0;
      await manager.query(
        `UPDATE order_events e SET raw_body = v.raw_body, identifiers_sealed = true
           FROM unnest($1::uuid[], $2::text[]) AS v(id, raw_body) WHERE e.id = v.id`,
        [rows.map((row) => row.id), rows.map((row) => sealCustomerIdentifiers(row.source, row.raw_body, row.organization_id, this.customers))],
      );
      return rows.length;
    });
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

  /** Stores what is waiting once the current turn of the event loop is over (when a slot is free). */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.waiting.splice(0, MAX_BATCH);
      if (batch.length === 0) return;
      this.inFlight += 1;
      this.store(batch)
        .catch((error: unknown) => {
          for (const waiter of batch) waiter.reject(error);
        })
        .finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
      // More than one batch's worth: start the next one now.
      this.schedule();
    });
  }

  private async store(batch: Waiting[]): Promise<void> {
    // The first delivery of an event in the batch stands for the others: they are its duplicates.
    const firsts = new Map<string, Waiting>();
    for (const waiter of batch) if (!firsts.has(key(waiter.event))) firsts.set(key(waiter.event), waiter);
    const leaders = [...firsts.values()];
    let stored: Set<string>;
    try {
      stored = await this.insert(leaders);
    } catch (error) {
      if (leaders.length === 1) throw error;
      this.logger.warn({ err: error, events: leaders.length }, 'Could not store a batch of order events; storing them one by one');
      await Promise.all(batch.map((waiter) => this.store([waiter]).catch((single: unknown) => waiter.reject(single))));
      return;
    }
    const existing = await this.existingIds(leaders.filter((leader) => !stored.has(leader.id)));
    await this.enqueue(leaders.filter((leader) => stored.has(leader.id)).map((leader) => leader.id));
    for (const waiter of batch) {
      const leader = firsts.get(key(waiter.event))!;
      const isNew = waiter === leader && stored.has(leader.id);
      const eventId = stored.has(leader.id) ? leader.id : (existing.get(key(leader.event)) ?? leader.id);
      waiter.resolve({ eventId, duplicate: !isNew });
    }
  }

  /** Inserts the events, each at most once; returns the ids of those that were new. */
  private async insert(events: readonly Waiting[]): Promise<Set<string>> {
    const column = (pick: (waiter: Waiting) => string) => events.map(pick);
    const rows: { id: string }[] = await this.db.query(INSERT_MANY, [
      column((w) => w.id),
      column((w) => w.event.integrationId),
      column((w) => w.event.organizationId),
      column((w) => w.event.source),
      column((w) => w.event.externalEventId),
      column((w) => w.event.topic),
      column((w) => w.event.orderExternalId),
      column((w) => w.event.rawBody),
    ]);
    return new Set(rows.map((row) => row.id));
  }

  /** The stored ids of events that were already in the inbox, by integration and sender event id. */
  private async existingIds(events: readonly Waiting[]): Promise<Map<string, string>> {
    if (events.length === 0) return new Map();
    const rows: { id: string; integration_id: string; external_event_id: string }[] = await this.db.query(
      `SELECT e.id, e.integration_id, e.external_event_id
         FROM order_events e JOIN unnest($1::uuid[], $2::text[]) AS k(integration_id, external_event_id)
           ON e.integration_id = k.integration_id AND e.external_event_id = k.external_event_id`,
      [events.map((w) => w.event.integrationId), events.map((w) => w.event.externalEventId)],
    );
    return new Map(rows.map((row) => [`${row.integration_id}\u0000${row.external_event_id}`, row.id]));
  }
}
