import { Role } from '@app/core';
import { Platform } from '@app/creators';
import { errorCode, errorFields, type MadeBrand, type MadeCreator } from '@app/testing';
import { APPROVE, REVIEWED, sell, seller, type Seller } from '../support/commission-review.js';
import { countQueries } from '../support/query-counter.js';
import { creatorToken, tokenOf } from '../support/sales-api.js';
import { type SalesStack, startSalesStack } from '../support/sales-stack.js';
import { COMPLIANCE, compliantPost, DRY_RUN, EVIDENCE, instagramUrl, OVERRIDE, POST, POSTS, REVISE, SUBMIT } from '../support/sponsored-posts.js';

const blockedOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (response.errors?.[0]?.extensions?.blocked as { reason: string }[] | undefined)?.map((blocker) => blocker.reason);

describe('sponsored posts and the disclosure gate', () => {
  let stack: SalesStack;
  let brandA: MadeBrand;
  let brandB: MadeBrand;
  let tokens: { finance: string; brandA: string; brandB: string; creator: string; otherCreator: string };
  let financeId: string;
  let brandAdminId: string;
  let maya: MadeCreator;

  const postCount = async () => (await stack.db.query(`SELECT count(*)::int AS n FROM sponsored_posts`))[0].n as number;
  const auditOf = (postId: string) =>
    stack.db.query(`SELECT action, actor_type, actor_id, before, after, reason, organization_id FROM audit_log WHERE entity_type = 'sponsored_post' AND entity_id = $1 ORDER BY created_at, id`, [
      postId,
    ]);
  /** A creator APPROVED in a campaign of `brand` that requires disclosure, selling with a code. */
  const gatedSeller = (brand: MadeBrand, creator: MadeCreator): Promise<Seller> => seller(stack, brand, { disclosureRequired: true, creator });

  beforeAll(async () => {
    stack = await startSalesStack();
    brandA = await stack.make.brand({ name: 'Glow Labs' });
    brandB = await stack.make.brand({ name: 'Other Brand' });
    const finance = await stack.make.user({ roles: [Role.FINANCE] });
    financeId = finance.id;
    brandAdminId = brandA.admin.id;
    maya = await stack.make.creatorProfile({ displayName: 'Maya Makes' });
    const otherCreator = await stack.make.creatorProfile({ displayName: 'Other Creator' });
    tokens = {
      finance: await tokenOf(stack, finance),
      brandA: await tokenOf(stack, brandA.admin),
      brandB: await tokenOf(stack, brandB.admin),
      creator: await creatorToken(stack, maya.creatorId),
      otherCreator: await creatorToken(stack, otherCreator.creatorId),
    };
  }, 120_000);
  afterAll(() => stack.close());

  it('holds approval until the enrollment has a compliant post, then lets it through', async () => {
    const gated = await gatedSeller(brandA, maya);
    const sale = await sell(stack, gated);
    const before = await stack.gql.as(tokens.finance).send(APPROVE, { ids: [sale.id] });
    expect({ code: errorCode(before), blocked: blockedOf(before) }).toEqual({ code: 'CONFLICT', blocked: ['DISCLOSURE_MISSING'] });
    expect((await stack.gql.as(tokens.creator).ok(REVIEWED, { id: sale.id })).commission.blockedBy.map((b: { reason: string }) => b.reason)).toContain('DISCLOSURE_MISSING');

    const { submitSponsoredPost: post } = await stack.gql.as(tokens.creator).ok(SUBMIT, { input: compliantPost(gated.enrollmentId) });
    expect(post).toMatchObject({
      enrollmentId: gated.enrollmentId,
      campaignId: gated.campaign.campaignId,
      status: 'COMPLIANT',
      statusSource: 'CHECK',
      current: { revision: 1, jurisdictions: ['US'], jurisdictionSource: 'STATED', check: { result: 'COMPLIANT', reasons: [], rulesetVersion: expect.any(String) } },
      override: null,
    });
    expect((await stack.gql.as(tokens.creator).ok(REVIEWED, { id: sale.id })).commission.blockedBy.map((b: { reason: string }) => b.reason)).not.toContain('DISCLOSURE_MISSING');
    expect((await stack.gql.as(tokens.finance).ok(APPROVE, { ids: [sale.id] })).approveCommissions).toMatchObject({ approved: 1 });
    expect(await auditOf(post.id)).toEqual([
      expect.objectContaining({ action: 'sponsored_post.submitted', actor_type: 'USER', organization_id: brandA.organizationId, after: expect.objectContaining({ status: 'COMPLIANT', revision: 1 }) }),
    ]);
  });

  it('holds later approvals when a revision breaks compliance, until the post is fixed', async () => {
    const gated = await gatedSeller(brandA, maya);
    const { submitSponsoredPost: post } = await stack.gql.as(tokens.creator).ok(SUBMIT, { input: compliantPost(gated.enrollmentId) });
    const first = await sell(stack, gated);
    await stack.gql.as(tokens.finance).ok(APPROVE, { ids: [first.id] });

    // The creator edits the caption: the label now sits after 125 characters.
    const buried = `${'Loving this serum so much, it changed my whole morning routine and my skin has never looked better. '.repeat(2)}#ad`;
    const { reviseSponsoredPost: revised } = await stack.gql.as(tokens.creator).ok(REVISE, { id: post.id, input: { caption: buried } });
    expect(revised).toMatchObject({ status: 'NON_COMPLIANT', current: { revision: 2, caption: buried, check: { result: 'NON_COMPLIANT', reasons: ['LABEL_NOT_IN_FIRST_125_CHARACTERS'] } } });
    expect(revised.current.check.messages[0]).toMatch(/first 125 characters/);

    const later = await sell(stack, gated);
    const refused = await stack.gql.as(tokens.finance).send(APPROVE, { ids: [later.id] });
    expect({ code: errorCode(refused), blocked: blockedOf(refused) }).toEqual({ code: 'CONFLICT', blocked: ['DISCLOSURE_NON_COMPLIANT'] });
    expect((await stack.gql.as(tokens.creator).ok(REVIEWED, { id: later.id })).commission.blockedBy.map((b: { reason: string }) => b.reason)).toContain('DISCLOSURE_NON_COMPLIANT');
    // A second, compliant post doesn't outweigh one found non-compliant.
    await stack.gql.as(tokens.creator).ok(SUBMIT, { input: compliantPost(gated.enrollmentId) });
    expect(blockedOf(await stack.gql.as(tokens.finance).send(APPROVE, { ids: [later.id] }))).toEqual(['DISCLOSURE_NON_COMPLIANT']);
    // The approval made before the revision stands.
    expect((await stack.gql.as(tokens.finance).ok(REVIEWED, { id: first.id })).commission.status).toBe('APPROVED');

    const { reviseSponsoredPost: fixed } = await stack.gql.as(tokens.creator).ok(REVISE, { id: post.id, input: { caption: `#ad ${buried}` } });
    expect(fixed).toMatchObject({ status: 'COMPLIANT', current: { revision: 3 } });
    expect((await stack.gql.as(tokens.finance).ok(APPROVE, { ids: [later.id] })).approveCommissions).toMatchObject({ approved: 1 });

    // Every revision is kept as it was submitted, oldest first.
    const history = (await stack.gql.as(tokens.brandA).ok(POST, { id: post.id })).sponsoredPost.revisions.edges.map((edge: { node: { revision: number; check: { result: string } } }) => [
      edge.node.revision,
      edge.node.check.result,
    ]);
    expect(history).toEqual([
      [1, 'COMPLIANT'],
      [2, 'NON_COMPLIANT'],
      [3, 'COMPLIANT'],
    ]);
  });

  it('lets a brand or finance override a check with a note, audited, until the next revision', async () => {
    const gated = await gatedSeller(brandA, maya);
    const input = compliantPost(gated.enrollmentId, { caption: 'Morning routine with @glowlabs serum', disclosureMethods: ['ON_SCREEN_TEXT'] });
    const { submitSponsoredPost: post } = await stack.gql.as(tokens.creator).ok(SUBMIT, { input });
    expect(post.current.check).toMatchObject({ result: 'NEEDS_REVIEW', reasons: ['NO_LABEL', 'ON_SCREEN_TEXT_UNVERIFIED'] });
    const sale = await sell(stack, gated);
    expect(blockedOf(await stack.gql.as(tokens.finance).send(APPROVE, { ids: [sale.id] }))).toEqual(['DISCLOSURE_MISSING']);

    // Nobody but the brand and finance may override; another brand's post is NOT_FOUND; the note is required.
    expect(errorCode(await stack.gql.as(tokens.creator).send(OVERRIDE, { postId: post.id, decision: 'COMPLIANT', note: 'Mine is fine' }))).toBe('FORBIDDEN');
    expect(errorCode(await stack.gql.as(tokens.brandB).send(OVERRIDE, { postId: post.id, decision: 'COMPLIANT', note: 'Looks fine' }))).toBe('NOT_FOUND');
    for (const [variables, field] of [
      [{ postId: post.id, decision: 'COMPLIANT', note: '   ' }, 'note'],
      [{ postId: post.id, decision: 'NEEDS_REVIEW', note: 'Unsure' }, 'decision'],
    ] as const) {
      const response = await stack.gql.as(tokens.brandA).send(OVERRIDE, variables);
      expect({ code: errorCode(response), fields: errorFields(response) }).toEqual({ code: 'BAD_USER_INPUT', fields: [field] });
    }
    expect(await auditOf(post.id)).toHaveLength(1);

    const note = 'Watched the video: "AD" is on screen for the first 5 seconds';
    const { overrideDisclosureCheck: overridden } = await stack.gql.as(tokens.brandA).ok(OVERRIDE, { postId: post.id, decision: 'COMPLIANT', note });
    expect(overridden).toMatchObject({ status: 'COMPLIANT', statusSource: 'OVERRIDE', current: { check: { result: 'NEEDS_REVIEW' } }, override: { decision: 'COMPLIANT', note, decidedById: brandAdminId, revision: 1 } });
    expect((await auditOf(post.id))[1]).toEqual({
      action: 'sponsored_post.disclosure_overridden',
      actor_type: 'USER',
      actor_id: brandAdminId,
      organization_id: brandA.organizationId,
      before: { revision: 1, status: 'NEEDS_REVIEW', statusSource: 'CHECK' },
      after: { revision: 1, status: 'COMPLIANT', statusSource: 'OVERRIDE' },
      reason: note,
    });
    // The creator sees the decision and its note, not who made it.
    expect((await stack.gql.as(tokens.creator).ok(POST, { id: post.id })).sponsoredPost.override).toMatchObject({ decision: 'COMPLIANT', note, decidedById: null });
    expect((await stack.gql.as(tokens.finance).ok(APPROVE, { ids: [sale.id] })).approveCommissions).toMatchObject({ approved: 1 });

    // Finance can find it non-compliant; a revision is checked afresh and the override no longer applies.
    const { overrideDisclosureCheck: rejected } = await stack.gql.as(tokens.finance).ok(OVERRIDE, { postId: post.id, decision: 'NON_COMPLIANT', note: 'The on-screen text is unreadable' });
    expect(rejected).toMatchObject({ status: 'NON_COMPLIANT', override: { decision: 'NON_COMPLIANT', decidedById: financeId } });
    const { reviseSponsoredPost: revised } = await stack.gql.as(tokens.creator).ok(REVISE, { id: post.id, input: { caption: '#ad Morning routine with @glowlabs serum' } });
    expect(revised).toMatchObject({ status: 'COMPLIANT', statusSource: 'CHECK', override: null, current: { revision: 2, disclosureMethods: ['ON_SCREEN_TEXT'] } });
    expect((await auditOf(post.id)).map((entry: { action: string }) => entry.action)).toEqual([
      'sponsored_post.submitted',
      'sponsored_post.disclosure_overridden',
      'sponsored_post.disclosure_overridden',
      'sponsored_post.revised',
    ]);
  });

  it("keeps each brand's posts to itself", async () => {
    const gated = await gatedSeller(brandA, maya);
    const { submitSponsoredPost: post } = await stack.gql.as(tokens.creator).ok(SUBMIT, { input: compliantPost(gated.enrollmentId) });

    const asB = stack.gql.as(tokens.brandB);
    expect(errorCode(await asB.send(POST, { id: post.id }))).toBe('NOT_FOUND');
    const listedB = (await asB.ok(POSTS, { first: 100 })).sponsoredPosts.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(listedB).not.toContain(post.id);
    expect(errorCode(await asB.send(POSTS, { filter: { campaignId: gated.campaign.campaignId } }))).toBe('NOT_FOUND');
    expect(errorCode(await asB.send(COMPLIANCE, { campaignId: gated.campaign.campaignId }))).toBe('NOT_FOUND');
    expect(errorCode(await asB.send(EVIDENCE, { campaignId: gated.campaign.campaignId }))).toBe('NOT_FOUND');
    // Another creator doesn't see it either, nor can they revise it.
    expect(errorCode(await stack.gql.as(tokens.otherCreator).send(POST, { id: post.id }))).toBe('NOT_FOUND');
    expect(errorCode(await stack.gql.as(tokens.otherCreator).send(REVISE, { id: post.id, input: { caption: '#ad' } }))).toBe('NOT_FOUND');

    const listedA = (await stack.gql.as(tokens.brandA).ok(POSTS, { filter: { campaignId: gated.campaign.campaignId } })).sponsoredPosts.edges;
    expect(listedA).toEqual([{ node: { id: post.id, status: 'COMPLIANT', url: post.url, creator: { id: maya.creatorId }, campaign: { id: gated.campaign.campaignId } } }]);
    const listedByFinance = (await stack.gql.as(tokens.finance).ok(POSTS, { filter: { enrollmentId: gated.enrollmentId } })).sponsoredPosts.edges;
    expect(listedByFinance.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([post.id]);
  });

  it('refuses a URL that is not a post on its platform, naming the field, and stores nothing', async () => {
    const gated = await gatedSeller(brandA, maya);
    const before = await postCount();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ url: 'https://www.tiktok.com/@maya/video/7312345678901234567' }, ['input.url']],
      [{ url: 'https://instagram.com.evil.example/p/abc' }, ['input.url']],
      [{ url: 'http://www.instagram.com/p/abc' }, ['input.url']],
      [{ url: 'not a url' }, ['input.url']],
      [{ platform: 'YOUTUBE', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' }, ['input.platform']],
      [{ caption: 'x'.repeat(10_001) }, ['input.caption']],
      [{ postedAt: new Date(Date.now() + 86_400_000).toISOString() }, ['input.postedAt']],
      [{ verbalAtSeconds: 3 }, ['input.verbalAtSeconds']],
      [{ jurisdictions: ['USA'] }, ['input.jurisdictions']],
      [{ evidence: { sha256: 'abc', mediaRef: 's3://evidence/1.png' } }, ['input.evidence.sha256']],
      [{ url: 'ftp://x', caption: 'x'.repeat(10_001) }, ['input.url', 'input.caption']],
    ];
    for (const [overrides, fields] of cases) {
      const response = await stack.gql.as(tokens.creator).send(SUBMIT, { input: compliantPost(gated.enrollmentId, overrides) });
      expect({ overrides, code: errorCode(response), fields: errorFields(response) }).toEqual({ overrides, code: 'BAD_USER_INPUT', fields });
    }
    expect(await postCount()).toBe(before);

    // The same post under another of its addresses is already recorded.
    const url = instagramUrl();
    await stack.gql.as(tokens.creator).ok(SUBMIT, { input: compliantPost(gated.enrollmentId, { url }) });
    const again = await stack.gql.as(tokens.creator).send(SUBMIT, { input: compliantPost(gated.enrollmentId, { url: `${url.replace('www.', '')}?igsh=share` }) });
    expect({ code: errorCode(again), fields: errorFields(again) }).toEqual({ code: 'CONFLICT', fields: ['input.url'] });
    // Another creator's enrollment is NOT_FOUND; a brand can't record posts.
    expect(errorCode(await stack.gql.as(tokens.otherCreator).send(SUBMIT, { input: compliantPost(gated.enrollmentId) }))).toBe('NOT_FOUND');
    expect(errorCode(await stack.gql.as(tokens.brandA).send(SUBMIT, { input: compliantPost(gated.enrollmentId) }))).toBe('FORBIDDEN');
    expect(await postCount()).toBe(before + 1);
  });

  it('records posts only for APPROVED enrollments', async () => {
    const campaign = await stack.make.campaign(brandA);
    const applied = await stack.make.enrollment(campaign, maya, 'APPLIED');
    const response = await stack.gql.as(tokens.creator).send(SUBMIT, { input: compliantPost(applied) });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors![0]!.message).toMatch(/APPLIED/);
  });

  it("reads the jurisdictions from the creator's audience when the creator doesn't state them", async () => {
    const british = await stack.make.creatorProfile({ accounts: [{ platform: Platform.INSTAGRAM, audienceCountries: { GB: 55, US: 20, KR: 2 } }] });
    const gated = await gatedSeller(brandA, british);
    const token = await creatorToken(stack, british.creatorId);
    const { submitSponsoredPost: post } = await stack.gql.as(token).ok(SUBMIT, {
      input: compliantPost(gated.enrollmentId, { jurisdictions: undefined, caption: '#sponsored Morning routine' }),
    });
    expect(post.current).toMatchObject({ jurisdictions: ['GB', 'US'], jurisdictionSource: 'AUDIENCE', check: { result: 'COMPLIANT', warnings: ['UK_SPONSORED_ALONE'] } });
    const dryRun = (await stack.gql.as(token).ok(DRY_RUN, { caption: 'Morning routine #sp #collab', platform: 'INSTAGRAM' })).checkDisclosure;
    expect(dryRun).toMatchObject({ result: 'NON_COMPLIANT', reasons: ['INSUFFICIENT_LABEL_ONLY'] });
  });

  it('checks a caption as a dry run, storing nothing', async () => {
    const before = await postCount();
    const check = (variables: Record<string, unknown>) => stack.gql.as(tokens.creator).ok(DRY_RUN, { platform: 'INSTAGRAM', ...variables });
    expect((await check({ caption: 'Ad: my new favourite serum', jurisdictions: ['GB'] })).checkDisclosure).toMatchObject({ result: 'COMPLIANT', reasons: [] });
    expect((await check({ caption: '＃ＡＤ 新しいセラム', jurisdictions: ['US'] })).checkDisclosure).toMatchObject({ result: 'COMPLIANT' });
    expect((await check({ caption: '#광고 새로운 세럼', jurisdictions: ['KR'] })).checkDisclosure).toMatchObject({ result: 'COMPLIANT' });
    expect((await check({ caption: 'Best #adventure ever', jurisdictions: ['US'] })).checkDisclosure).toMatchObject({ result: 'NON_COMPLIANT', reasons: ['NO_LABEL'] });
    expect((await check({ caption: 'paid partnership with Glow Labs', brandName: 'Glow Labs', jurisdictions: ['US'] })).checkDisclosure).toMatchObject({ result: 'COMPLIANT' });
    expect((await check({ caption: 'New video', disclosureMethods: ['VERBAL_IN_VIDEO'], verbalAtSeconds: 40, jurisdictions: ['US'] })).checkDisclosure).toMatchObject({
      result: 'NON_COMPLIANT',
      reasons: ['NO_LABEL', 'VERBAL_DISCLOSURE_TOO_LATE'],
    });
    const bad = await stack.gql.as(tokens.creator).send(DRY_RUN, { caption: '#ad', platform: 'INSTAGRAM', jurisdictions: ['United States'] });
    expect({ code: errorCode(bad), fields: errorFields(bad) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['jurisdictions'] });
    expect(await postCount()).toBe(before);
  });

  it('shows a brand its campaign compliance and exports the evidence log', async () => {
    const campaignSeller = await gatedSeller(brandA, maya);
    const campaign = campaignSeller.campaign;
    const missing = await stack.make.creatorProfile({ displayName: 'No Post Yet' });
    const missingEnrollment = await stack.make.enrollment(campaign, missing, 'APPROVED');
    const evidence = { sha256: 'A'.repeat(64), mediaRef: 's3://evidence/maya-1.png' };
    const { submitSponsoredPost: good } = await stack.gql.as(tokens.creator).ok(SUBMIT, { input: compliantPost(campaignSeller.enrollmentId, { evidence }) });
    const { submitSponsoredPost: bad } = await stack.gql.as(tokens.creator).ok(SUBMIT, { input: compliantPost(campaignSeller.enrollmentId, { caption: '=SUM(A1) thanks @glowlabs #collab' }) });
    expect(bad.status).toBe('NON_COMPLIANT');
    await stack.gql.as(tokens.brandA).ok(OVERRIDE, { postId: bad.id, decision: 'NON_COMPLIANT', note: 'Confirmed: no label' });

    const compliance = (await stack.gql.as(tokens.brandA).ok(COMPLIANCE, { campaignId: campaign.campaignId })).campaignCompliance;
    expect(compliance).toMatchObject({
      campaignId: campaign.campaignId,
      disclosureRequired: true,
      posts: { total: 2, compliant: 1, nonCompliant: 1, needsReview: 0 },
      creators: { approved: 2, compliant: 0, nonCompliant: 1, needsReview: 0, missing: 1 },
    });
    const gaps = compliance.creatorsWithoutCompliantPost.edges.map((edge: { node: unknown }) => edge.node);
    expect(gaps).toEqual(
      expect.arrayContaining([
        { enrollmentId: campaignSeller.enrollmentId, creatorId: maya.creatorId, standing: 'NON_COMPLIANT', posts: 2, creator: { id: maya.creatorId } },
        { enrollmentId: missingEnrollment, creatorId: missing.creatorId, standing: 'MISSING', posts: 0, creator: { id: missing.creatorId } },
      ]),
    );
    expect(gaps).toHaveLength(2);
    expect(errorCode(await stack.gql.as(tokens.creator).send(COMPLIANCE, { campaignId: campaign.campaignId }))).toBe('FORBIDDEN');
    expect((await stack.gql.as(tokens.finance).ok(COMPLIANCE, { campaignId: campaign.campaignId })).campaignCompliance.posts.total).toBe(2);

    const { exportDisclosureEvidence: csv } = await stack.gql.as(tokens.brandA).ok(EVIDENCE, { campaignId: campaign.campaignId });
    expect(csv).toMatchObject({ contentType: 'text/csv; charset=utf-8', rowCount: 3, filename: expect.stringMatching(/^disclosure-evidence-.+\.csv$/) });
    const lines = csv.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'recorded_at,event,post_id,creator,platform,url,revision,posted_at,disclosure_methods,verbal_at_seconds,jurisdictions,check_result,reasons,warnings,ruleset_version,' +
        'evidence_sha256,evidence_media_ref,caption,transcript,override_decision,override_note,decided_by',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`,REVISION,${good.id},Maya Makes,INSTAGRAM,${good.url},1,`);
    expect(lines[1]).toContain(`,COMPLIANT,,,${good.current.check.rulesetVersion},${'a'.repeat(64)},s3://evidence/maya-1.png,`);
    // A caption that looks like a formula is defused, so opening the export runs nothing.
    expect(lines[2]).toContain(`,NON_COMPLIANT,INSUFFICIENT_LABEL_ONLY,`);
    expect(lines[2]).toContain(`'=SUM(A1) thanks @glowlabs #collab`);
    expect(lines[3]).toContain(`,OVERRIDE,${bad.id},`);
    expect(lines[3]).toMatch(new RegExp(`,NON_COMPLIANT,Confirmed: no label,${brandAdminId}$`));
  });

  it('keeps revisions and overrides append-only in the database', async () => {
    const gated = await gatedSeller(brandA, maya);
    const { submitSponsoredPost: post } = await stack.gql.as(tokens.creator).ok(SUBMIT, { input: compliantPost(gated.enrollmentId) });
    await stack.gql.as(tokens.finance).ok(OVERRIDE, { postId: post.id, decision: 'NON_COMPLIANT', note: 'Test' });
    await expect(stack.db.query(`UPDATE sponsored_post_revisions SET caption = 'edited' WHERE post_id = $1`, [post.id])).rejects.toThrow(/append-only/);
    await expect(stack.db.query(`DELETE FROM sponsored_post_revisions WHERE post_id = $1`, [post.id])).rejects.toThrow(/append-only/);
    await expect(stack.db.query(`UPDATE disclosure_overrides SET note = 'edited' WHERE post_id = $1`, [post.id])).rejects.toThrow(/append-only/);
    await expect(stack.db.query(`DELETE FROM sponsored_posts WHERE id = $1`, [post.id])).rejects.toThrow(/append-only/);
    await expect(stack.db.query(`UPDATE sponsored_posts SET url = 'https://instagram.com/p/other' WHERE id = $1`, [post.id])).rejects.toThrow(/keeps its identity/);
    await expect(stack.db.query(`TRUNCATE sponsored_post_revisions CASCADE`)).rejects.toThrow(/append-only/);
    const [row] = await stack.db.query(`SELECT caption FROM sponsored_post_revisions WHERE post_id = $1`, [post.id]);
    expect(row.caption).toBe(post.current.caption);
  });

  it('answers a page of 30 posts with creator, campaign, override and revisions in as many queries as a page of 3', async () => {
    const brand = await stack.make.brand();
    const token = await tokenOf(stack, brand.admin);
    for (let i = 0; i < 10; i += 1) {
      const creator = await stack.make.creatorProfile();
      const creatorTokenOf = await creatorToken(stack, creator.creatorId);
      const gated = await gatedSeller(brand, creator);
      for (let j = 0; j < 3; j += 1) {
        const { submitSponsoredPost: post } = await stack.gql.as(creatorTokenOf).ok(SUBMIT, { input: compliantPost(gated.enrollmentId) });
        if (j === 0) await stack.gql.as(token).ok(OVERRIDE, { postId: post.id, decision: 'NON_COMPLIANT', note: 'Label hidden' });
      }
    }
    const PAGE = `query Page($first: Int) { sponsoredPosts(first: $first) { edges { node { id status creator { id } campaign { id }
      override { decision } current { revision } revisions(first: 5) { edges { node { revision } } } } } } }`;
    const small = await countQueries(stack.db, () => stack.gql.as(token).ok(PAGE, { first: 3 }));
    const large = await countQueries(stack.db, () => stack.gql.as(token).ok(PAGE, { first: 30 }));
    const nodes = large.result.sponsoredPosts.edges.map((edge: { node: { override: unknown; revisions: { edges: unknown[] }; creator: unknown } }) => edge.node);
    expect(nodes).toHaveLength(30);
    expect(nodes.filter((node: { override: unknown }) => node.override !== null)).toHaveLength(10);
    expect(nodes.every((node: { revisions: { edges: unknown[] }; creator: unknown }) => node.revisions.edges.length === 1 && node.creator !== null)).toBe(true);
    expect(large.statements).toHaveLength(small.count);
  });
});
