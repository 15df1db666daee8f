import type pg from 'pg';
import { note, ProgressBar } from '../bench-report.js';

type Timed = (steps: [string, number][], label: string, work: () => Promise<void>) => Promise<void>;

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const V7 = (at: string) => `overlay(replace(gen_random_uuid()::text, '-', '') PLACING lpad(to_hex((extract(epoch FROM ${at}) * 1000)::bigint), 12, '0') || '7' FROM 1 FOR 13)::uuid`;

/**
 * Every order drawn at once into a scratch table (amounts, status, touch, commission
 * status), then written in chunks as the sales pipeline writes them: the order, its
 * attribution decision (one candidate, the winner), its CREATED adjustment (and a REFUNDED
 * or CANCELLED one), and its SALE commission. About 60 % carry the id of a real click of
 * the link's creator made before the order, the rest the creator's code; 3 % are refunded
 * and 2 % cancelled (their commissions REVERSED); commissions past the 30-day hold are
 * mostly PAID or APPROVED, younger ones PENDING.
 */
export async function insertOrders(
  client: pg.Client,
  steps: [string, number][],
  timed: Timed,
  size: { orders: number; enrollments: number; days: number; end: Date; chunk: number },
): Promise<{ orders: number; commissions: number }> {
  const end = `'${size.end.toISOString()}'::timestamptz`;
  await timed(steps, 'orders drawn', async () => {
    const kept = Number((await client.query(`SELECT count(*) AS n FROM bench_touch_clicks`)).rows[0].n);
    const clicked = Math.min(kept, Math.round(size.orders * 0.6));
    await client.query(
      `CREATE UNLOGGED TABLE bench_orders AS
       WITH touched AS (
         SELECT row_number() OVER () AS n, t.id AS click_id, t.clicked_at, l.n AS link_n
           FROM (SELECT * FROM bench_touch_clicks ORDER BY random() LIMIT $1) t JOIN bench_links l ON l.link_id = t.link_id
       ), coded AS (
         SELECT $1 + g AS n, NULL::uuid AS click_id, NULL::timestamptz AS clicked_at, 1 + floor($3 * power(random(), 2))::int AS link_n
           FROM generate_series(1, $2::int - $1) g
       ), drawn AS (
         SELECT x.*, random() AS r_time, random() AS r_amount, random() AS r_status, random() AS r_commission, random() AS r_refund,
                floor(random() * $2 * 0.8)::int AS customer
           FROM (SELECT * FROM touched UNION ALL SELECT * FROM coded) x
       ), timed AS (
         SELECT d.*, CASE WHEN click_id IS NOT NULL THEN clicked_at + least(${end} - clicked_at, interval '3 days') * (0.05 + 0.95 * r_time)
                          ELSE ${end} - $4::int * interval '1 day' * power(r_time, 1.3) END AS ordered_at,
                1500 + floor(r_amount * 18000)::bigint AS subtotal
           FROM drawn d
       ), priced AS (
         SELECT t.*, CASE WHEN click_id IS NULL THEN analytics_fee_minor(subtotal, 1000) ELSE 0 END AS discount,
                CASE WHEN subtotal < 5000 THEN 499 ELSE 0 END AS shipping,
                CASE WHEN r_status < 0.03 THEN 'REFUNDED' WHEN r_status < 0.05 THEN 'CANCELLED' ELSE 'OPEN' END AS status
           FROM timed t
       )
       SELECT p.n, ${V7('p.ordered_at')} AS id, p.ordered_at, p.click_id, p.clicked_at, p.subtotal, p.discount, p.shipping,
              analytics_fee_minor(p.subtotal - p.discount, 800) AS tax, p.subtotal - p.discount AS net, p.status,
              p.ordered_at + (${end} - p.ordered_at) * 0.3 * p.r_refund AS refunded_at,
              CASE WHEN p.status <> 'OPEN' THEN 'REVERSED'
                   WHEN ${end} - p.ordered_at < interval '30 days' THEN CASE WHEN p.r_commission < 0.05 THEN 'ON_HOLD' ELSE 'PENDING' END
                   WHEN p.r_commission < 0.55 THEN 'PAID' WHEN p.r_commission < 0.8 THEN 'APPROVED' WHEN p.r_commission < 0.9 THEN 'ELIGIBLE'
                   WHEN p.r_commission < 0.95 THEN 'REJECTED' ELSE 'ON_HOLD' END AS commission_status,
              md5('customer' || p.customer) AS customer_hash,
              l.enrollment_id, l.link_id, l.code, l.campaign_id, l.organization_id, l.creator_id, l.currency, l.terms_id, l.rate_bps, l.integration_id, l.admin_id
         FROM priced p JOIN bench_links l ON l.n = p.link_n`,
      [clicked, size.orders, size.enrollments, size.days],
    );
    await client.query(`ALTER TABLE bench_orders ADD PRIMARY KEY (n)`);
    note(`${clicked.toLocaleString('en-US')} orders carry a click id, ${(size.orders - clicked).toLocaleString('en-US')} a code`);
  });

  await timed(steps, `orders, decisions, adjustments, commissions (${size.orders.toLocaleString('en-US')})`, async () => {
    const bar = new ProgressBar('seeding orders', size.orders);
    for (let from = 1; from <= size.orders; from += size.chunk) {
      const to = Math.min(size.orders, from + size.chunk - 1);
      const range = `FROM bench_orders o WHERE o.n BETWEEN ${from} AND ${to}`;
      await client.query(`
        INSERT INTO orders (id, organization_id, integration_id, external_id, status, ordered_at, currency, subtotal_minor, discount_minor, shipping_minor, tax_minor,
                            total_minor, refunded_net_minor, discount_codes, click_id, customer_email_hash, source_updated_at, campaign_id, enrollment_id, creator_id,
                            created_at, updated_at)
        SELECT o.id, o.organization_id, o.integration_id, 'bench-order-' || o.n, o.status, o.ordered_at, o.currency, o.subtotal, o.discount, o.shipping, o.tax,
               o.subtotal - o.discount + o.shipping + o.tax, CASE WHEN o.status = 'REFUNDED' THEN o.net ELSE 0 END,
               CASE WHEN o.click_id IS NULL THEN ARRAY[o.code] ELSE '{}' END, o.click_id, o.customer_hash, o.ordered_at, o.campaign_id, o.enrollment_id, o.creator_id,
               o.ordered_at + interval '2 seconds', CASE WHEN o.status = 'OPEN' THEN o.ordered_at + interval '2 seconds' ELSE o.refunded_at END
          ${range};
        INSERT INTO attribution_decisions (order_id, organization_id, rule, candidates, winner_index, winner_enrollment_id, winner_creator_id, winner_campaign_id, method, decided_at, updated_at)
        SELECT o.id, o.organization_id, 'CODE_WINS',
               jsonb_build_array(jsonb_build_object(
                 'kind', CASE WHEN o.click_id IS NULL THEN 'CODE' ELSE 'CLICK' END,
                 'ref', coalesce(o.click_id::text, o.code),
                 'at', to_char(coalesce(o.clicked_at, o.ordered_at) AT TIME ZONE 'UTC', ${ISO}),
                 'creatorId', o.creator_id, 'enrollmentId', o.enrollment_id, 'campaignId', o.campaign_id,
                 'outcome', 'WON', 'reasonCode', 'WON_CODE_WINS',
                 'reason', CASE WHEN o.click_id IS NULL THEN 'code ' || o.code ELSE 'click ' || o.click_id END || ' is the only valid touch')),
               0, o.enrollment_id, o.creator_id, o.campaign_id, 'RULES', o.ordered_at + interval '2 seconds', o.ordered_at + interval '2 seconds'
          ${range};
        INSERT INTO order_adjustments (id, order_id, kind, source_key, subtotal_delta_minor, discount_delta_minor, shipping_delta_minor, tax_delta_minor, total_delta_minor,
                                       refunded_net_delta_minor, effective_at, created_at)
        SELECT gen_random_uuid(), o.id, 'CREATED', 'created', o.subtotal, o.discount, o.shipping, o.tax, o.subtotal - o.discount + o.shipping + o.tax, 0,
               o.ordered_at + interval '2 seconds', o.ordered_at + interval '2 seconds'
          ${range}
        UNION ALL
        SELECT gen_random_uuid(), o.id, o.status, CASE WHEN o.status = 'REFUNDED' THEN 'refund:bench-' || o.n ELSE 'cancelled' END, 0, 0, 0, 0, 0,
               CASE WHEN o.status = 'REFUNDED' THEN o.net ELSE 0 END, o.refunded_at, o.refunded_at
          ${range} AND o.status <> 'OPEN';
        INSERT INTO commissions (id, organization_id, campaign_id, enrollment_id, creator_id, order_id, kind, terms_id, currency, amount_minor, quoted_amount_minor,
                                 basis_net_minor, status, hold_reasons, ordered_at, eligible_at, explanation, approved_at, approved_by_user_id, paid_at, reversed_at,
                                 rejected_at, rejected_by_user_id, created_at, updated_at)
        SELECT ${V7(`o.ordered_at + interval '2 seconds'`)}, o.organization_id, o.campaign_id, o.enrollment_id, o.creator_id, o.id, 'SALE', o.terms_id, o.currency,
               analytics_fee_minor(o.net, o.rate_bps), analytics_fee_minor(o.net, o.rate_bps), o.net, o.commission_status,
               CASE WHEN o.commission_status = 'ON_HOLD' THEN '{FRAUD}'::text[] ELSE '{}' END,
               o.ordered_at, o.ordered_at + interval '30 days', ARRAY[o.rate_bps || ' bps of the net ' || o.net],
               CASE WHEN o.commission_status IN ('APPROVED', 'PAID') THEN least(${end}, o.ordered_at + interval '31 days') END,
               CASE WHEN o.commission_status IN ('APPROVED', 'PAID') THEN o.admin_id END,
               CASE WHEN o.commission_status = 'PAID' THEN least(${end}, o.ordered_at + interval '35 days') END,
               CASE WHEN o.commission_status = 'REVERSED' THEN o.refunded_at END,
               CASE WHEN o.commission_status = 'REJECTED' THEN least(${end}, o.ordered_at + interval '31 days') END,
               CASE WHEN o.commission_status = 'REJECTED' THEN o.admin_id END,
               o.ordered_at + interval '2 seconds', o.ordered_at + interval '2 seconds'
          ${range};`);
      bar.update(to);
    }
    bar.finish();
  });
  const [counts] = (await client.query(`SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM commissions)::int AS commissions`)).rows;
  await client.query(`DROP TABLE bench_orders`);
  return counts as { orders: number; commissions: number };
}
