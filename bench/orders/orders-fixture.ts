import { applyBasisPoints, migrateDatabase } from '@app/core';
import { centsText, Factories, genericOrderPayload, type MadeCampaign, type Participation, SalesFactories, uuidV7At } from '@app/testing';
import pg from 'pg';
import { type DataSource } from 'typeorm';
import { ProgressBar } from '../bench-report.js';

/** A generator of numbers in [0, 1), as `Math.random`. */
export type Random = () => number;

/** Rates in basis points, campaign i takes RATES[i % RATES.length]: several make half-cent quotients. */
const RATES = [1_500, 1_250, 733, 1_000, 875, 1_337, 500, 2_000, 1_125, 1_999, 625, 1_010, 1_750, 555, 1_205, 950, 1_666, 805, 1_275, 1_050];

/** mulberry32: a small seeded generator, so every run draws the same orders. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export async function recreateDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  await migrateDatabase(url);
}

export interface Enrollment extends Participation {
  rateBps: number;
  code: string;
  linkId: string;
}

export interface Seeded {
  integrationId: string;
  signingSecret: string;
  enrollments: Enrollment[];
}

/** Runs `work` over `items`, `width` at a time. */
export async function inParallel<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        await work(items[index]!, index);
      }
    }),
  );
}

export async function seed(db: DataSource, secretsKey: string, size: { campaigns: number; creators: number }): Promise<Seeded> {
  const make = new Factories(db);
  const sales = new SalesFactories(db, secretsKey);
  const brand = await make.brand({ name: 'Bench Orders Outdoor' });
  const integration = await sales.integration(brand.organizationId, brand.admin.id);
  const campaigns: { campaign: MadeCampaign; rateBps: number }[] = [];
  for (let i = 0; i < size.campaigns; i += 1) {
    const rateBps = RATES[i % RATES.length]!;
    const campaign = await make.campaign(brand, { title: `Bench campaign ${i + 1}`, commissionRateBps: rateBps, budgetMinor: null });
    campaigns.push({ campaign, rateBps });
  }
  const approvedAt = new Date(Date.now() - 12 * 3_600_000);
  const enrollments: Enrollment[] = new Array<Enrollment>(size.creators);
  const progress = new ProgressBar('seeding creators', size.creators);
  let done = 0;
  await inParallel(
    Array.from({ length: size.creators }, (_, i) => i),
    4,
    async (i) => {
      const { campaign, rateBps } = campaigns[i % campaigns.length]!;
      const creator = await make.creatorProfile({ displayName: `Bench Creator ${i + 1}` });
      const enrollmentId = await make.enrollment(campaign, creator, 'APPROVED', { decidedAt: approvedAt });
      const participation: Participation = { campaign, enrollmentId, creatorId: creator.creatorId, createdByUserId: creator.user.id };
      const code = `BENCH${String(i + 1).padStart(4, '0')}`;
      await sales.discountCode(participation, code);
      const linkId = await sales.referralLink(participation);
      enrollments[i] = { ...participation, rateBps, code, linkId };
      progress.update((done += 1));
    },
  );
  progress.finish();
  return { integrationId: integration.id, signingSecret: integration.signingSecret, enrollments };
}

type Touches = 'CLICK' | 'CODE_AND_CLICK' | 'CODE' | 'NONE';

export interface BuiltOrder {
  index: number;
  externalId: string;
  /** Null for an order with no valid touch. */
  enrollment: Enrollment | null;
  body: Buffer;
  /** What the commission must be, computed here from the generated amounts. */
  expectedCommissionMinor: bigint;
  click: { id: string; at: Date; enrollment: Enrollment } | null;
}

function touchesOf(draw: number): Touches {
  if (draw < 0.4) return 'CLICK';
  if (draw < 0.75) return 'CODE_AND_CLICK';
  if (draw < 0.95) return 'CODE';
  return 'NONE';
}

const SKUS = ['TEE-ORG-M-BLK', 'TOTE-CNV-NAT', 'STK-PACK-5', 'CAP-WOOL-GRY', 'SOCK-MER-L', 'BOTTLE-750-STL'];

