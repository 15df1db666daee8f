import { PasswordHasher } from '@app/identity';
import { SalesFactories } from '@app/testing';
import type pg from 'pg';
import { type DataSource } from 'typeorm';
import { note, ProgressBar } from '../bench-report.js';
import { insertOrders } from './analytics-orders.js';

export const BENCH_PASSWORD = 'bench-password-not-a-secret';
/** Rows per statement for the big tables: large enough to be set-based, small enough for a live progress bar. */
export const CHUNK = 500_000;
/** Brands' time zones in turn: days are cut in each brand's own zone, so the rollups must not assume UTC. */
const TIME_ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Tokyo', 'America/Sao_Paulo'];
const RATES_BPS = [1_000, 1_250, 733, 1_500, 875, 2_000, 500, 1_337];

export interface SeedSize {
  clicks: number;
  orders: number;
  campaigns: number;
  creators: number;
  days: number;
}

export interface SeedTimings {
  /** Seconds per step, in the order they ran. */
  steps: [string, number][];
  enrollments: number;
  clicks: number;
  orders: number;
  commissions: number;
}

async function timed(steps: [string, number][], label: string, work: () => Promise<void>): Promise<void> {
  const started = Date.now();
  await work();
  steps.push([label, (Date.now() - started) / 1000]);
}

/**
 * Seeds brands (with admins who can log in, a merchant integration each, several time zones),
 * campaigns with terms in two currencies, creators who can log in, enrollments with a link
 * and a code each, clicks over `days` days up to `end`, and attributed orders with their
 * decisions, adjustments and commissions, all with set-based SQL in chunks. The analytics
 * triggers mark the hours they touch, as they would in production.
 */
