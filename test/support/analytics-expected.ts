import { codeKey } from '@app/tracking';
import type { DataSource } from 'typeorm';

/** The calendar day of `at` in `timeZone`, `YYYY-MM-DD`. */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `amount × bps / 10 000`, rounded half-even on the magnitude, sign kept. */
export function feeOf(amount: bigint, bps: number): bigint {
  const magnitude = (amount < 0n ? -amount : amount) * BigInt(bps);
  let q = magnitude / 10_000n;
  const r = magnitude % 10_000n;
  if (r * 2n > 10_000n || (r * 2n === 10_000n && q % 2n === 1n)) q += 1n;
  return amount < 0n ? -q : q;
}

export interface ExpectedClickDay {
  link_id: string;
  day: string;
  clicks: number;
  unique_clicks: number;
  bot_clicks: number;
}

export interface ExpectedSaleDay {
  enrollment_id: string;
  day: string;
  currency: string;
  source_key: string;
  orders: number;
  gross_minor: string;
  net_minor: string;
  refunded_orders: number;
  refunded_minor: string;
  commission_pending_minor: string;
  commission_approved_minor: string;
  commission_paid_minor: string;
  fee_minor: string;
}

const PENDING = ['PENDING', 'ELIGIBLE', 'ON_HOLD', 'APPROVAL_PENDING_SECOND_REVIEW'];
const APPROVED = ['APPROVED', 'IN_PAYOUT'];

/**
 * The rollups of one organization computed here, in plain code, from the raw rows (clicks,
 * orders, attribution decisions, commissions), independently of the SQL that maintains them.
 */
