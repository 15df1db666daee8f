import { errorCode, type MadeBrand, type MadeCampaign } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';
import { campaignSlug, CLAIM_CODE, creatorWithToken, EXPORT_CODES, REVOKE_CODE } from '../support/tracking-api.js';

const HEADER = 'code,discount_type,percent_off,amount_off,currency,status,campaign,campaign_slug,creator,created_at';

/** The export's lines without the trailing line break; each ends a record with CRLF. */
function lines(csv: string): string[] {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.slice(0, -2).split('\r\n');
}

describe('discount code export', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let brandToken: string;
  let rival: MadeBrand;
  let rivalToken: string;
  let formula: MadeCampaign;
  let quoted: MadeCampaign;
  const issued: { id: string; code: string; createdAt: string }[] = [];

  const issue = async (campaign: MadeCampaign, displayName: string, code: string) => {
    const creator = await creatorWithToken(t, { displayName });
    const enrollmentId = await t.make.enrollment(campaign, creator);
    const claimed = (await t.gql.as(creator.token).ok(CLAIM_CODE, { input: { enrollmentId, code } })).claimDiscountCode;
    issued.push(claimed);
    return claimed;
  };
  const exportAs = (token: string, filter?: Record<string, unknown>) => t.gql.as(token).send(EXPORT_CODES, { filter });

  beforeAll(async () => {
    t = await startApiTestApp();
    brand = await t.make.brand({ name: 'Northwind' });
    brandToken = (await logIn(t.gql, brand.admin)).accessToken;
    rival = await t.make.brand({ name: 'Rival' });
    rivalToken = (await logIn(t.gql, rival.admin)).accessToken;
  });
  beforeAll(async () => {
    formula = await t.make.campaign(brand, { title: '=HYPERLINK("https://evil.example")', discount: { percentBps: 1250 } });
    quoted = await t.make.campaign(brand, { title: 'Ridge "30", spring', discount: { amountMinor: 1000n }, currency: 'EUR' });
    await issue(formula, 'Maya Trails', 'MAYA12');
    await issue(formula, '@leo', 'LEO12');
    const revoked = await issue(quoted, 'Ana', 'ANA10');
    await t.gql.as(brandToken).ok(REVOKE_CODE, { id: revoked.id, reason: 'Leaked' });
    const rivalCreator = await creatorWithToken(t);
    const rivalCampaign = await t.make.campaign(rival, { discount: { percentBps: 500 } });
    await t.gql.as(rivalCreator.token).ok(CLAIM_CODE, { input: { enrollmentId: await t.make.enrollment(rivalCampaign, rivalCreator), code: 'RIVAL5' } });
  });
  afterAll(() => t.close());

  it("exports the brand's codes as CSV, one row per code, oldest first", async () => {
    const exported = (await exportAs(brandToken)).data!.discountCodesExport;
    expect(exported.filename).toMatch(/^discount-codes-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.contentType).toBe('text/csv; charset=utf-8');
    expect(exported.rowCount).toBe(3);
    const [header, ...rows] = lines(exported.csv);
    expect(header).toBe(HEADER);
    const [formulaSlug, quotedSlug] = [await campaignSlug(t, formula.campaignId), await campaignSlug(t, quoted.campaignId)];
    const at = (code: string) => new Date(issued.find((row) => row.code === code)!.createdAt).toISOString();
    expect(rows).toEqual([
      `MAYA12,PERCENTAGE,12.50,,USD,ACTIVE,"'=HYPERLINK(""https://evil.example"")",${formulaSlug},Maya Trails,${at('MAYA12')}`,
      `LEO12,PERCENTAGE,12.50,,USD,ACTIVE,"'=HYPERLINK(""https://evil.example"")",${formulaSlug},'@leo,${at('LEO12')}`,
      `ANA10,FIXED_AMOUNT,,10.00,EUR,REVOKED,"Ridge ""30"", spring",${quotedSlug},Ana,${at('ANA10')}`,
    ]);
    expect(exported.csv).not.toContain('RIVAL5');
  });

  it("filters by campaign, and refuses another brand's campaign and creators", async () => {
    const one = (await exportAs(brandToken, { campaignId: quoted.campaignId })).data!.discountCodesExport;
    expect(one.rowCount).toBe(1);
    expect(lines(one.csv)).toHaveLength(2);
    expect(lines(one.csv)[1]).toMatch(/^ANA10,/);

    expect(errorCode(await exportAs(rivalToken, { campaignId: formula.campaignId }))).toBe('NOT_FOUND');
    const rivals = (await exportAs(rivalToken)).data!.discountCodesExport;
    expect(rivals.rowCount).toBe(1);
    expect(lines(rivals.csv).slice(1).map((row) => row.split(',')[0])).toEqual(['RIVAL5']);

    const memberToken = (await logIn(t.gql, await t.make.member(brand))).accessToken;
    expect((await exportAs(memberToken)).data!.discountCodesExport.rowCount).toBe(3);
    const creator = await creatorWithToken(t);
    expect(errorCode(await exportAs(creator.token))).toBe('FORBIDDEN');
  });
});
