import type { EntityManager } from 'typeorm';

/**
 * Marks for recomputation every hour that has source rows (clicks, orders, commissions) or
 * rollup rows in scope: `since` limits it to recent rows (the nightly correction), `clicksSince`
 * the clicks alone (to those the retention period still keeps), an
 * organization to its own (a rebuild after its time zone changed). Marking rollup rows too
 * means a row with no source left, or one written under another time zone, is replaced.
 */
export async function markForRecompute(manager: EntityManager, scope: { since?: Date; clicksSince?: Date; organizationId?: string }): Promise<void> {
  const since = scope.since?.toISOString() ?? null;
  const organizationId = scope.organizationId ?? null;
  // Raw clicks older than the retention period are gone: their days are never recomputed, or they would be emptied.
  const clicksSince = later(scope.since, scope.clicksSince)?.toISOString() ?? null;
  await manager.query(
    `INSERT INTO analytics_dirty_links (link_id, hour)
     SELECT DISTINCT link_id, date_trunc('hour', clicked_at, 'UTC') FROM click_events
      WHERE ($1::timestamptz IS NULL OR clicked_at >= $1) AND ($2::uuid IS NULL OR organization_id = $2)
     UNION
     SELECT r.link_id, date_trunc('hour', r.day::timestamp AT TIME ZONE o.time_zone, 'UTC')
       FROM analytics_click_days r JOIN organizations o ON o.id = r.organization_id
      WHERE ($1::timestamptz IS NULL OR r.day >= ($1::timestamptz AT TIME ZONE o.time_zone)::date) AND ($2::uuid IS NULL OR r.organization_id = $2)
     ORDER BY 1, 2
     ON CONFLICT DO NOTHING`,
    [clicksSince, organizationId],
  );
  await manager.query(
    `INSERT INTO analytics_dirty_enrollments (enrollment_id, hour)
     SELECT enrollment_id, date_trunc('hour', ordered_at, 'UTC') FROM orders
      WHERE enrollment_id IS NOT NULL AND ($1::timestamptz IS NULL OR ordered_at >= $1) AND ($2::uuid IS NULL OR organization_id = $2)
     UNION
     SELECT enrollment_id, date_trunc('hour', ordered_at, 'UTC') FROM commissions
      WHERE ($1::timestamptz IS NULL OR ordered_at >= $1) AND ($2::uuid IS NULL OR organization_id = $2)
     UNION
     SELECT r.enrollment_id, date_trunc('hour', r.day::timestamp AT TIME ZONE o.time_zone, 'UTC')
       FROM analytics_sale_days r JOIN organizations o ON o.id = r.organization_id
      WHERE ($1::timestamptz IS NULL OR r.day >= ($1::timestamptz AT TIME ZONE o.time_zone)::date) AND ($2::uuid IS NULL OR r.organization_id = $2)
     ORDER BY 1, 2
     ON CONFLICT DO NOTHING`,
    [since, organizationId],
  );
}

function later(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}