export async function seedAnalytics(client: pg.Client, db: DataSource, secretsKey: string, size: SeedSize, end: Date): Promise<SeedTimings> {
  const steps: [string, number][] = [];
  const brands = Math.min(100, size.campaigns);
  const since = new Date(end.getTime() - (size.days + 10) * 86_400_000);
  const passwordHash = await new PasswordHasher().hash(BENCH_PASSWORD);
  await client.query(`
    CREATE UNLOGGED TABLE bench_brands (n int PRIMARY KEY, organization_id uuid, admin_id uuid, integration_id uuid);
    CREATE UNLOGGED TABLE bench_campaigns (n int PRIMARY KEY, id uuid, organization_id uuid, admin_id uuid, integration_id uuid, currency char(3), terms_id uuid, rate_bps int);
    CREATE UNLOGGED TABLE bench_creators (n int PRIMARY KEY, id uuid, user_id uuid);
    CREATE UNLOGGED TABLE bench_enrollments (n int PRIMARY KEY, id uuid, campaign_n int, creator_n int, link_id uuid, code_id uuid);
    CREATE UNLOGGED TABLE bench_touch_clicks (id uuid, clicked_at timestamptz, link_id uuid);`);

  await timed(steps, 'brands, campaigns and terms', async () => {
    await client.query(
      `WITH b AS (SELECT g, gen_random_uuid() AS organization_id, gen_random_uuid() AS admin_id FROM generate_series(1, $1::int) g),
       u AS (INSERT INTO users (id, email, display_name, password_hash, created_at)
             SELECT admin_id, 'bench-brand-' || g || '@bench.test', 'Bench Brand ' || g || ' Admin', $2, $4 FROM b),
       o AS (INSERT INTO organizations (id, name, time_zone, created_at) SELECT organization_id, 'Bench Brand ' || g, ($3::text[])[1 + (g - 1) % cardinality($3::text[])], $4 FROM b),
       m AS (INSERT INTO memberships (id, organization_id, user_id, role, created_at) SELECT gen_random_uuid(), organization_id, admin_id, 'BRAND_ADMIN', $4 FROM b)
       INSERT INTO bench_brands (n, organization_id, admin_id) SELECT g, organization_id, admin_id FROM b`,
      [brands, passwordHash, TIME_ZONES, since],
    );
    // Through the factory: the integration's secret is sealed under the apps' key, as the API seals it.
    const sales = new SalesFactories(db, secretsKey);
    const { rows } = await client.query<{ n: number; organization_id: string; admin_id: string }>(`SELECT n, organization_id, admin_id FROM bench_brands ORDER BY n`);
    for (const row of rows) {
      const integration = await sales.integration(row.organization_id, row.admin_id);
      await client.query(`UPDATE bench_brands SET integration_id = $2 WHERE n = $1`, [row.n, integration.id]);
    }
    await client.query(
      `INSERT INTO bench_campaigns (n, id, organization_id, admin_id, integration_id, currency, terms_id, rate_bps)
       SELECT g, gen_random_uuid(), b.organization_id, b.admin_id, b.integration_id, CASE WHEN g % 5 = 0 THEN 'EUR' ELSE 'USD' END,
              gen_random_uuid(), ($3::int[])[1 + g % cardinality($3::int[])]
         FROM generate_series(1, $1::int) g JOIN bench_brands b ON b.n = 1 + (g - 1) % $2`,
      [size.campaigns, brands, RATES_BPS],
    );
    await client.query(
      `INSERT INTO campaigns (id, organization_id, status, title, landing_url, currency, created_by_user_id, published_at, created_at, updated_at, slug)
       SELECT id, organization_id, 'ACTIVE', 'Bench campaign ' || n, 'https://shop' || n || '.bench.test/', currency, admin_id, $1, $1, $1, 'bench-campaign-' || n
         FROM bench_campaigns;
       INSERT INTO campaign_terms (id, campaign_id, version, commission_rate_bps, attribution_window_days, hold_days, effective_from, created_by_user_id, created_at, platform_fee_bps)
       SELECT terms_id, id, 1, rate_bps, 30, 30, $1, admin_id, $1, 500 FROM bench_campaigns`.replace(/\$1/g, `'${since.toISOString()}'::timestamptz`),
    );
  });

  await timed(steps, 'creators', async () => {
    await client.query(
      `WITH c AS (SELECT g, gen_random_uuid() AS id, gen_random_uuid() AS user_id FROM generate_series(1, $1::int) g),
       u AS (INSERT INTO users (id, email, display_name, password_hash, created_at)
             SELECT user_id, 'bench-creator-' || g || '@bench.test', 'Bench Creator ' || g, $2, $3 FROM c),
       r AS (INSERT INTO user_roles (user_id, role, granted_at) SELECT user_id, 'CREATOR', $3 FROM c),
       p AS (INSERT INTO creator_profiles (id, user_id, display_name, country, languages, niches, created_at)
             SELECT id, user_id, 'Bench Creator ' || g, (ARRAY['US','GB','DE','IN','BR','FR'])[1 + g % 6], '{en}', '{FASHION}', $3 FROM c)
       INSERT INTO bench_creators (n, id, user_id) SELECT g, id, user_id FROM c`,
      [size.creators, passwordHash, since],
    );
  });

  let enrollments = 0;
  await timed(steps, 'enrollments, links and codes', async () => {
    // Each creator in 1–4 campaigns, spread over all of them; `step` keeps a creator's campaigns distinct.
    await client.query(
      `INSERT INTO bench_enrollments (n, id, campaign_n, creator_n, link_id, code_id)
       SELECT row_number() OVER (ORDER BY c.n, j), gen_random_uuid(), 1 + ((c.n * 7919) % $1 + j * greatest(1, $1 / 4)) % $1, c.n, gen_random_uuid(), gen_random_uuid()
         FROM bench_creators c, generate_series(0, least(3, $1 - 1)) j
        WHERE j <= (c.n * 31) % 4`,
      [size.campaigns],
    );
    const at = `'${since.toISOString()}'::timestamptz`;
    await client.query(`
      INSERT INTO enrollments (id, campaign_id, organization_id, creator_id, status, origin, decided_by_user_id, decided_at, approved_at, created_at, updated_at)
      SELECT e.id, c.id, c.organization_id, cr.id, 'APPROVED', 'APPLICATION', c.admin_id, ${at}, ${at}, ${at}, ${at}
        FROM bench_enrollments e JOIN bench_campaigns c ON c.n = e.campaign_n JOIN bench_creators cr ON cr.n = e.creator_n;
      INSERT INTO referral_links (id, organization_id, campaign_id, enrollment_id, creator_id, slug, destination_url, status, created_by_user_id, created_at, updated_at)
      SELECT e.link_id, c.organization_id, c.id, e.id, cr.id, 'bench' || e.n, 'https://shop' || c.n || '.bench.test/?utm_source=bench' || e.creator_n, 'ACTIVE', cr.user_id, ${at}, ${at}
        FROM bench_enrollments e JOIN bench_campaigns c ON c.n = e.campaign_n JOIN bench_creators cr ON cr.n = e.creator_n;
      INSERT INTO discount_codes (id, organization_id, campaign_id, enrollment_id, creator_id, code, code_key, discount_type, percent_bps, currency, status, created_by_user_id, created_at, updated_at)
      SELECT e.code_id, c.organization_id, c.id, e.id, cr.id, 'BENCH' || e.n, 'BENCH' || e.n, 'PERCENTAGE', 1000, c.currency, 'ACTIVE', cr.user_id, ${at}, ${at}
        FROM bench_enrollments e JOIN bench_campaigns c ON c.n = e.campaign_n JOIN bench_creators cr ON cr.n = e.creator_n;
      CREATE UNLOGGED TABLE bench_links AS
      SELECT e.n, e.id AS enrollment_id, e.link_id, e.code_id, 'BENCH' || e.n AS code, c.id AS campaign_id, c.organization_id, cr.id AS creator_id,
             c.currency, c.terms_id, c.rate_bps, c.integration_id, c.admin_id
        FROM bench_enrollments e JOIN bench_campaigns c ON c.n = e.campaign_n JOIN bench_creators cr ON cr.n = e.creator_n;
      ALTER TABLE bench_links ADD PRIMARY KEY (n);`);
    enrollments = Number((await client.query(`SELECT count(*) AS n FROM bench_enrollments`)).rows[0].n);
  });

  await timed(steps, `clicks (${size.clicks.toLocaleString('en-US')})`, () => insertClicks(client, size, enrollments, end));
  const orders = await insertOrders(client, steps, timed, { orders: size.orders, enrollments, days: size.days, end, chunk: CHUNK / 5 });

  await timed(steps, 'link counters, ANALYZE', async () => {
    await client.query(`
      INSERT INTO referral_link_stats (link_id, clicks, unique_clicks, bot_clicks, last_click_at)
      SELECT link_id, count(*) FILTER (WHERE NOT is_bot), count(*) FILTER (WHERE is_unique), count(*) FILTER (WHERE is_bot), max(clicked_at) FILTER (WHERE NOT is_bot)
        FROM click_events GROUP BY link_id
      ON CONFLICT (link_id) DO NOTHING;
      DROP TABLE bench_brands, bench_campaigns, bench_creators, bench_enrollments, bench_touch_clicks, bench_links;
      ANALYZE;`);
  });
  const clicks = Number((await client.query(`SELECT count(*) AS n FROM click_events`)).rows[0].n);
  return { steps, enrollments, clicks, orders: orders.orders, commissions: orders.commissions };
}

