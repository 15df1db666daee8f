import type { EntityManager } from 'typeorm';
import { CAMPAIGN_SALES, returnedColumns, type RollupChanges, type RollupRow } from './campaign-rollup.js';
import { markedDaySpans, markedParameters } from './marked-days.js';

/** Hours of enrollments whose orders or commissions changed, as the triggers marked them. */
export interface EnrollmentHour {
  enrollmentId: string;
  hour: Date;
}

/** Statuses of commissions still to be decided, and of approved ones not yet paid. */
const PENDING = `('PENDING', 'ELIGIBLE', 'ON_HOLD', 'APPROVAL_PENDING_SECOND_REVIEW')`;
const APPROVED = `('APPROVED', 'IN_PAYOUT')`;

/**
 * Recomputes, from `orders`, `attribution_decisions` and `commissions`, every day (of the
 * enrollment's organization's time zone) the given hours fall on. Orders count in their
 * currency and commissions in theirs, so a row never adds two currencies together. Each
 * order is credited to the source that won its attribution: the winning click's link, the
 * winning code (matched as `codeKey` in tracking matches it: upper case, O read as 0, I and
 * L as 1), or neither. Each day's rows are replaced whole; returns the rows
 * deleted and written, for the campaign totals.
 */
export async function recomputeSaleDays(manager: EntityManager, hours: readonly EnrollmentHour[]): Promise<RollupChanges> {
  if (hours.length === 0) return { deleted: [], written: [] };
  const spans = markedDaySpans('enrollment_id', 'enrollments', 'x.id AS enrollment_id, x.organization_id, x.campaign_id, x.creator_id');
  const parameters = markedParameters(hours, (h) => h.enrollmentId, (h) => h.hour);
  // DELETE … RETURNING comes back as [rows, count].
  const [deleted] = (await manager.query(
    `${spans}
     DELETE FROM analytics_sale_days r USING spans s WHERE r.enrollment_id = s.enrollment_id AND r.day = s.day
     RETURNING ${returnedColumns(CAMPAIGN_SALES, 'r')}`,
    parameters,
  )) as [RollupRow[], number];
  const written: RollupRow[] = await manager.query(
    `${spans},
     sold AS (
       SELECT s.enrollment_id, s.day, o.id AS order_id, o.currency,
              (o.subtotal_minor - o.discount_minor) AS gross,
              CASE WHEN o.status = 'CANCELLED' THEN 0 ELSE GREATEST(o.subtotal_minor - o.discount_minor - o.refunded_net_minor, 0) END AS net,
              (o.status IN ('REFUNDED', 'CANCELLED') OR o.refunded_net_minor > 0) AS refunded,
              w.kind, w.ref
         FROM spans s
         JOIN orders o ON o.campaign_id = s.campaign_id AND o.ordered_at >= s.starts AND o.ordered_at < s.ends AND o.enrollment_id = s.enrollment_id
         LEFT JOIN attribution_decisions a ON a.order_id = o.id
         LEFT JOIN LATERAL (SELECT a.candidates -> a.winner_index ->> 'kind' AS kind, a.candidates -> a.winner_index ->> 'ref' AS ref) w ON true
     ),
     sourced AS (
       SELECT sold.*,
              CASE WHEN sold.kind = 'CLICK' THEN (SELECT c.link_id FROM click_events c WHERE c.id = sold.ref::uuid LIMIT 1) END AS link_id,
              CASE WHEN sold.kind = 'CODE' THEN (
                SELECT d.id FROM discount_codes d JOIN enrollments e ON e.id = sold.enrollment_id
                 WHERE d.organization_id = e.organization_id AND d.code_key = translate(upper(btrim(sold.ref)), 'OIL', '011')) END AS code_id
         FROM sold
     ),
     order_rows AS (
       SELECT enrollment_id, day, currency, link_id, code_id,
              count(*)::int AS orders, sum(gross) AS gross, sum(net) AS net,
              count(*) FILTER (WHERE refunded)::int AS refunded_orders, sum(gross - net) AS refunded,
              0::bigint AS pending, 0::bigint AS approved, 0::bigint AS paid, 0::bigint AS fee
         FROM sourced GROUP BY enrollment_id, day, currency, link_id, code_id
     ),
     commission_rows AS (
       SELECT so.enrollment_id, so.day, c.currency, so.link_id, so.code_id,
              0 AS orders, 0::bigint AS gross, 0::bigint AS net, 0 AS refunded_orders, 0::bigint AS refunded,
              coalesce(sum(c.amount_minor) FILTER (WHERE c.status IN ${PENDING}), 0) AS pending,
              coalesce(sum(c.amount_minor) FILTER (WHERE c.status IN ${APPROVED}), 0) AS approved,
              coalesce(sum(c.amount_minor) FILTER (WHERE c.status = 'PAID'), 0) AS paid,
              coalesce(sum(analytics_fee_minor(c.amount_minor, t.platform_fee_bps)) FILTER (WHERE c.status NOT IN ('REJECTED', 'REVERSED')), 0) AS fee
         FROM sourced so
         JOIN commissions c ON c.order_id = so.order_id AND c.enrollment_id = so.enrollment_id
         JOIN campaign_terms t ON t.id = c.terms_id
        GROUP BY so.enrollment_id, so.day, c.currency, so.link_id, so.code_id
     ),
     combined AS (
       SELECT enrollment_id, day, currency, link_id, code_id,
              sum(orders)::int AS orders, sum(gross) AS gross, sum(net) AS net, sum(refunded_orders)::int AS refunded_orders, sum(refunded) AS refunded,
              sum(pending) AS pending, sum(approved) AS approved, sum(paid) AS paid, sum(fee) AS fee
         FROM (SELECT * FROM order_rows UNION ALL SELECT * FROM commission_rows) x
        GROUP BY enrollment_id, day, currency, link_id, code_id
     )
     INSERT INTO analytics_sale_days (enrollment_id, day, currency, source_key, organization_id, campaign_id, creator_id, link_id, code_id,
                                      orders, gross_minor, net_minor, refunded_orders, refunded_minor,
                                      commission_pending_minor, commission_approved_minor, commission_paid_minor, fee_minor, refreshed_at)
     SELECT r.enrollment_id, r.day, r.currency,
            CASE WHEN r.link_id IS NOT NULL THEN 'link:' || r.link_id WHEN r.code_id IS NOT NULL THEN 'code:' || r.code_id ELSE 'other' END,
            s.organization_id, s.campaign_id, s.creator_id, r.link_id, r.code_id,
            r.orders, r.gross, r.net, r.refunded_orders, r.refunded, r.pending, r.approved, r.paid, r.fee, now()
       FROM combined r JOIN spans s ON s.enrollment_id = r.enrollment_id AND s.day = r.day
      ORDER BY 1, 2, 3, 4
     RETURNING ${returnedColumns(CAMPAIGN_SALES)}`,
    parameters,
  );
  return { deleted, written };
}
