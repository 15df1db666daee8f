import type { EntityManager } from 'typeorm';

/** A link's or enrollment's rollup row as a recomputation deleted or wrote it (`RETURNING`): keys, then counters. */
export type RollupRow = Record<string, string | number>;

/** The finer rows a recomputation replaced: the campaign totals move by what was written less what was deleted. */
export interface RollupChanges {
  deleted: RollupRow[];
  written: RollupRow[];
}

/** A campaign-level rollup table and the finer table it sums. */
export interface CampaignLevel {
  table: string;
  from: string;
  /** Key columns besides campaign_id and day (sales are per currency). */
  keys: string[];
  counters: string[];
}

export const CAMPAIGN_CLICKS: CampaignLevel = {
  table: 'analytics_campaign_click_days',
  from: 'analytics_click_days',
  keys: [],
  counters: ['clicks', 'unique_clicks', 'bot_clicks'],
};

export const CAMPAIGN_SALES: CampaignLevel = {
  table: 'analytics_campaign_sale_days',
  from: 'analytics_sale_days',
  keys: ['currency'],
  counters: [
    'orders',
    'gross_minor',
    'net_minor',
    'refunded_orders',
    'refunded_minor',
    'commission_pending_minor',
    'commission_approved_minor',
    'commission_paid_minor',
    'fee_minor',
  ],
};

/** What a recomputation's statements return of each row, for {@link applyCampaignChanges}. */
export function returnedColumns(level: CampaignLevel, alias = ''): string {
  const at = alias ? `${alias}.` : '';
  return [`${at}campaign_id`, `${at}organization_id`, `${at}day::text AS day`, ...level.keys.map((k) => `${at}${k}`), ...level.counters.map((c) => `${at}${c}`)].join(', ');
}

/**
 * Moves each campaign day's totals by what its finer rows gained and lost, in the drain's
 * transaction, and removes a campaign day left with nothing. Only one drain runs at a time
 * (its advisory lock) and nothing else writes these rows but the correction under the same
 * lock, so adding the difference keeps them equal to the sum of the finer rows. The work
 * is proportional to the rows changed, not to the campaign's size.
 */
export async function applyCampaignChanges(manager: EntityManager, level: CampaignLevel, changes: RollupChanges): Promise<void> {
  const deltas = new Map<string, { keys: string[]; organizationId: string; counters: bigint[] }>();
  const add = (row: RollupRow, sign: bigint) => {
    const keys = [String(row.campaign_id), String(row.day), ...level.keys.map((k) => String(row[k]))];
    const id = keys.join('|');
    let delta = deltas.get(id);
    if (!delta) {
      delta = { keys, organizationId: String(row.organization_id), counters: level.counters.map(() => 0n) };
      deltas.set(id, delta);
    }
    level.counters.forEach((column, i) => (delta.counters[i]! += sign * BigInt(row[column]!)));
  };
  for (const row of changes.deleted) add(row, -1n);
  for (const row of changes.written) add(row, 1n);
  const moved = [...deltas.values()].filter((d) => d.counters.some((c) => c !== 0n));
  if (moved.length === 0) return;

  const keyColumns = ['campaign_id', 'day', ...level.keys];
  const keyTypes = ['uuid', 'date', ...level.keys.map(() => 'text')];
  const keyArrays = keyColumns.map((_, i) => moved.map((d) => d.keys[i]!));
  const counterArrays = level.counters.map((_, i) => moved.map((d) => d.counters[i]!.toString()));
  const unnest = [...keyTypes.map((type, i) => `$${i + 1}::${type}[]`), `$${keyColumns.length + 1}::uuid[]`, ...level.counters.map((_, i) => `$${keyColumns.length + 2 + i}::bigint[]`)];
  await manager.query(
    `INSERT INTO ${level.table} AS r (${keyColumns.join(', ')}, organization_id, ${level.counters.join(', ')}, refreshed_at)
     SELECT t.*, now() FROM unnest(${unnest.join(', ')}) AS t(${keyColumns.join(', ')}, organization_id, ${level.counters.join(', ')})
      ORDER BY ${keyColumns.map((k) => `t.${k}`).join(', ')}
     ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE
       SET ${level.counters.map((c) => `${c} = r.${c} + excluded.${c}`).join(', ')}, refreshed_at = now()`,
    [...keyArrays, moved.map((d) => d.organizationId), ...counterArrays],
  );
  await manager.query(
    `DELETE FROM ${level.table} r USING unnest(${keyTypes.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) AS t(${keyColumns.join(', ')})
      WHERE ${keyColumns.map((k) => `r.${k} = t.${k}`).join(' AND ')} AND ${level.counters.map((c) => `r.${c} = 0`).join(' AND ')}`,
    keyArrays,
  );
}

/**
 * Recomputes every campaign day from `since` (its first day in each brand's zone) whole
 * from the finer rows, for the nightly correction: a campaign row that drifted, or has no
 * finer rows left, is replaced or removed. Days with nothing have no row, as in the drain.
 */
export async function recomputeCampaignDaysSince(manager: EntityManager, level: CampaignLevel, since: Date): Promise<void> {
  const window = (table: string) =>
    `SELECT r.campaign_id, r.day FROM ${table} r JOIN organizations o ON o.id = r.organization_id
      WHERE r.day >= ($1::timestamptz AT TIME ZONE o.time_zone)::date`;
  const touched = `WITH touched AS (${window(level.from)} UNION ${window(level.table)})`;
  const parameters = [since.toISOString()];
  await manager.query(`${touched} DELETE FROM ${level.table} r USING touched t WHERE r.campaign_id = t.campaign_id AND r.day = t.day`, parameters);
  const keys = ['campaign_id', 'day', ...level.keys, 'organization_id'].map((k) => `r.${k}`).join(', ');
  await manager.query(
    `${touched}
     INSERT INTO ${level.table} (campaign_id, day, ${level.keys.map((k) => `${k}, `).join('')}organization_id, ${level.counters.join(', ')}, refreshed_at)
     SELECT ${keys}, ${level.counters.map((c) => `sum(r.${c})`).join(', ')}, now()
       FROM touched t JOIN ${level.from} r ON r.campaign_id = t.campaign_id AND r.day = t.day
      GROUP BY ${keys}
     HAVING ${level.counters.map((c) => `sum(r.${c}) <> 0`).join(' OR ')}
      ORDER BY ${keys}`,
    parameters,
  );
}
