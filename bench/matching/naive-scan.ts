import { effectiveMatchWeights, MatchFactor } from '@app/campaigns';
import { MIN_PEER_GROUP, normalizeWeights } from '@app/matching';
import type pg from 'pg';

/** The same campaign fields the service reads. */
export interface BenchCampaign {
  id: string;
  organizationId: string;
  niches: string[];
  platforms: string[];
  targetCountries: string[];
  minFollowers: number;
  maxFollowers: number;
  minEngagementRate: number;
  matchWeights: Record<string, number> | null;
}

export interface NaiveRow {
  creatorId: string;
  accountId: string;
  score: number;
}

/**
 * Session setup for the naive scan's connection. CTE row estimates are poor, and the planner
 * then picks nested loops over hundreds of thousands of rows: hash joins and enough memory
 * to sort in RAM make this the fair, fast version of the naive approach.
 */
export const NAIVE_SESSION_SQL = [`SET enable_nestloop = off`, `SET work_mem = '256MB'`];

export const SMOOTHSTEP_SQL = `
CREATE OR REPLACE FUNCTION pg_temp.smoothstep(t float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN t <= 0 THEN 0::float8 WHEN t >= 1 THEN 1::float8 ELSE t * t * (3 - 2 * t) END $$`;

/**
 * The baseline: the whole score in one SQL statement over every account, the way one
 * would write it without an index: every engagement percentile from window functions over
 * all accounts, every factor per account, the best account per creator, then the top.
 * Same formulas and the same order of float operations as the service, so results match.
 */
const NAIVE_SQL = `
WITH acc AS (
  SELECT a.id, a.creator_id, a.platform, a.followers, a.engagement_rate, a.audience_countries, p.niches
    FROM social_accounts a JOIN creator_profiles p ON p.id = a.creator_id
), peer_counts AS (
  SELECT platform, grp, engagement_rate, count(*) AS equal FROM (
    SELECT acc.platform, n AS grp, acc.engagement_rate FROM acc CROSS JOIN LATERAL unnest(acc.niches) n WHERE n = ANY($1::text[])
    UNION ALL
    SELECT acc.platform, '*', acc.engagement_rate FROM acc
  ) x GROUP BY platform, grp, engagement_rate
), peer_ranks AS (
  SELECT platform, grp, engagement_rate, equal,
         coalesce(sum(equal) OVER (PARTITION BY platform, grp ORDER BY engagement_rate ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS below,
         sum(equal) OVER (PARTITION BY platform, grp) AS total
    FROM peer_counts
), eligible AS (
  SELECT acc.*,
         (SELECT u.n FROM unnest($1::text[]) WITH ORDINALITY u(n, o) WHERE u.n = ANY(acc.niches) ORDER BY u.o LIMIT 1) AS peer_niche
    FROM acc
   WHERE (cardinality($2::text[]) = 0 OR acc.platform = ANY($2::text[]))
     AND acc.followers BETWEEN $4 AND $5 AND acc.engagement_rate >= $6
     AND acc.creator_id NOT IN (SELECT creator_id FROM enrollments WHERE campaign_id = $7
                                UNION SELECT creator_id FROM creator_bans WHERE organization_id = $8)
), hits AS (
  SELECT creator_id, count(DISTINCT platform) AS platforms_hit FROM eligible GROUP BY creator_id
), valued AS (
  SELECT e.creator_id, e.id AS account_id,
         CASE WHEN cardinality($1::text[]) = 0 THEN 1::float8
              ELSE (SELECT count(*) FROM unnest($1::text[]) n WHERE n = ANY(e.niches))::float8 / cardinality($1::text[])::float8 END AS v_niche,
         CASE WHEN e.followers > 100000 THEN 1 - 0.5::float8 * pg_temp.smoothstep(ln(e.followers::float8 / 100000::float8) / ln($5::float8 / 100000::float8))
              WHEN e.followers < 10000 THEN 0.7::float8 + (1 - 0.7::float8) * pg_temp.smoothstep(ln(greatest(e.followers, 1000)::float8 / 1000::float8) / ln(10000::float8 / 1000::float8))
              ELSE 1::float8 END AS v_followers,
         CASE WHEN pn.total >= $11 THEN (pn.below::float8 + 0.5 * pn.equal::float8) / pn.total::float8
              ELSE (pw.below::float8 + 0.5 * pw.equal::float8) / pw.total::float8 END AS v_engagement,
         CASE WHEN cardinality($3::text[]) = 0 THEN 1::float8
              ELSE least(1::float8, greatest(0::float8, coalesce((SELECT sum(j.value::float8) FROM jsonb_each_text(e.audience_countries) j WHERE j.key = ANY($3::text[])), 0) / 100)) END AS v_audience,
         CASE WHEN cardinality($2::text[]) = 0 THEN 1::float8 ELSE h.platforms_hit::float8 / cardinality($2::text[])::float8 END AS v_platform
    FROM eligible e
    JOIN hits h ON h.creator_id = e.creator_id
    JOIN peer_ranks pw ON pw.platform = e.platform AND pw.grp = '*' AND pw.engagement_rate = e.engagement_rate
    LEFT JOIN peer_ranks pn ON pn.platform = e.platform AND pn.grp = e.peer_niche AND pn.engagement_rate = e.engagement_rate
), scored AS (
  SELECT creator_id, account_id,
         (((((0::float8 + ($9::float8[])[1] * v_niche) + ($9::float8[])[2] * v_followers) + ($9::float8[])[3] * v_engagement)
           + ($9::float8[])[4] * v_audience) + ($9::float8[])[5] * v_platform) + ($9::float8[])[6] * 0::float8 AS score
    FROM valued
), best AS (
  SELECT DISTINCT ON (creator_id) creator_id, account_id, score FROM scored ORDER BY creator_id, score DESC, account_id
)
SELECT creator_id, account_id, score FROM best ORDER BY score DESC, creator_id LIMIT $10`;

const unique = (values: readonly string[]) => [...new Set(values)];

export async function naiveTopK(client: pg.Client, campaign: BenchCampaign, limit: number): Promise<NaiveRow[]> {
  // No sales exist, so PERFORMANCE is left out for everyone, as in the service.
  const weights = normalizeWeights(effectiveMatchWeights(campaign.matchWeights), (factor) => factor !== MatchFactor.PERFORMANCE);
  const { rows } = await client.query<{ creator_id: string; account_id: string; score: number }>(NAIVE_SQL, [
    unique(campaign.niches),
    unique(campaign.platforms),
    unique(campaign.targetCountries.map((code) => code.toUpperCase())),
    campaign.minFollowers,
    campaign.maxFollowers,
    campaign.minEngagementRate,
    campaign.id,
    campaign.organizationId,
    Array.from(weights),
    limit,
    MIN_PEER_GROUP,
  ]);
  return rows.map((row) => ({ creatorId: row.creator_id, accountId: row.account_id, score: row.score }));
}
