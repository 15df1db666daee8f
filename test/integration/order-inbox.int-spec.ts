import { type InboundOrderEvent, ORDER_EVENTS_QUEUE, OrderEventsJob, OrderEventSource, OrderInboxService } from '@app/attribution';
import { Queue } from 'bullmq';
import { genericOrderPayload, type MadeIntegration } from '@app/testing';
import { type SalesStack, startSalesStack } from '../support/sales-stack.js';

/** The inbox stores concurrent deliveries in batches; each caller must still get its own, exact answer. */
describe('order inbox: concurrent deliveries stored in batches', () => {
  let stack: SalesStack;
  let inbox: OrderInboxService;
  let shop: MadeIntegration;

  beforeAll(async () => {
    stack = await startSalesStack({ worker: false });
    inbox = stack.api.get(OrderInboxService);
    const brand = await stack.make.brand();
    shop = await stack.sales.integration(brand.organizationId, brand.admin.id);
  });
  afterAll(() => stack.close());

  const event = (eventId: string): InboundOrderEvent => ({
    integrationId: shop.id,
    organizationId: shop.organizationId,
    source: OrderEventSource.GENERIC,
    externalEventId: eventId,
    topic: 'order.created',
    orderExternalId: `order-${eventId}`,
    rawBody: JSON.stringify({ id: eventId, note: 'quotes " and \\ backslashes, {braces}, commas' }),
  });

  const rows = async (prefix: string): Promise<{ id: string; external_event_id: string; raw_body: string }[]> =>
    stack.db.query(`SELECT id, external_event_id, raw_body FROM order_events WHERE external_event_id LIKE $1 ORDER BY external_event_id`, [`${prefix}%`]);

  it('stores each event once and tells exactly one delivery of it that it was new, within and across batches', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `evt-batch-${String(i).padStart(3, '0')}`);
    // Every event twice in the same turn (one batch), a third of them again afterwards (another batch).
    const first = await Promise.all([...ids, ...ids].map((id) => inbox.accept(event(id))));
    const again = await Promise.all(ids.filter((_, i) => i % 3 === 0).map((id) => inbox.accept(event(id))));

    const stored = await rows('evt-batch-');
    expect(stored).toHaveLength(ids.length);
    expect(stored[0]!.raw_body).toBe(event(ids[0]!).rawBody);
    const storedId = new Map(stored.map((row) => [row.external_event_id, row.id]));
    const receipts = [...first.map((receipt, i) => ({ receipt, id: [...ids, ...ids][i]! })), ...again.map((receipt, i) => ({ receipt, id: ids.filter((_, k) => k % 3 === 0)[i]! }))];
    for (const id of ids) {
      const mine = receipts.filter((r) => r.id === id);
      expect(mine.filter((r) => !r.receipt.duplicate)).toHaveLength(1);
      expect(new Set(mine.map((r) => r.receipt.eventId))).toEqual(new Set([storedId.get(id)]));
    }
  });

  it('fails only the delivery PostgreSQL refuses, storing the others of its batch', async () => {
    const good = ['evt-poison-a', 'evt-poison-b', 'evt-poison-c'];
    // A NUL character is valid JSON text but not PostgreSQL text: that row cannot be stored.
    const results = await Promise.allSettled([...good.map((id) => inbox.accept(event(id))), inbox.accept(event('evt-poison-\u0000'))]);
    expect(results.slice(0, 3).map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(results[3]!.status).toBe('rejected');
    expect((await rows('evt-poison-')).map((row) => row.external_event_id)).toEqual(good);
  });

  it('queues each stored event once for the worker, under its inbox id', async () => {
    const receipt = await inbox.accept(event('evt-queued'));
    const duplicate = await inbox.accept(event('evt-queued'));
    expect(duplicate).toEqual({ eventId: receipt.eventId, duplicate: true });
    const queue = new Queue(ORDER_EVENTS_QUEUE, { connection: { url: stack.config.redis.url }, prefix: `${stack.config.redis.keyPrefix}:q` });
    try {
      expect((await queue.getJob(receipt.eventId))?.data).toEqual({ eventId: receipt.eventId });
      const jobs = await queue.getJobs(['waiting']);
      const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM order_events`);
      expect(jobs.filter((job) => job.name === OrderEventsJob.Apply)).toHaveLength(n);
    } finally {
      await queue.close();
    }
  });

  it('keeps a customer\'s email and id only hashed: on arrival, and for bodies stored before, once the sweeper seals them', async () => {
    const order = (id: string) => ({ ...event(id), rawBody: JSON.stringify(genericOrderPayload({ id, order: { id: `order-${id}` } })) });
    await inbox.accept(order('evt-seal-new'));
    // A body stored before sealing on arrival, as the migration leaves it.
    await stack.db.query(
      `INSERT INTO order_events (id, integration_id, organization_id, source, external_event_id, topic, order_external_id, raw_body, identifiers_sealed)
       VALUES ('0190d3b4-0000-7000-8000-000000005ea1', $1, $2, 'GENERIC', 'evt-seal-old', 'order.created', 'order-evt-seal-old', $3, false)`,
      [shop.id, shop.organizationId, order('evt-seal-old').rawBody],
    );
    const clear = async () => (await rows('evt-seal-')).filter((row) => /ada\.lovelace|cus_5001/.test(row.raw_body)).map((row) => row.external_event_id);
    expect(await clear()).toEqual(['evt-seal-old']);

    expect(await inbox.sealStoredBodies(10)).toBe(1);
    expect(await clear()).toEqual([]);
    expect(await inbox.sealStoredBodies(10)).toBe(0);
    const [fresh, old] = await rows('evt-seal-');
    // Both carry the same hashes: the customer is still recognised across them.
    const customerOf = (body: string) => JSON.parse(body).order.customer;
    expect(customerOf(old!.raw_body)).toEqual(customerOf(fresh!.raw_body));
    expect(customerOf(old!.raw_body).email).toMatch(/^hashed:[0-9a-f]{64}$/);
  });
});
