import { newId, Role } from '@app/core';
import { NICHES, PLATFORMS } from '@app/creators';
import { PasswordHasher } from '@app/identity';
import type pg from 'pg';
import { note, ProgressBar } from '../bench-report.js';

export const BENCH_PASSWORD = 'bench-password-not-a-secret';
export const BENCH_BRANDS = 20;
export const BENCH_CAMPAIGNS = 200;
const CHUNK = 20_000;

/** Where creators live and where audiences are: a few big markets first, a long tail after. */
const COUNTRIES = ['US', 'GB', 'BR', 'IN', 'DE', 'FR', 'ES', 'MX', 'IT', 'CA', 'AU', 'NL', 'SE', 'PL', 'JP', 'KR', 'ID', 'PH', 'TR', 'AR', 'NG', 'ZA', 'IE', 'PT'];
/** Platforms by popularity among creators. */
const PLATFORM_SHARES: Record<string, number> = {
  INSTAGRAM: 35,
  TIKTOK: 25,
  YOUTUBE: 14,
  PINTEREST: 6,
  FACEBOOK: 6,
  X: 5,
  TWITCH: 3,
  BLOG: 4,
  SNAPCHAT: 2,
};

/** Upper bounds of each item's slice of [0, 1), last one left out: `width_bucket(random(), bounds)` picks an index. */
function cumulative(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  return weights.slice(0, -1).map((w) => (running += w / total));
}

const zipf = (n: number, s: number) => Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);

export interface SeedState {
  creators: number;
  campaigns: number;
}

export async function seedState(client: pg.Client): Promise<SeedState> {
  const [row] = (
    await client.query<{ creators: string; campaigns: string }>(
      `SELECT (SELECT count(*) FROM creator_profiles) AS creators, (SELECT count(*) FROM campaigns WHERE title LIKE 'Bench %') AS campaigns`,
    )
  ).rows;
  return { creators: Number(row!.creators), campaigns: Number(row!.campaigns) };
}

/** Empties every table the seed writes (and everything that references them). */
export async function clearSeed(client: pg.Client): Promise<void> {
  await client.query(`TRUNCATE users, organizations CASCADE`);
}

/**
 * One chunk of creators in one statement: users, profiles and 1–3 accounts each (at most
 * one per platform). Followers are log-normal (median 15k, σ 1.25: about 7% above 100k and
 * a tail into the millions); engagement falls with size (8% at 1k, 2.5% at 100k) with
 * log-normal noise; niches are Zipf over the vocabulary; audiences lean to the creator's
 * own country, then to the big markets.
 */
const CHUNK_SQL = `
WITH src AS MATERIALIZED (
  SELECT g, gen_random_uuid() AS user_id, gen_random_uuid() AS creator_id,
         ($3::text[])[1 + width_bucket(random(), $4::float8[])] AS country,
         1 + (random() < 0.45)::int + (random() < 0.15)::int AS niche_count,
         1 + (random() < 0.45)::int + (random() < 0.33)::int AS account_count
    FROM generate_series($1::int, $2::int) g
), users_in AS (
  INSERT INTO users (id, email, display_name, password_hash, status)
  SELECT user_id, 'bench-creator-' || g || '@bench.test', 'Bench Creator ' || g, '!bench-no-login', 'ACTIVE' FROM src
), profiles_in AS (
  INSERT INTO creator_profiles (id, user_id, display_name, bio, country, languages, niches)
  SELECT creator_id, user_id, 'Bench Creator ' || g, '', country, '{en}',
         ARRAY(SELECT DISTINCT ($5::text[])[1 + width_bucket(random(), $6::float8[])] FROM generate_series(1, niche_count) k)
    FROM src
), drawn AS (
  SELECT s.creator_id, s.g, s.country,
         ($7::text[])[1 + width_bucket(random(), $8::float8[])] AS platform,
         sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z_followers,
         sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z_engagement,
         random() AS r1, random() AS r2, random() AS r3, random() AS r4,
         ($3::text[])[1 + width_bucket(random(), $4::float8[])] AS c2,
         ($3::text[])[1 + width_bucket(random(), $4::float8[])] AS c3
    FROM src s, generate_series(1, s.account_count) j
), accounts AS (
  SELECT DISTINCT ON (creator_id, platform) *,
         greatest(50, least(30000000, round(exp(ln(15000) + 1.25 * z_followers))))::int AS followers
    FROM drawn ORDER BY creator_id, platform
), rated AS (
  SELECT *, least(0.4, 0.08 * power(followers / 1000.0, -0.25) * exp(0.35 * z_engagement)) AS rate,
         round((30 + 40 * r1)::numeric, 1) AS p1
    FROM accounts
), shared AS (
  SELECT *, round(followers * rate * 0.9)::int AS likes, round(followers * rate * 0.1)::int AS comments,
         round(((100 - p1) * (0.3 + 0.4 * r2))::numeric, 1) AS p2
    FROM rated
), audience AS (
  SELECT *, jsonb_build_object(country, p1) || jsonb_build_object(c2, p2)
            || CASE WHEN r4 < 0.6 THEN jsonb_build_object(c3, round(((100 - p1 - p2) * 0.5 * r3)::numeric, 1)) ELSE '{}'::jsonb END AS aud
    FROM shared
)
INSERT INTO social_accounts (id, creator_id, platform, handle, followers, avg_likes, avg_comments, engagement_rate, audience_countries, audience_country_codes)
SELECT gen_random_uuid(), creator_id, platform, 'bench_' || g || '_' || lower(platform), followers, likes, comments,
       (likes + comments)::float8 / followers, aud, ARRAY(SELECT jsonb_object_keys(aud))
  FROM audience`;