/** One order, drawn from `random`: the draws, and their order, make the run's orders. */
export function buildOrder(index: number, seeded: Seeded, now: number, random: Random): BuiltOrder {
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  // Placed in the two minutes before the run, each at its own millisecond, as a shop's orders come.
  const orderedAt = new Date(now - between(0, 120_000));
  const touches = touchesOf(random());
  const enrollment = seeded.enrollments[between(0, seeded.enrollments.length - 1)]!;
  const withCode = touches === 'CODE' || touches === 'CODE_AND_CLICK';
  const click = touches === 'CLICK' || touches === 'CODE_AND_CLICK' ? { at: new Date(orderedAt.getTime() - between(120, 3_600) * 1_000), enrollment } : null;
  const clickId = click ? uuidV7At(click.at.getTime()) : null;
  const cidInUrl = random() < 0.5;
  const lineCount = between(1, 4);
  let gross = 0;
  let discount = 0;
  const lineItems = Array.from({ length: lineCount }, (_, line) => {
    const priceCents = between(499, 14_999);
    const quantity = between(1, 3);
    const lineGross = priceCents * quantity;
    // A code takes 10 % off each line; some orders have an odd cent on a line for good measure.
    const lineDiscount = withCode ? Math.floor(lineGross / 10) + (random() < 0.3 ? 1 : 0) : 0;
    gross += lineGross;
    discount += lineDiscount;
    const sku = SKUS[(index + line) % SKUS.length]!;
    return { sku, productId: String(7_513_594_200_321 + (index + line) % SKUS.length), quantity, price: centsText(priceCents), discount: centsText(lineDiscount) };
  });
  const shipping = random() < 0.5 ? 0 : 599;
  const tax = Math.round(((gross - discount) * 8) / 100);
  const externalId = `ord_bench_${index}`;
  const payload = genericOrderPayload({
    id: `evt_bench_${index}`,
    order: {
      id: externalId,
      createdAt: orderedAt.toISOString(),
      updatedAt: orderedAt.toISOString(),
      currency: 'USD',
      subtotal: centsText(gross),
      discountTotal: centsText(discount),
      shipping: centsText(shipping),
      tax: centsText(tax),
      total: centsText(gross - discount + shipping + tax),
      discountCodes: withCode ? [enrollment.code] : touches === 'NONE' ? ['NOTACREATORCODE'] : [],
      // Half the click orders name their click in `clickId`, the other half only in the landing URL's `cid`.
      clickId: clickId && !cidInUrl ? clickId : undefined,
      landingUrl: `https://${enrollment.campaign.domain}/spring${clickId && cidInUrl ? `?utm_source=creator&cid=${clickId}` : ''}`,
      customer: { id: `cus_bench_${index}`, email: `buyer.${index}@bench.example` },
      lineItems,
    },
  });
  const attributed = touches !== 'NONE';
  return {
    index,
    externalId,
    enrollment: attributed ? enrollment : null,
    body: Buffer.from(JSON.stringify(payload)),
    expectedCommissionMinor: attributed ? applyBasisPoints(BigInt(gross - discount), enrollment.rateBps) : 0n,
    click: click && clickId ? { id: clickId, ...click } : null,
  };
}

/** The orders' clicks, in chunks of one statement each. */
export async function insertClicks(db: DataSource, orders: readonly BuiltOrder[]): Promise<number> {
  const clicks = orders.flatMap((order) => (order.click ? [order.click] : []));
  for (let start = 0; start < clicks.length; start += 5_000) {
    const chunk = clicks.slice(start, start + 5_000);
    await db.query(
      `INSERT INTO click_events (id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id, visitor_hash, country, device_class, referrer_host, is_bot, is_unique)
       SELECT id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id, md5(id::text), 'US', 'MOBILE', 'l.instagram.com', false, true
         FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[])
              AS t(id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id)`,
      [
        chunk.map((c) => c.id),
        chunk.map((c) => c.at),
        chunk.map((c) => c.enrollment.linkId),
        chunk.map((c) => c.enrollment.enrollmentId),
        chunk.map((c) => c.enrollment.campaign.campaignId),
        chunk.map((c) => c.enrollment.campaign.organizationId),
        chunk.map((c) => c.enrollment.creatorId),
      ],
    );
  }
  return clicks.length;
}
