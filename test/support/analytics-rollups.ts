import type { Participation } from '@app/testing';
import type { DataSource } from 'typeorm';

/** One row of `analytics_click_days`, as the rollup worker would write it (with its campaign's totals). */
export interface ClickDay {
  of: Participation;
  linkId: string;
  day: string;
  clicks: number;
  unique: number;
  bots: number;
}

/** One row of `analytics_sale_days`, as the rollup worker would write it (with its campaign's totals). */
export interface SaleDay {
  of: Participation;
  day: string;
  currency: string;
  linkId?: string;
  codeId?: string;
  orders: number;
  gross: number;
  net: number;
  refundedOrders?: number;
  refunded?: number;
  pending?: number;
  approved?: number;
  paid?: number;
  fee?: number;
}

export async function insertClickDays(db: DataSource, rows: ClickDay[]): Promise<void> {
  for (const row of rows) {
    await db.query(
      `INSERT INTO analytics_click_days (link_id, day, organization_id, campaign_id, enrollment_id, creator_id, clicks, unique_clicks, bot_clicks)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [row.linkId, row.day, row.of.campaign.organizationId, row.of.campaign.campaignId, row.of.enrollmentId, row.of.creatorId, row.clicks, row.unique, row.bots],
    );
    // And into the campaign's totals for the day, as the drain adds it there.
    await db.query(
      `INSERT INTO analytics_campaign_click_days AS t (campaign_id, day, organization_id, clicks, unique_clicks, bot_clicks) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (campaign_id, day) DO UPDATE SET clicks = t.clicks + excluded.clicks, unique_clicks = t.unique_clicks + excluded.unique_clicks, bot_clicks = t.bot_clicks + excluded.bot_clicks`,
      [row.of.campaign.campaignId, row.day, row.of.campaign.organizationId, row.clicks, row.unique, row.bots],
    );
  }
}

export async function insertSaleDays(db: DataSource, rows: SaleDay[]): Promise<void> {
  for (const row of rows) {
    const sourceKey = row.linkId ? `link:${row.linkId}` : row.codeId ? `code:${row.codeId}` : 'other';
    const counters = [row.orders, row.gross, row.net, row.refundedOrders ?? 0, row.refunded ?? 0, row.pending ?? 0, row.approved ?? 0, row.paid ?? 0, row.fee ?? 0];
    await db.query(
      `INSERT INTO analytics_sale_days (enrollment_id, day, currency, source_key, organization_id, campaign_id, creator_id, link_id, code_id, orders, gross_minor,
         net_minor, refunded_orders, refunded_minor, commission_pending_minor, commission_approved_minor, commission_paid_minor, fee_minor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        row.of.enrollmentId, row.day, row.currency, sourceKey, row.of.campaign.organizationId, row.of.campaign.campaignId, row.of.creatorId, row.linkId ?? null,
        row.codeId ?? null, ...counters,
      ],
    );
    const columns = ['orders', 'gross_minor', 'net_minor', 'refunded_orders', 'refunded_minor', 'commission_pending_minor', 'commission_approved_minor', 'commission_paid_minor', 'fee_minor'];
    await db.query(
      `INSERT INTO analytics_campaign_sale_days AS t (campaign_id, day, currency, organization_id, ${columns.join(', ')})
       VALUES ($1, $2, $3, $4, ${columns.map((_, i) => `$${i + 5}`).join(', ')})
       ON CONFLICT (campaign_id, day, currency) DO UPDATE SET ${columns.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`,
      [row.of.campaign.campaignId, row.day, row.currency, row.of.campaign.organizationId, ...counters],
    );
  }
}

/** Half-even division of non-negative integers, written again here so the test does not trust the code under test. */
function halfEven(numerator: number, denominator: number): number {
  const quotient = Math.floor(numerator / denominator);
  const twice = (numerator - quotient * denominator) * 2;
  if (twice < denominator) return quotient;
  if (twice > denominator) return quotient + 1;
  return quotient % 2 === 0 ? quotient : quotient + 1;
}

function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1e6) / 1e6;
}

const money = (amount: number | null) => (amount === null ? null : { amountMinor: String(amount) });

/** The figures `StatsFigures` should show for these rows, computed from the raw numbers. */
export function expectedFigures(clickRows: ClickDay[], saleRows: SaleDay[]) {
  const clicks = clickRows.reduce((sum, row) => sum + row.clicks, 0);
  const uniqueClicks = clickRows.reduce((sum, row) => sum + row.unique, 0);
  const botClicks = clickRows.reduce((sum, row) => sum + row.bots, 0);
  const currencies = [...new Set(saleRows.map((row) => row.currency))].sort();
  const byCurrency = currencies.map((currency) => {
    const rows = saleRows.filter((row) => row.currency === currency);
    const sum = (pick: (row: SaleDay) => number | undefined) => rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
    const orders = sum((row) => row.orders);
    const gross = sum((row) => row.gross);
    const net = sum((row) => row.net);
    const commissions = sum((row) => row.pending) + sum((row) => row.approved) + sum((row) => row.paid);
    const fees = sum((row) => row.fee);
    return {
      currency,
      orders,
      grossRevenue: money(gross),
      netRevenue: money(net),
      averageOrderValue: money(orders === 0 ? null : halfEven(gross, orders)),
      refunds: sum((row) => row.refundedOrders),
      refundRate: rate(sum((row) => row.refundedOrders), orders),
      refundedAmount: money(sum((row) => row.refunded)),
      commissionsPending: money(sum((row) => row.pending)),
      commissionsApproved: money(sum((row) => row.approved)),
      commissionsPaid: money(sum((row) => row.paid)),
      commissions: money(commissions),
      fees: money(fees),
      earningsPerClick: money(uniqueClicks === 0 ? null : halfEven(commissions, uniqueClicks)),
      costOfSale: money(commissions + fees),
      returnOnSpend: rate(net, commissions + fees),
    };
  });
  const orders = saleRows.reduce((sum, row) => sum + row.orders, 0);
  return { clicks, uniqueClicks, botClicks, orders, conversionRate: rate(orders, uniqueClicks), byCurrency };
}

const M = '{ amountMinor }';
export const FIGURES = `clicks uniqueClicks botClicks orders conversionRate byCurrency { currency orders grossRevenue ${M} netRevenue ${M} averageOrderValue ${M}
  refunds refundRate refundedAmount ${M} commissionsPending ${M} commissionsApproved ${M} commissionsPaid ${M} commissions ${M} fees ${M}
  earningsPerClick ${M} costOfSale ${M} returnOnSpend }`;

/** The days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

export const within = (from: string, to: string) => (row: { day: string }) => row.day >= from && row.day <= to;

/** What a series bucket is asked for: the figures without the per-currency detail a year of days could not afford. */
export const SERIES_FIGURES = `clicks uniqueClicks botClicks orders conversionRate byCurrency { currency orders netRevenue ${M} commissions ${M} earningsPerClick ${M} }`;

/** {@link expectedFigures} cut to {@link SERIES_FIGURES}. */
export function expectedSeriesFigures(clickRows: ClickDay[], saleRows: SaleDay[]) {
  const all = expectedFigures(clickRows, saleRows);
  return {
    ...all,
    byCurrency: all.byCurrency.map(({ currency, orders, netRevenue, commissions, earningsPerClick }) => ({ currency, orders, netRevenue, commissions, earningsPerClick })),
  };
}
