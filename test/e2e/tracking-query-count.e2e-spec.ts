import { newId } from '@app/core';
import type { MadeBrand, MadeCampaign, MadeCreator } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';
import { countQueries } from '../support/query-counter.js';

const LINK_NODE = 'id status enrollment { id } campaign { id } creator { id } clicks uniqueClicks';
const CODE_NODE = 'id code status discount { type percentBps amount { amountMinor currency } } enrollment { id } campaign { id } creator { id }';
const LINKS = `query Page($first: Int) { referralLinks(first: $first) { edges { node { ${LINK_NODE} } } } }`;
const MY_LINKS = `query Page($first: Int) { myLinks(first: $first) { edges { node { ${LINK_NODE} } } } }`;
const CODES = `query Page($first: Int) { discountCodes(first: $first) { edges { node { ${CODE_NODE} } } } }`;
const MY_CODES = `query Page($first: Int) { myDiscountCodes(first: $first) { edges { node { ${CODE_NODE} } } } }`;

const CAMPAIGNS = 10;
const PER_ENROLLMENT = 5;

interface Node {
  id: string;
  enrollment: { id: string } | null;
  campaign: { id: string } | null;
  creator: { id: string } | null;
  clicks?: number;
}

describe('links and codes: field resolvers are batched', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let brandToken: string;
  let maya: MadeCreator;
  let mayaToken: string;
  const campaigns: MadeCampaign[] = [];
  let codeNumber = 0;

  /** Rows written straight to the tables: what is under test is reading them. */
  const seed = async (campaign: MadeCampaign, creator: MadeCreator, links: number, codes: number) => {
    const enrollmentId = await t.make.enrollment(campaign, creator);
    for (let i = 0; i < links; i += 1) {
      const id = newId();
      await t.db.query(
        `INSERT INTO referral_links (id, organization_id, campaign_id, enrollment_id, creator_id, slug, destination_url, status, created_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE', $8)`,
        [id, campaign.organizationId, campaign.campaignId, enrollmentId, creator.creatorId, `s${id.replace(/-/g, '').slice(-12)}`, `https://${campaign.domain}/spring`, creator.user.id],
      );
      await t.db.query('INSERT INTO referral_link_stats (link_id, clicks, unique_clicks, bot_clicks) VALUES ($1, 3, 2, 1)', [id]);
    }
    // One active code per enrollment; the rest were revoked before it.
    for (let i = 0; i < codes; i += 1) {
      codeNumber += 1;
      const active = i === codes - 1;
      await t.db.query(
        `INSERT INTO discount_codes (id, organization_id, campaign_id, enrollment_id, creator_id, code, code_key, discount_type, percent_bps, currency, status,
           created_by_user_id, revoked_at, revoked_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $6, 'PERCENTAGE', 1000, 'USD', $7, $8, $9, $10)`,
        [newId(), campaign.organizationId, campaign.campaignId, enrollmentId, creator.creatorId, `CODE${codeNumber}`, active ? 'ACTIVE' : 'REVOKED', creator.user.id,
          active ? null : new Date(), active ? null : 'Replaced'],
      );
    }
  };

  /** Every node's related objects resolved, and to the right rows. */
  const expectResolved = (nodes: Node[]) => {
    for (const node of nodes) {
      expect(node.enrollment?.id).toEqual(expect.any(String));
      expect(campaigns.map((c) => c.campaignId)).toContain(node.campaign?.id);
      expect(node.creator?.id).toEqual(expect.any(String));
    }
  };

  beforeAll(async () => {
    t = await startApiTestApp();
    brand = await t.make.brand();
    brandToken = (await logIn(t.gql, brand.admin)).accessToken;
    maya = await t.make.creatorProfile({ displayName: 'Maya' });
    mayaToken = (await logIn(t.gql, maya.user)).accessToken;
  });
  beforeAll(async () => {
    for (let i = 0; i < CAMPAIGNS; i += 1) campaigns.push(await t.make.campaign(brand, { title: `Campaign ${i}` }));
  });
  beforeAll(async () => {
    // Maya: 50 links and 50 codes over ten campaigns. Others: one of each, interleaved in time.
    for (const [i, campaign] of campaigns.entries()) {
      await seed(campaign, maya, PER_ENROLLMENT, PER_ENROLLMENT);
      await seed(campaign, await t.make.creatorProfile({ displayName: `Creator ${i}` }), 1, 1);
    }
  });
  afterAll(() => t.close());

  const compare = async (token: string, query: string, field: string) => {
    // A creator's first request of the day also notes their visitor hash (for the self-referral rule): not part of the page.
    await t.gql.as(token).ok(query, { first: 1 });
    const small = await countQueries(t.db, () => t.gql.as(token).ok(query, { first: 5 }));
    const large = await countQueries(t.db, () => t.gql.as(token).ok(query, { first: 50 }));
    const nodes = (large.result[field].edges as { node: Node }[]).map((edge) => edge.node);
    expect(nodes).toHaveLength(50);
    expect((small.result[field].edges as unknown[]).length).toBe(5);
    expectResolved(nodes);
    // On failure this prints the statements of the large page.
    expect(large.statements).toHaveLength(small.count);
    return { nodes, count: large.count };
  };

  // The statements: the caller's session and roles, a creator's profile (for myLinks and myDiscountCodes), the page,
  // where its enrollments stand, then one each for enrollments, campaigns, creators and (for links) click counts.
  it("answers the brand's page of 50 links with enrollment, campaign, creator and clicks in as many queries as a page of 5", async () => {
    const { nodes, count } = await compare(brandToken, LINKS, 'referralLinks');
    expect(new Set(nodes.map((n) => n.creator!.id)).size).toBeGreaterThan(1);
    expect(nodes.every((n) => n.clicks === 3)).toBe(true);
    expect(count).toBeLessThanOrEqual(7);
  });

  it("answers the creator's page of 50 links in as many queries as a page of 5", async () => {
    const { nodes, count } = await compare(mayaToken, MY_LINKS, 'myLinks');
    expect(nodes.every((n) => n.creator!.id === maya.creatorId)).toBe(true);
    expect(count).toBeLessThanOrEqual(8);
  });

  it("answers the brand's page of 50 codes with enrollment, campaign, creator and discount in as many queries as a page of 5", async () => {
    const { nodes, count } = await compare(brandToken, CODES, 'discountCodes');
    expect(new Set(nodes.map((n) => n.creator!.id)).size).toBeGreaterThan(1);
    expect(count).toBeLessThanOrEqual(6);
  });

  it("answers the creator's page of 50 codes in as many queries as a page of 5", async () => {
    const { nodes, count } = await compare(mayaToken, MY_CODES, 'myDiscountCodes');
    expect(nodes.every((n) => n.creator!.id === maya.creatorId)).toBe(true);
    expect(count).toBeLessThanOrEqual(7);
  });
});