export async function expectedRollups(db: DataSource, organizationId: string): Promise<{ clickDays: ExpectedClickDay[]; saleDays: ExpectedSaleDay[] }> {
  const [{ time_zone: timeZone }] = await db.query(`SELECT time_zone FROM organizations WHERE id = $1`, [organizationId]);
  const clicks: { id: string; link_id: string; clicked_at: Date; is_bot: boolean; is_unique: boolean }[] = await db.query(
    `SELECT id, link_id, clicked_at, is_bot, is_unique FROM click_events WHERE organization_id = $1`,
    [organizationId],
  );
  const clickDays = new Map<string, ExpectedClickDay>();
  for (const click of clicks) {
    const day = dayIn(timeZone, click.clicked_at);
    const key = `${click.link_id}|${day}`;
    const row = clickDays.get(key) ?? { link_id: click.link_id, day, clicks: 0, unique_clicks: 0, bot_clicks: 0 };
    if (click.is_bot) row.bot_clicks += 1;
    else row.clicks += 1;
    if (click.is_unique) row.unique_clicks += 1;
    clickDays.set(key, row);
  }

  const linkOfClick = new Map(clicks.map((click) => [click.id, click.link_id]));
  const codes: { id: string; code_key: string }[] = await db.query(`SELECT id, code_key FROM discount_codes WHERE organization_id = $1`, [organizationId]);
  const codeIdOf = new Map(codes.map((code) => [code.code_key, code.id]));
  const orders: {
    id: string;
    enrollment_id: string;
    ordered_at: Date;
    currency: string;
    status: string;
    subtotal_minor: string;
    discount_minor: string;
    refunded_net_minor: string;
    candidates: { kind: string; ref: string }[] | null;
    winner_index: number | null;
  }[] = await db.query(
    `SELECT o.id, o.enrollment_id, o.ordered_at, o.currency, o.status, o.subtotal_minor, o.discount_minor, o.refunded_net_minor, a.candidates, a.winner_index
       FROM orders o LEFT JOIN attribution_decisions a ON a.order_id = o.id
      WHERE o.organization_id = $1 AND o.enrollment_id IS NOT NULL`,
    [organizationId],
  );
  const commissions: { order_id: string; enrollment_id: string; currency: string; status: string; amount_minor: string; platform_fee_bps: number }[] = await db.query(
    `SELECT c.order_id, c.enrollment_id, c.currency, c.status, c.amount_minor, t.platform_fee_bps
       FROM commissions c JOIN campaign_terms t ON t.id = c.terms_id WHERE c.organization_id = $1`,
    [organizationId],
  );

  const sums = new Map<string, { key: Omit<ExpectedSaleDay, 'orders' | 'refunded_orders' | `${string}_minor`>; n: Record<string, bigint> }>();
  const add = (enrollmentId: string, day: string, currency: string, source: string, values: Record<string, bigint>) => {
    const key = `${enrollmentId}|${day}|${currency}|${source}`;
    const entry = sums.get(key) ?? { key: { enrollment_id: enrollmentId, day, currency, source_key: source }, n: {} };
    for (const [name, value] of Object.entries(values)) entry.n[name] = (entry.n[name] ?? 0n) + value;
    sums.set(key, entry);
  };
  const sourceOf = new Map<string, { day: string; source: string; enrollmentId: string }>();
  for (const order of orders) {
    const day = dayIn(timeZone, order.ordered_at);
    const winner = order.candidates && order.winner_index !== null ? order.candidates[order.winner_index] : undefined;
    let source = 'other';
    if (winner?.kind === 'CLICK' && linkOfClick.has(winner.ref)) source = `link:${linkOfClick.get(winner.ref)}`;
    if (winner?.kind === 'CODE' && codeIdOf.has(codeKey(winner.ref.trim()))) source = `code:${codeIdOf.get(codeKey(winner.ref.trim()))}`;
    sourceOf.set(order.id, { day, source, enrollmentId: order.enrollment_id });
    const gross = BigInt(order.subtotal_minor) - BigInt(order.discount_minor);
    const remaining = gross - BigInt(order.refunded_net_minor);
    const net = order.status === 'CANCELLED' ? 0n : remaining > 0n ? remaining : 0n;
    const refunded = order.status !== 'OPEN' || BigInt(order.refunded_net_minor) > 0n;
    add(order.enrollment_id, day, order.currency, source, { orders: 1n, gross, net, refunded_orders: refunded ? 1n : 0n, refunded: gross - net });
  }
  for (const commission of commissions) {
    const order = sourceOf.get(commission.order_id);
    if (!order || order.enrollmentId !== commission.enrollment_id) continue;
    const amount = BigInt(commission.amount_minor);
    const counted = !['REJECTED', 'REVERSED'].includes(commission.status);
    add(commission.enrollment_id, order.day, commission.currency, order.source, {
      pending: PENDING.includes(commission.status) ? amount : 0n,
      approved: APPROVED.includes(commission.status) ? amount : 0n,
      paid: commission.status === 'PAID' ? amount : 0n,
      fee: counted ? feeOf(amount, commission.platform_fee_bps) : 0n,
    });
  }
  const saleDays = [...sums.values()].map(({ key, n }) => ({
    ...key,
    orders: Number(n.orders ?? 0n),
    gross_minor: String(n.gross ?? 0n),
    net_minor: String(n.net ?? 0n),
    refunded_orders: Number(n.refunded_orders ?? 0n),
    refunded_minor: String(n.refunded ?? 0n),
    commission_pending_minor: String(n.pending ?? 0n),
    commission_approved_minor: String(n.approved ?? 0n),
    commission_paid_minor: String(n.paid ?? 0n),
    fee_minor: String(n.fee ?? 0n),
  }));
  return { clickDays: [...clickDays.values()], saleDays };
}

/** The organization's rollup rows as stored, in the shape {@link expectedRollups} gives. */
export async function storedRollups(db: DataSource, organizationId: string): Promise<{ clickDays: ExpectedClickDay[]; saleDays: ExpectedSaleDay[] }> {
  const clickDays = await db.query(
    `SELECT link_id, to_char(day, 'YYYY-MM-DD') AS day, clicks, unique_clicks, bot_clicks FROM analytics_click_days WHERE organization_id = $1`,
    [organizationId],
  );
  const saleDays = await db.query(
    `SELECT enrollment_id, to_char(day, 'YYYY-MM-DD') AS day, currency, source_key, orders, gross_minor, net_minor, refunded_orders, refunded_minor,
            commission_pending_minor, commission_approved_minor, commission_paid_minor, fee_minor
       FROM analytics_sale_days WHERE organization_id = $1`,
    [organizationId],
  );
  return { clickDays, saleDays };
}

