import { ClickRetentionService, RollupService } from '@app/analytics';
import type { MadeBrand, Participation } from '@app/testing';
import { sorted, storedCampaignRollups, storedRollups } from '../support/analytics-expected.js';
import { type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('raw click retention', () => {
  let stack: SalesStack;
  let brand: MadeBrand;
  let seller: Participation;
  let rollups: RollupService;
  let retention: ClickRetentionService;
  /** 400 days ago at 10:00 UTC: past the default 396 days. */
  const old = new Date(Math.floor((Date.now() - 400 * DAY) / DAY) * DAY + 10 * HOUR);

  const clicksOf = async (linkId: string): Promise<number> => (await stack.db.query(`SELECT count(*)::int AS n FROM click_events WHERE link_id = $1`, [linkId]))[0].n;
  const rollupsOf = async () => {
    const [fine, campaign] = [await storedRollups(stack.db, brand.organizationId), await storedCampaignRollups(stack.db, brand.organizationId)];
    return { clickDays: sorted(fine.clickDays), campaignClickDays: sorted(campaign.clickDays) };
  };

  beforeAll(async () => {
    // No worker: the test drains, so a mark can be left waiting on purpose.
    stack = await startSalesStack({ worker: false });
    rollups = new RollupService(stack.db, stack.config);
    retention = new ClickRetentionService(stack.db, stack.config);
    brand = await stack.make.brand();
    seller = await sellingCreator(stack, {}, brand);
  });
  afterAll(() => stack.close());

  it('deletes old rolled-up clicks in batches, keeps recent ones and old ones still waiting for the rollup, and leaves the totals alone', async () => {
    const rolled = await stack.sales.referralLink(seller);
    const waiting = await stack.sales.referralLink(seller);
    for (let i = 0; i < 5; i += 1) await stack.sales.click({ linkId: rolled, participation: seller, at: new Date(old.getTime() + i * 10 * 60_000), bot: i === 4 });
    await stack.sales.click({ linkId: rolled, participation: seller, at: new Date(Date.now() - 10 * DAY) });
    await rollups.drain();
    const totals = await rollupsOf();
    expect(totals.clickDays.map((d: any) => d.clicks + d.bot_clicks)).toEqual(expect.arrayContaining([5, 1]));

    // An old click whose hour the drain has not reached yet.
    await stack.sales.click({ linkId: waiting, participation: seller, at: old });
    expect(await stack.db.query(`SELECT 1 FROM analytics_dirty_links WHERE link_id = $1`, [waiting])).toHaveLength(1);

    const first = await retention.purge({ batch: 2 });
    expect(first.deleted).toBe(5);
    expect(first.cutoff.getTime()).toBeCloseTo(Date.now() - 396 * DAY, -4);
    expect(await clicksOf(rolled)).toBe(1);
    expect(await clicksOf(waiting)).toBe(1);
    expect(await rollupsOf()).toEqual(totals);

    // Once rolled up, it goes too; the rollups keep its count.
    await rollups.drain();
    const withWaiting = await rollupsOf();
    expect(withWaiting.clickDays).toHaveLength(totals.clickDays.length + 1);
    expect((await retention.purge()).deleted).toBe(1);
    expect(await clicksOf(waiting)).toBe(0);
    expect(await rollupsOf()).toEqual(withWaiting);

    // Neither the nightly correction nor a time zone rebuild recomputes days whose raw clicks are gone.
    await rollups.correctRecent(3);
    await stack.db.query(`UPDATE organizations SET time_zone = 'America/New_York' WHERE id = $1`, [brand.organizationId]);
    await rollups.drain();
    const rebuilt = await rollupsOf();
    const oldDays = (rows: any[]) => rows.filter((row) => row.day < new Date(Date.now() - 300 * DAY).toISOString().slice(0, 10));
    expect(oldDays(rebuilt.clickDays)).toEqual(oldDays(withWaiting.clickDays));
    expect(oldDays(rebuilt.campaignClickDays)).toEqual(oldDays(withWaiting.campaignClickDays));
    expect(oldDays(rebuilt.clickDays).reduce((sum, row) => sum + row.clicks + row.bot_clicks, 0)).toBe(6);
  });
});
