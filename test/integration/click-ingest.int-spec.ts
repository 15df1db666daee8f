import { newId } from '@app/core';
import type { MadeBrand, MadeCampaign } from '@app/testing';
import { type ClickVisit, ClickIngestService, CLICKS_QUEUE, ClicksJob, encodeClick, randomSlug, TRACKING_QUEUE, TrackingJob } from '@app/tracking';
import { Queue, QueueEvents } from 'bullmq';
import { startWorkerTestApp, type WorkerTestApp } from '../support/worker-test-app.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

type LinkIds = Pick<ClickVisit, 'linkId' | 'enrollmentId' | 'campaignId' | 'organizationId' | 'creatorId'>;

/**
 * A click id whose time is exactly `ms`. (`newId` never returns to a millisecond earlier
 * than one it has used, so it cannot make ids in the past, and one far ahead would date
 * every later id in this file.)
 */
function clickIdAt(ms: number): string {
  const time = ms.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}${newId().slice(13)}`;
}

function monthPartition(ms: number): string {
  const date = new Date(ms);
  return `click_events_${date.getUTCFullYear()}_${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

describe('click ingest: batches from the redirectors into PostgreSQL', () => {
  let t: WorkerTestApp;
  let ingest: ClickIngestService;
  let brand: MadeBrand;
  let campaign: MadeCampaign;

  /** A link as the API would have stored it, for a new creator APPROVED in the campaign. */
  const newLink = async (): Promise<LinkIds> => {
    const creator = await t.make.creatorProfile();
    const enrollmentId = await t.make.enrollment(campaign, creator);
    const linkId = newId();
    await t.db.query(
      `INSERT INTO referral_links (id, organization_id, campaign_id, enrollment_id, creator_id, slug, destination_url, status, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE', $8)`,
      [linkId, campaign.organizationId, campaign.campaignId, enrollmentId, creator.creatorId, randomSlug(), `https://${campaign.domain}/spring?utm_source=x`, creator.user.id],
    );
    return { linkId, enrollmentId, campaignId: campaign.campaignId, organizationId: campaign.organizationId, creatorId: creator.creatorId };
  };
  const line = (link: LinkIds, at: number, visit: Partial<ClickVisit> = {}) =>
    encodeClick({ id: clickIdAt(at), ...link, visitorHash: 'visitor-a', country: 'PL', referrerHost: 'l.instagram.com', userAgent: IPHONE, ...visit });
  const idOf = (encoded: string) => encoded.split('\t')[1]!;
  const rowsOf = (link: LinkIds): Promise<{ id: string; clicked_at: Date; is_bot: boolean; is_unique: boolean; [column: string]: unknown }[]> =>
    t.db.query('SELECT * FROM click_events WHERE link_id = $1 ORDER BY clicked_at, id', [link.linkId]);
  const statsOf = async (link: LinkIds) =>
    (await t.db.query('SELECT clicks::int, unique_clicks::int, bot_clicks::int, last_click_at FROM referral_link_stats WHERE link_id = $1', [link.linkId]))[0];

  beforeAll(async () => {
    t = await startWorkerTestApp(CLICKS_QUEUE);
    ingest = t.worker.get(ClickIngestService);
    brand = await t.make.brand();
    campaign = await t.make.campaign(brand);
  });
  afterAll(() => t.close());

  it('stores a batch delivered twice once, and counts it once', async () => {
    const link = await newLink();
    const now = Date.now();
    const batch = [
      line(link, now - 3 * MINUTE, { visitorHash: 'visitor-a' }),
      line(link, now - 2 * MINUTE, { visitorHash: 'visitor-b', country: 'XX', referrerHost: 'not a host', userAgent: null }),
      line(link, now - 1 * MINUTE, { visitorHash: 'visitor-c', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36' }),
      line(link, now - 30_000, { visitorHash: 'visitor-d', userAgent: GOOGLEBOT }),
    ];

    expect(await ingest.store(batch)).toEqual({ inserted: 4, rejected: 0 });
    expect(await ingest.store(batch)).toEqual({ inserted: 0, rejected: 0 });

    const rows = await rowsOf(link);
    expect(rows.map((row) => row.id)).toEqual(batch.map(idOf));
    expect(rows.map((row) => row.clicked_at.getTime())).toEqual([now - 3 * MINUTE, now - 2 * MINUTE, now - MINUTE, now - 30_000]);
    expect(rows.map(({ device_class, country, referrer_host, is_bot, is_unique }) => ({ device_class, country, referrer_host, is_bot, is_unique }))).toEqual([
      { device_class: 'MOBILE', country: 'PL', referrer_host: 'l.instagram.com', is_bot: false, is_unique: true },
      { device_class: 'UNKNOWN', country: null, referrer_host: null, is_bot: true, is_unique: false },
      { device_class: 'DESKTOP', country: 'PL', referrer_host: 'l.instagram.com', is_bot: false, is_unique: true },
      { device_class: 'UNKNOWN', country: 'PL', referrer_host: 'l.instagram.com', is_bot: true, is_unique: false },
    ]);
    expect(rows[0]).toMatchObject({ enrollment_id: link.enrollmentId, campaign_id: link.campaignId, organization_id: link.organizationId, creator_id: link.creatorId });
    expect(await statsOf(link)).toEqual({ clicks: 2, unique_clicks: 2, bot_clicks: 2, last_click_at: new Date(now - MINUTE) });
  });

  it('leaves out lines that are not clicks, counts them, and stores the rest', async () => {
    const link = await newLink();
    const now = Date.now();
    const good = [line(link, now - 2 * MINUTE), line(link, now - MINUTE, { visitorHash: 'visitor-b' })];
    const bad: unknown[] = ['garbage', good[0]!.replace(/^c1/, 'c9'), good[0]!.replace(link.linkId, 'not-a-uuid'), good[0]!.split('\t').slice(0, 9).join('\t'), 42, null, { clicks: good }];

    expect(await ingest.store([good[0], ...bad, good[1]])).toEqual({ inserted: 2, rejected: bad.length });
    expect((await rowsOf(link)).map((row) => row.id)).toEqual(good.map(idOf));
    expect(await statsOf(link)).toMatchObject({ clicks: 2, unique_clicks: 2 });
    expect(await ingest.store(['garbage'])).toEqual({ inserted: 0, rejected: 1 });
  });

  it("puts clicks of a month that has no partition into that month's own partition", async () => {
    const link = await newLink();
    const now = new Date();
    const at = Date.UTC(now.getUTCFullYear() + 2, now.getUTCMonth(), 15, 12);
    const partition = monthPartition(at);
    expect((await t.db.query('SELECT to_regclass($1) AS found', [partition]))[0].found).toBeNull();

    // Bots open no uniqueness window, so clicks this far ahead leave nothing behind in Redis.
    const batch = [line(link, at, { userAgent: GOOGLEBOT }), line(link, at + HOUR, { userAgent: GOOGLEBOT })];
    expect(await ingest.store(batch)).toEqual({ inserted: 2, rejected: 0 });

    const placed = await t.db.query('SELECT tableoid::regclass::text AS partition FROM click_events WHERE id = ANY($1::uuid[])', [batch.map(idOf)]);
    expect(placed).toEqual([{ partition }, { partition }]);
    const indexes = await t.db.query('SELECT indexdef FROM pg_indexes WHERE tablename = $1 ORDER BY indexname', [partition]);
    expect(indexes.map((index: { indexdef: string }) => index.indexdef.replace(/^.* USING btree /, ''))).toEqual(['(creator_id, visitor_hash, clicked_at)', '(link_id, clicked_at)', '(id, clicked_at)']);
  });

  it('moves clicks the default partition holds into their month once its partition is created', async () => {
    const link = await newLink();
    const now = new Date();
    const at = Date.UTC(now.getUTCFullYear() + 3, now.getUTCMonth(), 10);
    const id = clickIdAt(at);
    await t.db.query(
      `INSERT INTO click_events (id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id, visitor_hash, device_class, is_bot, is_unique)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'visitor-a', 'MOBILE', false, false)`,
      [id, new Date(at), link.linkId, link.enrollmentId, link.campaignId, link.organizationId, link.creatorId],
    );
    const partitionOf = async () => (await t.db.query('SELECT tableoid::regclass::text AS partition FROM click_events WHERE id = $1', [id]))[0]?.partition;
    expect(await partitionOf()).toBe('click_events_default');

    await ingest.ensurePartitions([at]);
    expect(await partitionOf()).toBe(monthPartition(at));
    expect((await t.db.query('SELECT count(*)::int AS n FROM click_events_default WHERE id = $1', [id]))[0].n).toBe(0);
  });

  it('judges a visitor unique once an hour per link, and a batch stored again the same way', async () => {
    const [link, other] = [await newLink(), await newLink()];
    const start = Date.now() - 50 * MINUTE;
    const batch = [
      line(link, start),
      line(link, start + 10 * MINUTE),
      line(other, start + 20 * MINUTE),
      line(link, start + 30 * MINUTE, { visitorHash: 'visitor-b' }),
      line(link, start + 40 * MINUTE),
    ];
    const flags = async () => [...(await rowsOf(link)), ...(await rowsOf(other))].map((row) => [row.id, row.is_unique]);
    const expected = [
      [idOf(batch[0]!), true],
      [idOf(batch[1]!), false],
      [idOf(batch[3]!), true],
      [idOf(batch[4]!), false],
      [idOf(batch[2]!), true],
    ];

    await ingest.store(batch);
    expect(await flags()).toEqual(expected);
    expect(await statsOf(link)).toMatchObject({ clicks: 4, unique_clicks: 2 });

    // A first attempt that claimed the visitors' windows in Redis but never committed.
    await t.db.query('DELETE FROM click_events WHERE link_id = ANY($1::uuid[])', [[link.linkId, other.linkId]]);
    await t.db.query('DELETE FROM referral_link_stats WHERE link_id = ANY($1::uuid[])', [[link.linkId, other.linkId]]);
    expect(await ingest.store(batch)).toEqual({ inserted: 5, rejected: 0 });
    expect(await flags()).toEqual(expected);
    expect(await statsOf(link)).toMatchObject({ clicks: 4, unique_clicks: 2 });
    expect(await statsOf(other)).toMatchObject({ clicks: 1, unique_clicks: 1 });
  });

  it('judges clicks more than an hour apart both unique, and opens a new window with the second', async () => {
    const link = await newLink();
    const now = Date.now();
    await ingest.store([line(link, now - 3 * HOUR)]);
    await ingest.store([line(link, now - 50 * MINUTE), line(link, now - 20 * MINUTE)]);
    expect((await rowsOf(link)).map((row) => row.is_unique)).toEqual([true, true, false]);
    expect(await statsOf(link)).toMatchObject({ clicks: 3, unique_clicks: 2 });
  });

  it('judges a batch stored hours late, or out of order, by the times of its clicks', async () => {
    const link = await newLink();
    const now = Date.now();
    // Stored two and a half hours after the first click, as after an outage.
    await ingest.store([line(link, now - 3 * HOUR), line(link, now - 90 * MINUTE), line(link, now - 40 * MINUTE)]);
    expect((await rowsOf(link)).map((row) => row.is_unique)).toEqual([true, true, false]);
    expect(await statsOf(link)).toMatchObject({ clicks: 3, unique_clicks: 2 });

    // Two clicks half an hour apart, stored newest first: one of them is unique, not both.
    const other = await newLink();
    await ingest.store([line(other, now - 40 * MINUTE)]);
    await ingest.store([line(other, now - 70 * MINUTE)]);
    expect(await statsOf(other)).toMatchObject({ clicks: 2, unique_clicks: 1 });
  });

  it('never judges a bot unique, never counts it as a click, and opens no window for the visitor', async () => {
    const link = await newLink();
    const now = Date.now();
    const bots = [GOOGLEBOT, 'curl/8.5.0', null].map((userAgent, index) => line(link, now - (5 - index) * MINUTE, { userAgent }));
    await ingest.store([...bots, line(link, now - MINUTE)]);
    expect((await rowsOf(link)).map((row) => [row.is_bot, row.is_unique])).toEqual([
      [true, false],
      [true, false],
      [true, false],
      [false, true],
    ]);
    expect(await statsOf(link)).toMatchObject({ clicks: 1, unique_clicks: 1, bot_clicks: 3 });
  });

  it('stores the batches the redirectors queue', async () => {
    const link = await newLink();
    const now = Date.now();
    const clicks = [line(link, now - 2 * MINUTE), line(link, now - MINUTE, { visitorHash: 'visitor-b' })];
    const job = await t.queue.add(ClicksJob.Record, { clicks });
    expect(await job.waitUntilFinished(t.events, 15_000)).toEqual({ inserted: 2, rejected: 0 });
    expect((await rowsOf(link)).map((row) => row.id)).toEqual(clicks.map(idOf));
    expect(await statsOf(link)).toMatchObject({ clicks: 2, unique_clicks: 2 });

    const notABatch = await t.queue.add(ClicksJob.Record, { clicks: clicks[0] });
    await notABatch.waitUntilFinished(t.events, 15_000);
    expect(await statsOf(link)).toMatchObject({ clicks: 2 });
  });

  it('schedules partitions ahead and retries of failed batches, and creates the coming months', async () => {
    const connection = { url: t.config.redis.url };
    const prefix = `${t.config.redis.keyPrefix}:q`;
    const maintenance = new Queue(TRACKING_QUEUE, { connection, prefix });
    const events = new QueueEvents(TRACKING_QUEUE, { connection, prefix });
    try {
      await events.waitUntilReady();
      const schedulers = await maintenance.getJobSchedulers();
      expect(schedulers.map((scheduler) => scheduler.key ?? scheduler.id).sort()).toEqual([TrackingJob.EnsurePartitions, TrackingJob.RetryFailedClicks, TrackingJob.ForgetCreatorVisitors].sort());

      const now = new Date();
      const months = [0, 1, 2].map((ahead) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1));
      const job = await maintenance.add(TrackingJob.EnsurePartitions, {});
      expect(await job.waitUntilFinished(events, 15_000)).toEqual({ months: months.map((month) => new Date(month).toISOString().slice(0, 7)) });
      const found = await t.db.query('SELECT to_regclass(name)::text AS found FROM unnest($1::text[]) AS name', [months.map(monthPartition)]);
      expect(found.map((row: { found: string | null }) => row.found)).toEqual(months.map(monthPartition));
    } finally {
      await events.close();
      await maintenance.close();
    }
  });

  it('indexes clicks by id (the primary key), by link and time, and by creator and visitor', async () => {
    const indexes: { indexname: string; indexdef: string }[] = await t.db.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'click_events' ORDER BY indexname`,
    );
    expect(indexes).toEqual([
      { indexname: 'ix_click_events_creator_visitor', indexdef: expect.stringMatching(/ON ONLY public\.click_events USING btree \(creator_id, visitor_hash, clicked_at\)$/) },
      { indexname: 'ix_click_events_link_time', indexdef: expect.stringMatching(/ON ONLY public\.click_events USING btree \(link_id, clicked_at\)$/) },
      { indexname: 'pk_click_events', indexdef: expect.stringMatching(/^CREATE UNIQUE INDEX .* USING btree \(id, clicked_at\)$/) },
    ]);
    const [{ primary }] = await t.db.query(
      `SELECT pg_get_constraintdef(oid) AS primary FROM pg_constraint WHERE conrelid = 'click_events'::regclass AND contype = 'p'`,
    );
    expect(primary).toBe('PRIMARY KEY (id, clicked_at)');
  });
});