/** A campaign's day as the campaign-level rollups hold it: clicks, or one currency's sale counters. */
export type CampaignDayRow = Record<string, string | number>;

const SALE_COUNTERS = [
  'orders',
  'gross_minor',
  'net_minor',
  'refunded_orders',
  'refunded_minor',
  'commission_pending_minor',
  'commission_approved_minor',
  'commission_paid_minor',
  'fee_minor',
] as const;

/**
 * The campaign-level rows the finer ones add up to, summed here per campaign and day (and
 * currency): rows that add up to nothing are not kept, as the rollups keep none.
 */
export async function expectedCampaignRollups(
  db: DataSource,
  rows: { clickDays: ExpectedClickDay[]; saleDays: ExpectedSaleDay[] },
): Promise<{ clickDays: CampaignDayRow[]; saleDays: CampaignDayRow[] }> {
  const campaignOf = new Map<string, string>();
  for (const row of await db.query(`SELECT id, campaign_id FROM referral_links UNION ALL SELECT id, campaign_id FROM enrollments`)) campaignOf.set(row.id, row.campaign_id);
  const sum = (list: object[], key: (row: Record<string, string | number>) => string[], counters: readonly string[], asText: (column: string) => boolean) => {
    const totals = new Map<string, { keys: string[]; values: bigint[] }>();
    for (const row of list as Record<string, string | number>[]) {
      const keys = key(row);
      const id = keys.join('|');
      const total = totals.get(id) ?? { keys, values: counters.map(() => 0n) };
      counters.forEach((column, i) => (total.values[i]! += BigInt(row[column]!)));
      totals.set(id, total);
    }
    return [...totals.values()]
      .filter((total) => total.values.some((value) => value !== 0n))
      .map((total) => ({ keys: total.keys, values: total.values.map((value, i) => (asText(counters[i]!) ? value.toString() : Number(value))) }));
  };
  const clickDays = sum(rows.clickDays, (row) => [campaignOf.get(String(row.link_id))!, String(row.day)], ['clicks', 'unique_clicks', 'bot_clicks'], () => false).map(
    ({ keys: [campaign_id, day], values: [clicks, unique_clicks, bot_clicks] }) => ({ campaign_id: campaign_id!, day: day!, clicks: clicks!, unique_clicks: unique_clicks!, bot_clicks: bot_clicks! }),
  );
  const saleDays = sum(rows.saleDays, (row) => [campaignOf.get(String(row.enrollment_id))!, String(row.day), String(row.currency)], SALE_COUNTERS, (column) => column.endsWith('_minor')).map(
    ({ keys: [campaign_id, day, currency], values }) => ({ campaign_id: campaign_id!, day: day!, currency: currency!, ...Object.fromEntries(SALE_COUNTERS.map((column, i) => [column, values[i]!])) }),
  );
  return { clickDays, saleDays };
}

/** The organization's campaign-level rollup rows as stored, in the shape {@link expectedCampaignRollups} gives. */
export async function storedCampaignRollups(db: DataSource, organizationId: string): Promise<{ clickDays: CampaignDayRow[]; saleDays: CampaignDayRow[] }> {
  const clickDays = await db.query(
    `SELECT campaign_id, to_char(day, 'YYYY-MM-DD') AS day, clicks, unique_clicks, bot_clicks FROM analytics_campaign_click_days WHERE organization_id = $1`,
    [organizationId],
  );
  const saleDays = await db.query(
    `SELECT campaign_id, to_char(day, 'YYYY-MM-DD') AS day, currency, ${SALE_COUNTERS.join(', ')} FROM analytics_campaign_sale_days WHERE organization_id = $1`,
    [organizationId],
  );
  return { clickDays, saleDays };
}

/** Sorted the same way, so two lists compare as sets. */
export function sorted<T extends object>(rows: T[]): T[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** Resolves once no mark waits for the rollup worker. */
export async function rolledUp(db: DataSource, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await db.query(`SELECT (SELECT count(*) FROM analytics_dirty_links) + (SELECT count(*) FROM analytics_dirty_enrollments)
                                          + (SELECT count(*) FROM analytics_rebuild_requests) AS n`);
    if (Number(n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} analytics marks still waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