/**
 * Clicks in chunks: popular links get most (a power law over the enrollments), recent days
 * more than old ones, about 3 % bots, and about 70 % of people's clicks unique. Ids are
 * UUID v7 of the click time, as the redirector makes them. A sample of people's clicks is
 * kept aside for orders to point at.
 */
async function insertClicks(client: pg.Client, size: SeedSize, enrollments: number, end: Date): Promise<void> {
  const first = new Date(end.getTime() - size.days * 86_400_000);
  for (let month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)); month <= end; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    await client.query(`SELECT ensure_click_events_partition($1::date)`, [month.toISOString().slice(0, 10)]);
  }
  // Enough people's clicks aside for 60 % of the orders to carry one, with room to spare.
  const keepShare = Math.min(1, (size.orders * 0.6 * 1.3) / Math.max(1, size.clicks * 0.97));
  const bar = new ProgressBar('seeding clicks', size.clicks);
  for (let from = 1; from <= size.clicks; from += CHUNK) {
    const to = Math.min(size.clicks, from + CHUNK - 1);
    await client.query(
      `WITH src AS MATERIALIZED (
         SELECT g, 1 + floor($3::int * power(random(), 2.5))::int AS link_n,
                $4::timestamptz - $5::int * interval '1 day' * power(random(), 1.3) AS at,
                random() < 0.03 AS bot, random() AS r_unique, random() AS r_device, random() AS r_country, random() AS r_referrer,
                floor(random() * ($2::int / 4 + 1))::int AS visitor
           FROM generate_series($1::int, $2::int) g
       ), ins AS (
         INSERT INTO click_events (id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id, visitor_hash, country, device_class, referrer_host, is_bot, is_unique)
         SELECT overlay(replace(gen_random_uuid()::text, '-', '') PLACING lpad(to_hex((extract(epoch FROM s.at) * 1000)::bigint), 12, '0') || '7' FROM 1 FOR 13)::uuid,
                s.at, l.link_id, l.enrollment_id, l.campaign_id, l.organization_id, l.creator_id,
                substr(md5('visitor' || s.visitor), 1, 22),
                (ARRAY['US','US','US','GB','DE','IN','BR','FR','CA','AU'])[1 + floor(s.r_country * 10)::int],
                CASE WHEN s.bot THEN 'UNKNOWN' WHEN s.r_device < 0.68 THEN 'MOBILE' WHEN s.r_device < 0.95 THEN 'DESKTOP' ELSE 'TABLET' END,
                CASE WHEN s.r_referrer < 0.45 THEN 'l.instagram.com' WHEN s.r_referrer < 0.75 THEN 'www.tiktok.com' WHEN s.r_referrer < 0.85 THEN 'www.youtube.com' END,
                s.bot, NOT s.bot AND s.r_unique < 0.7
           FROM src s JOIN bench_links l ON l.n = s.link_n
         RETURNING id, clicked_at, link_id, is_bot
       )
       INSERT INTO bench_touch_clicks (id, clicked_at, link_id) SELECT id, clicked_at, link_id FROM ins WHERE NOT is_bot AND random() < $6`,
      [from, to, enrollments, end.toISOString(), size.days, keepShare],
    );
    bar.update(to);
  }
  bar.finish();
  note(`kept ${(await client.query(`SELECT count(*) AS n FROM bench_touch_clicks`)).rows[0].n} clicks aside for orders`);
}
