import { RollupService } from '@app/analytics';
import { Role } from '@app/core';
import type { MadeBrand } from '@app/testing';
import { dayIn, expectedCampaignRollups, expectedRollups, rolledUp, sorted, storedCampaignRollups, storedRollups } from '../support/analytics-expected.js';
import { APPROVE } from '../support/commission-review.js';
import { tokenOf } from '../support/sales-api.js';
import { deliver, DAY, HOUR, orderBody, placeOrder, refundBody } from '../support/sales-orders.js';
import { type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

const NEW_YORK = 'America/New_York';

describe('analytics rollups', () => {
  let stack: SalesStack;
  let brand: MadeBrand;
  let rollups: RollupService;
  /** A UTC midnight six days ago: New York's day changes at 05:00 UTC (04:00 in summer time). */
  const midnight = new Date(Math.floor((Date.now() - 6 * DAY) / DAY) * DAY);
  const at = (hours: number) => new Date(midnight.getTime() + hours * HOUR);

  // The worker's scheduled drain does the work; nothing here calls it.
  const compare = async () => {
    await rolledUp(stack.db);
    const [expected, stored] = [await expectedRollups(stack.db, brand.organizationId), await storedRollups(stack.db, brand.organizationId)];
    expect(sorted(stored.clickDays)).toEqual(sorted(expected.clickDays));
    expect(sorted(stored.saleDays)).toEqual(sorted(expected.saleDays));
    // The campaign totals, summed here from the expected finer rows.
    const [expectedCampaigns, storedCampaigns] = [await expectedCampaignRollups(stack.db, expected), await storedCampaignRollups(stack.db, brand.organizationId)];
    expect(sorted(storedCampaigns.clickDays)).toEqual(sorted(expectedCampaigns.clickDays));
    expect(sorted(storedCampaigns.saleDays)).toEqual(sorted(expectedCampaigns.saleDays));
    return stored;
  };

  beforeAll(async () => {
    stack = await startSalesStack();
    rollups = stack.worker!.get(RollupService);
    brand = await stack.make.brand();
    await stack.db.query(`UPDATE organizations SET time_zone = $2 WHERE id = $1`, [brand.organizationId, NEW_YORK]);

    // Two creators in a USD campaign (a link and a code each) and one in a EUR campaign (a link).
    const usd = await sellingCreator(stack, { terms: { holdDays: 0, disclosureRequired: false, platformFeeBps: 1_250 } }, brand);
    const other = await stack.make.creatorProfile();
    const otherEnrollment = await stack.make.enrollment(usd.campaign, other, 'APPROVED', { decidedAt: new Date(Date.now() - 35 * DAY) });
    const usdOther = { ...usd, creatorId: other.creatorId, enrollmentId: otherEnrollment };
    const eur = await sellingCreator(stack, { currency: 'EUR', terms: { holdDays: 0, disclosureRequired: false } }, brand);
    const shop = await stack.sales.integration(brand.organizationId, brand.admin.id);
    const usdLink = await stack.sales.referralLink(usd);
    await stack.sales.discountCode(usd, 'ROLLUP-USD');
    const otherLink = await stack.sales.referralLink(usdOther);
    await stack.sales.discountCode(usdOther, 'ROLLUP-OTHER');
    const eurLink = await stack.sales.referralLink(eur);

    // Clicks either side of New York's midnight, bots among them.
    const lateClick = await stack.sales.click({ linkId: usdLink, participation: usd, at: at(4.5) });
    await stack.sales.click({ linkId: usdLink, participation: usd, at: at(4.6), bot: true });
    const earlyClick = await stack.sales.click({ linkId: usdLink, participation: usd, at: at(5.5) });
    await stack.sales.click({ linkId: usdLink, participation: usd, at: at(5.6) });
    await stack.sales.click({ linkId: otherLink, participation: usdOther, at: at(12) });
    await stack.sales.click({ linkId: otherLink, participation: usdOther, at: at(12.1), bot: true });
    const eurClick = await stack.sales.click({ linkId: eurLink, participation: eur, at: at(20) });

    // Orders: by click on each side of midnight, by code, in EUR, one refunded in part, one cancelled.
    await placeOrder(stack, shop, { at: at(4.8), clickId: lateClick, lines: [{ sku: 'A', priceMinor: 12_000, discountMinor: 2_000 }] });
    const refunded = await placeOrder(stack, shop, { at: at(5.8), clickId: earlyClick, lines: [{ sku: 'B', priceMinor: 8_000 }] });
    await deliver(stack, shop, refundBody(refunded.external_id, 3_000));
    await placeOrder(stack, shop, { at: at(13), codes: ['rollup-other'], lines: [{ sku: 'C', priceMinor: 5_000 }] });
    const cancelled = await placeOrder(stack, shop, { at: at(14), codes: ['ROLLUP-USD'], lines: [{ sku: 'D', priceMinor: 4_000 }] });
    await deliver(stack, shop, orderBody({ id: cancelled.external_id, type: 'order.cancelled', at: at(14), updatedAt: at(15), codes: ['ROLLUP-USD'], lines: [{ sku: 'D', priceMinor: 4_000 }] }));
    await placeOrder(stack, shop, { at: at(21), clickId: eurClick, currency: 'EUR', lines: [{ sku: 'E', priceMinor: 9_900 }] });
    await stack.settled();
  }, 120_000);
  afterAll(() => stack.close());

  it('keeps the rollups equal to the raw rows: bots apart, refunds, currencies, and days in the brand time zone', async () => {
    const stored = await compare();
    // The rows the metrics are read from are all there (the comparison alone would pass on two empty lists).
    expect(stored.clickDays.reduce((sum, row) => sum + row.clicks, 0)).toBe(5);
    expect(stored.clickDays.reduce((sum, row) => sum + row.bot_clicks, 0)).toBe(2);
    expect(new Set(stored.saleDays.map((row) => row.currency))).toEqual(new Set(['USD', 'EUR']));
    expect(stored.saleDays.reduce((sum, row) => sum + row.orders, 0)).toBe(5);
    expect(stored.saleDays.reduce((sum, row) => sum + row.refunded_orders, 0)).toBe(2);
    expect(new Set(stored.saleDays.map((row) => row.source_key.split(':')[0]))).toEqual(new Set(['link', 'code']));
    // 04:30 UTC is still the evening before in New York; 05:30 UTC is the next day there.
    const days = new Set(stored.clickDays.map((row) => row.day));
    expect(days).toEqual(new Set([dayIn(NEW_YORK, at(4.5)), dayIn(NEW_YORK, at(5.5)), dayIn(NEW_YORK, at(12)), dayIn(NEW_YORK, at(20))]));
    expect(dayIn(NEW_YORK, at(4.5))).not.toBe(dayIn(NEW_YORK, at(5.5)));
  });

  it('follows commissions through approval', async () => {
    const finance = await stack.make.user({ roles: [Role.FINANCE] });
    const ids = (await stack.db.query(`SELECT id FROM commissions WHERE organization_id = $1 AND status = 'ELIGIBLE'`, [brand.organizationId])).map((row: { id: string }) => row.id);
    expect(ids.length).toBeGreaterThan(0);
    await stack.gql.as(await tokenOf(stack, finance)).ok(APPROVE, { ids });
    const stored = await compare();
    expect(stored.saleDays.some((row) => BigInt(row.commission_approved_minor) > 0n && BigInt(row.fee_minor) > 0n)).toBe(true);
  });

  it('restores rollups deliberately corrupted, in the nightly correction', async () => {
    await rolledUp(stack.db);
    const before = await storedRollups(stack.db, brand.organizationId);
    const [clickRow] = before.clickDays;
    const [saleRow] = before.saleDays;
    await stack.db.query(`UPDATE analytics_click_days SET clicks = clicks + 100, bot_clicks = 0 WHERE link_id = $1 AND day = $2`, [clickRow!.link_id, clickRow!.day]);
    await stack.db.query(`DELETE FROM analytics_sale_days WHERE enrollment_id = $1 AND day = $2`, [saleRow!.enrollment_id, saleRow!.day]);
    await stack.db.query(
      `INSERT INTO analytics_click_days (link_id, day, organization_id, campaign_id, enrollment_id, creator_id, clicks, unique_clicks, bot_clicks)
       SELECT link_id, day - 1, organization_id, campaign_id, enrollment_id, creator_id, 7, 7, 0 FROM analytics_click_days WHERE link_id = $1 AND day = $2`,
      [clickRow!.link_id, clickRow!.day],
    );
    expect(sorted((await storedRollups(stack.db, brand.organizationId)).clickDays)).not.toEqual(sorted(before.clickDays));
    // Campaign totals too: one inflated, one invented on a day with no finer rows at all.
    const campaignsBefore = await storedCampaignRollups(stack.db, brand.organizationId);
    const [campaignRow] = campaignsBefore.saleDays;
    await stack.db.query(`UPDATE analytics_campaign_sale_days SET orders = orders + 3, net_minor = net_minor + 999 WHERE campaign_id = $1 AND day = $2`, [campaignRow!.campaign_id, campaignRow!.day]);
    await stack.db.query(
      `INSERT INTO analytics_campaign_click_days (campaign_id, day, organization_id, clicks, unique_clicks, bot_clicks)
       SELECT campaign_id, day - 2, organization_id, 40, 30, 1 FROM analytics_campaign_click_days WHERE campaign_id = $1 ORDER BY day LIMIT 1`,
      [campaignRow!.campaign_id],
    );
    expect(sorted((await storedCampaignRollups(stack.db, brand.organizationId)).clickDays)).not.toEqual(sorted(campaignsBefore.clickDays));

    const result = await rollups.correctRecent(8);
    expect(result.clickDays + result.saleDays).toBeGreaterThan(0);
    expect(await compare()).toEqual({ clickDays: expect.any(Array), saleDays: expect.any(Array) });
    expect(sorted((await storedRollups(stack.db, brand.organizationId)).clickDays)).toEqual(sorted(before.clickDays));
    const campaignsAfter = await storedCampaignRollups(stack.db, brand.organizationId);
    expect(sorted(campaignsAfter.clickDays)).toEqual(sorted(campaignsBefore.clickDays));
    expect(sorted(campaignsAfter.saleDays)).toEqual(sorted(campaignsBefore.saleDays));
  });

  it('rebuilds a brand rollups on its new days when its time zone changes', async () => {
    await stack.db.query(`UPDATE organizations SET time_zone = 'Asia/Kolkata' WHERE id = $1`, [brand.organizationId]);
    const stored = await compare();
    expect(stored.clickDays.map((row) => row.day)).toContain(dayIn('Asia/Kolkata', at(20)));
  });

  it('counts clicks stored while a drain runs: an hour already marked is marked again, never skipped', async () => {
    const seller = await sellingCreator(stack, {}, brand);
    const link = await stack.sales.referralLink(seller);
    const hour = new Date(Math.floor((Date.now() - 2 * HOUR) / HOUR) * HOUR);
    await stack.sales.click({ linkId: link, participation: seller, at: new Date(hour.getTime() + 60_000) });
    // Another click of the same hour, in a transaction held open while drains run.
    const runner = stack.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(
        `INSERT INTO click_events (id, clicked_at, link_id, enrollment_id, campaign_id, organization_id, creator_id, visitor_hash, country, device_class, referrer_host, is_bot, is_unique)
         SELECT gen_random_uuid(), $2, id, enrollment_id, campaign_id, organization_id, creator_id, 'late-visitor', 'US', 'MOBILE', NULL, false, true FROM referral_links WHERE id = $1`,
        [link, new Date(hour.getTime() + 120_000)],
      );
      await rollups.drain();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    await compare();
    const [row] = await stack.db.query(`SELECT clicks FROM analytics_click_days WHERE link_id = $1`, [link]);
    expect(row.clicks).toBe(2);
  });
});
