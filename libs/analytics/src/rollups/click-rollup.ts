import type { EntityManager } from 'typeorm';
import { CAMPAIGN_CLICKS, returnedColumns, type RollupChanges, type RollupRow } from './campaign-rollup.js';
import { markedDaySpans, markedParameters } from './marked-days.js';

/** Hours of links whose clicks changed, as the triggers marked them. */
export interface LinkHour {
  linkId: string;
  hour: Date;
}

/**
 * Recomputes, from `click_events`, every day (of the link's organization's time zone) that
 * the given hours fall on: an hour may touch two days where the zone is offset by a
 * fraction of an hour. Each day's row is replaced whole, and a day left with no click has
 * none, so running it twice changes nothing. Returns the rows deleted and
 * written, for the campaign totals.
 */
export async function recomputeClickDays(manager: EntityManager, hours: readonly LinkHour[]): Promise<RollupChanges> {
  if (hours.length === 0) return { deleted: [], written: [] };
  const spans = markedDaySpans('link_id', 'referral_links', 'x.id AS link_id, x.organization_id, x.campaign_id, x.enrollment_id, x.creator_id');
  const parameters = markedParameters(hours, (h) => h.linkId, (h) => h.hour);
  // DELETE … RETURNING comes back as [rows, count].
  const [deleted] = (await manager.query(
    `${spans}
     DELETE FROM analytics_click_days r USING spans s WHERE r.link_id = s.link_id AND r.day = s.day
     RETURNING ${returnedColumns(CAMPAIGN_CLICKS, 'r')}`,
    parameters,
  )) as [RollupRow[], number];
  const written: RollupRow[] = await manager.query(
    `${spans}
     INSERT INTO analytics_click_days (link_id, day, organization_id, campaign_id, enrollment_id, creator_id, clicks, unique_clicks, bot_clicks, refreshed_at)
     SELECT s.link_id, s.day, s.organization_id, s.campaign_id, s.enrollment_id, s.creator_id, c.clicks, c.unique_clicks, c.bot_clicks, now()
       FROM spans s
       CROSS JOIN LATERAL (
         SELECT count(*) FILTER (WHERE NOT e.is_bot)::int AS clicks,
                count(*) FILTER (WHERE e.is_unique)::int AS unique_clicks,
                count(*) FILTER (WHERE e.is_bot)::int AS bot_clicks
           FROM click_events e
          WHERE e.link_id = s.link_id AND e.clicked_at >= s.starts AND e.clicked_at < s.ends
       ) c
      WHERE c.clicks + c.bot_clicks > 0
      ORDER BY s.link_id, s.day
     RETURNING ${returnedColumns(CAMPAIGN_CLICKS)}`,
    parameters,
  );
  return { deleted, written };
}
