import { errorCode, errorFields, type MadeCampaign } from '@app/testing';
import { startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';
import { campaignSlug, CLAIM_LINK, countRows, creatorWithToken, type CreatorWithToken } from '../support/tracking-api.js';

/** Each builds, from the brand's verified domain, a deep link that would lead shoppers off the brand's sites. */
const OPEN_REDIRECTS: [string, (domain: string) => string][] = [
  ['protocol-relative', () => '//evil.example/x'],
  ['triple slash', () => '///evil.example'],
  ['backslash after the slash', () => '/\\evil.example'],
  ['two backslashes', () => '\\\\evil.example'],
  ['tab inside the slashes', () => '/\t/evil.example'],
  ['newline inside the slashes', () => '/\n/evil.example'],
  ['zero-width space inside the slashes', () => '/\u200b/evil.example'],
  ['encoded second slash', () => '/%2Fevil.example'],
  ['encoded slashes', () => '/%2F%2Fevil.example'],
  ['double-encoded slashes', () => '/%252F%252Fevil.example'],
  ['encoded backslash', () => '/%5Cevil.example'],
  ['encoded NUL', () => '/%00//evil.example'],
  ['malformed escape', () => '/%E0%A4%A'],
  ['user info ahead of another host', (domain) => `https://${domain}@evil.example/`],
  ['encoded at in the user info', (domain) => `https://${domain}%40evil.example/`],
  ['backslash before an at', (domain) => `https://evil.example\\@${domain}/`],
  ['look-alike suffix', (domain) => `https://${domain}.evil.example/`],
  ['look-alike prefix without a dot', (domain) => `https://evil${domain}/`],
  ['Greek omicron for o', (domain) => `https://${domain.replace('o', '\u03bf')}/`],
  ['another host', () => 'https://evil.example/'],
  ['fullwidth letters', () => 'https://\uff45\uff56\uff49\uff4c.example/'],
  ['plain http', (domain) => `http://${domain}/`],
  ['scheme without slashes', () => 'https:evil.example'],
  ['explicit port', (domain) => `https://${domain}:8443/`],
  ['IP address', () => 'https://127.0.0.1/'],
  ['javascript', () => 'javascript:alert(document.domain)'],
  ['data URL', () => 'data:text/html,<script>alert(1)</script>'],
  ['bare host', () => 'evil.example'],
  ['leading space', () => ' /products/x'],
];

describe('referral link destinations', () => {
  let t: ApiTestApp;
  let campaign: MadeCampaign;
  let slug: string;
  let maya: CreatorWithToken;
  let enrollmentId: string;

  const claim = (destinationPath: string) => t.gql.as(maya.token).send(CLAIM_LINK, { input: { enrollmentId, destinationPath } });
  const utm = () => `utm_source=maya.on.trails&utm_medium=influencer&utm_campaign=${slug}`;

  beforeAll(async () => {
    // One creator claims a link per case here, far more than the hourly claim limit.
    t = await startApiTestApp({ env: { CLAIM_MAX_PER_USER: '1000' } });
    const brand = await t.make.brand({ name: 'Northwind' });
    campaign = await t.make.campaign(brand, { maxLinksPerCreator: 50 });
    slug = await campaignSlug(t, campaign.campaignId);
    maya = await creatorWithToken(t, { accounts: [{ handle: 'maya.on.trails', followers: 30_000 }] });
    enrollmentId = await t.make.enrollment(campaign, maya);
  });
  afterAll(() => t.close());

  it('keeps a deep link\'s own parameters and fragment, with the UTM parameters before the fragment', async () => {
    const link = (await claim('/products/x?color=red#reviews')).data!.claimReferralLink;
    expect(link.destinationPath).toBe('/products/x?color=red#reviews');
    expect(link.destinationUrl).toBe(`https://${campaign.domain}/products/x?color=red&${utm()}#reviews`);
  });

  it("keeps the brand's own utm_source rather than overwriting it", async () => {
    const link = (await claim('/products/x?utm_source=newsletter&size=m')).data!.claimReferralLink;
    expect(link.destinationUrl).toBe(`https://${campaign.domain}/products/x?utm_source=newsletter&size=m&utm_medium=influencer&utm_campaign=${slug}`);
    expect(link.destinationUrl).not.toContain('maya.on.trails');
  });

  it('drops a cid on the deep link, which would hide the click id the redirector adds', async () => {
    const link = (await claim('/products/x?cid=123&size=m')).data!.claimReferralLink;
    expect(link.destinationUrl).toBe(`https://${campaign.domain}/products/x?size=m&${utm()}`);
    expect(new URL(link.destinationUrl).searchParams.has('cid')).toBe(false);
  });

  it("accepts an https URL on a subdomain of the brand's verified domain", async () => {
    const link = (await claim(`https://blog.${campaign.domain}/trail-guide`)).data!.claimReferralLink;
    expect(link.destinationUrl).toBe(`https://blog.${campaign.domain}/trail-guide?${utm()}`);
  });

  describe('refuses every way off the brand\'s domains and writes nothing', () => {
    it('has enough cases to mean something', () => {
      expect(OPEN_REDIRECTS.length).toBeGreaterThanOrEqual(15);
    });

    it.each(OPEN_REDIRECTS)('%s', async (_what, build) => {
      const before = await countRows(t, 'referral_links', 'enrollment_id = $1', [enrollmentId]);
      const result = await claim(build(campaign.domain));
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(errorFields(result)).toEqual(['input.destinationPath']);
      expect(await countRows(t, 'referral_links', 'enrollment_id = $1', [enrollmentId])).toBe(before);
    });
  });
});