export async function seedCreators(client: pg.Client, total: number): Promise<void> {
  const countryBounds = cumulative(zipf(COUNTRIES.length, 1.2));
  const nicheBounds = cumulative(zipf(NICHES.length, 1.07));
  const platforms = PLATFORMS.filter((p) => p in PLATFORM_SHARES);
  const platformBounds = cumulative(platforms.map((p) => PLATFORM_SHARES[p]!));
  const bar = new ProgressBar('seeding creators', total);
  for (let from = 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1);
    await client.query(CHUNK_SQL, [from, to, COUNTRIES, countryBounds, NICHES, nicheBounds, platforms, platformBounds]);
    bar.update(to);
  }
  bar.finish();
}

/** A reproducible pseudo-random sequence, so every seeded database gets the same campaigns. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const BANDS: [number, number][] = [
  [10_000, 100_000],
  [10_000, 100_000],
  [10_000, 100_000],
  [5_000, 50_000],
  [1_000, 20_000],
  [20_000, 250_000],
  [50_000, 500_000],
  [100_000, 2_000_000],
  [2_000, 100_000],
];

/** Brands, each with a BRAND_ADMIN who can log in, 200 varied ACTIVE campaigns, some enrollments and bans. */
export async function seedBrands(client: pg.Client): Promise<void> {
  const rand = random(2024);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const some = <T>(items: readonly T[], max: number, skew = 1.5) => {
    const count = 1 + Math.floor(rand() * max);
    const chosen = new Set<T>();
    while (chosen.size < count) chosen.add(items[Math.floor(items.length * rand() ** skew)]!);
    return [...chosen];
  };
  const passwordHash = await new PasswordHasher().hash(BENCH_PASSWORD);
  const bar = new ProgressBar('seeding campaigns', BENCH_CAMPAIGNS);
  const brands: { organizationId: string; adminId: string }[] = [];
  for (let b = 1; b <= BENCH_BRANDS; b += 1) {
    const organizationId = newId();
    const adminId = newId();
    await client.query(`INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)`, [
      adminId,
      `bench-brand-${b}@bench.test`,
      `Bench Brand ${b} Admin`,
      passwordHash,
    ]);
    await client.query(`INSERT INTO organizations (id, name) VALUES ($1, $2)`, [organizationId, `Bench Brand ${b}`]);
    await client.query(`INSERT INTO memberships (id, organization_id, user_id, role) VALUES ($1, $2, $3, $4)`, [newId(), organizationId, adminId, Role.BRAND_ADMIN]);
    brands.push({ organizationId, adminId });
    // Each brand has banned a few creators.
    await client.query(
      `INSERT INTO creator_bans (id, organization_id, creator_id, reason, banned_by_user_id)
       SELECT gen_random_uuid(), $1, id, 'bench', $2 FROM (SELECT id FROM creator_profiles WHERE id > gen_random_uuid() ORDER BY id LIMIT 50) p`,
      [organizationId, adminId],
    );
  }
  for (let i = 1; i <= BENCH_CAMPAIGNS; i += 1) {
    const brand = brands[(i - 1) % brands.length]!;
    const [minFollowers, maxFollowers] = pick(BANDS);
    const campaignId = newId();
    const weights = rand() < 0.25 ? { NICHE: 0.2 + rand() * 0.4, ENGAGEMENT: 0.1 + rand() * 0.4, AUDIENCE: rand() * 0.3 } : null;
    await client.query(
      `INSERT INTO campaigns (id, organization_id, status, title, niches, platforms, target_countries, min_followers, max_followers,
                              min_engagement_rate, currency, visibility, match_weights, created_by_user_id, published_at)
       VALUES ($1, $2, 'ACTIVE', $3, $4, $5, $6, $7, $8, $9, 'USD', 'OPEN', $10, $11, now())`,
      [
        campaignId,
        brand.organizationId,
        `Bench campaign ${i}`,
        rand() < 0.05 ? [] : some(NICHES, 3),
        rand() < 0.05 ? [] : some(['INSTAGRAM', 'TIKTOK', 'YOUTUBE', 'PINTEREST', 'X'], 3, 1.3),
        rand() < 0.15 ? [] : some(COUNTRIES, 3, 2),
        minFollowers,
        maxFollowers,
        pick([0, 0, 0.005, 0.01, 0.02, 0.03]),
        weights ? JSON.stringify(weights) : null,
        brand.adminId,
      ],
    );
    // Creators already in the campaign, in every status: matching must leave them out.
    await client.query(
      `INSERT INTO enrollments (id, campaign_id, organization_id, creator_id, status, origin)
       SELECT gen_random_uuid(), $1, $2, id, (ARRAY['APPLIED','INVITED','APPROVED','REJECTED','LEFT'])[1 + floor(random() * 5)::int], 'APPLICATION'
         FROM (SELECT id FROM creator_profiles WHERE id > gen_random_uuid() ORDER BY id LIMIT 100) p`,
      [campaignId, brand.organizationId],
    );
    bar.update(i);
  }
  bar.finish();
  note('analyzing tables');
  await client.query('ANALYZE');
}
