import type { INestApplicationContext } from '@nestjs/common';
import { CampaignEntity, CampaignTermsEntity, EnrollmentEntity, OrganizationDomainEntity } from '@app/campaigns';
import { newId, Role } from '@app/core';
import { CreatorProfileEntity, Niche, Platform, SocialAccountEntity } from '@app/creators';
import { insertMembership, insertOrganization, insertUser, PasswordHasher } from '@app/identity';
import { codeKey, DiscountCodeEntity, randomSlug, ReferralLinkEntity, withTrackingParameters } from '@app/tracking';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface DemoAccount {
  email: string;
  displayName: string;
  what: string;
}

export const DEMO_BRAND = 'Northwind Outdoor';

/** Maya's tracked link in the demo campaign: `/r/maya-ridge` on the redirector. */
export const DEMO_LINK_ALIAS = 'maya-ridge';

export const DEMO_ACCOUNTS: (DemoAccount & { roles: Role[]; brandRole?: Role })[] = [
  { email: 'ava@northwind.example', displayName: 'Ava Brooks', what: 'brand admin', roles: [], brandRole: Role.BRAND_ADMIN },
  { email: 'ben@northwind.example', displayName: 'Ben Ortiz', what: 'brand member', roles: [], brandRole: Role.BRAND_MEMBER },
  { email: 'maya@creators.example', displayName: 'Maya Lopez', what: 'creator', roles: [Role.CREATOR] },
  { email: 'leo@creators.example', displayName: 'Leo Tanaka', what: 'creator', roles: [Role.CREATOR] },
  { email: 'sofia@creators.example', displayName: 'Sofia Nowak', what: 'creator', roles: [Role.CREATOR] },
  { email: 'fiona@marketplace.example', displayName: 'Fiona Park', what: 'finance', roles: [Role.FINANCE] },
  { email: 'admin@marketplace.example', displayName: 'Platform Admin', what: 'admin', roles: [Role.ADMIN] },
];

/** Creator profiles for the demo creators: a micro-influencer each, in different niches and countries. */
const DEMO_CREATORS: Record<string, { bio: string; country: string; niches: Niche[]; platform: Platform; handle: string; followers: number; likes: number; audience: Record<string, number> }> = {
  'maya@creators.example': { bio: 'Trail running and lightweight hiking gear, tested on real trails.', country: 'US', niches: [Niche.OUTDOORS, Niche.FITNESS], platform: Platform.INSTAGRAM, handle: 'maya.on.trails', followers: 48_200, likes: 2_100, audience: { US: 64, CA: 12, GB: 8 } },
  'leo@creators.example': { bio: 'Camp cooking and van life.', country: 'JP', niches: [Niche.FOOD, Niche.TRAVEL, Niche.OUTDOORS], platform: Platform.YOUTUBE, handle: 'leo-cooks-outside', followers: 83_500, likes: 3_900, audience: { JP: 41, US: 30 } },
  'sofia@creators.example': { bio: 'Family hikes around the Tatra mountains.', country: 'PL', niches: [Niche.PARENTING, Niche.OUTDOORS], platform: Platform.TIKTOK, handle: 'sofia.gory', followers: 21_700, likes: 1_300, audience: { PL: 72, DE: 9 } },
};

async function seedMarketplace(manager: EntityManager, userIds: Map<string, string>, organizationId: string, brandAdminId: string): Promise<void> {
  const creatorIds = new Map<string, string>();
  for (const [email, creator] of Object.entries(DEMO_CREATORS)) {
    const account = DEMO_ACCOUNTS.find((a) => a.email === email)!;
    const creatorId = newId();
    creatorIds.set(email, creatorId);
    await manager.insert(CreatorProfileEntity, { id: creatorId, userId: userIds.get(email)!, displayName: account.displayName, bio: creator.bio, country: creator.country, languages: ['en'], niches: creator.niches });
    const avgComments = Math.round(creator.likes / 12);
    await manager.insert(SocialAccountEntity, {
      id: newId(), creatorId, platform: creator.platform, handle: creator.handle, followers: creator.followers, avgLikes: creator.likes, avgComments, avgViews: null,
      engagementRate: (creator.likes + avgComments) / creator.followers, audienceCountries: creator.audience, audienceCountryCodes: Object.keys(creator.audience),
      ratePerPostMinor: null, rateCurrency: null,
    });
  }
  await manager.insert(OrganizationDomainEntity, { id: newId(), organizationId, domain: 'northwind.example', addedByUserId: brandAdminId });
  const now = Date.now();
  const campaignId = newId();
  await manager.insert(CampaignEntity, {
    id: campaignId, organizationId, status: 'ACTIVE', title: 'Trail season 2027', slug: 'trail-season-2027', fallbackUrl: 'https://shop.northwind.example/',
    maxLinksPerCreator: 5, discountType: 'PERCENTAGE', discountPercentBps: 1_500, discountAmountMinor: null, brief: 'Take the Ridge 30 pack on your favourite trail and tell your audience why it works.',
    landingUrl: 'https://shop.northwind.example/ridge-30', niches: [Niche.OUTDOORS, Niche.FITNESS], platforms: [Platform.INSTAGRAM, Platform.TIKTOK, Platform.YOUTUBE],
    targetCountries: ['US', 'CA', 'GB'], minFollowers: 10_000, maxFollowers: 100_000, minEngagementRate: 0.02, startsAt: new Date(now), endsAt: new Date(now + 90 * 86_400_000),
    budgetMinor: 1_500_000n, currency: 'USD', visibility: 'OPEN', autoApprove: false, matchWeights: null, createdByUserId: brandAdminId, publishedAt: new Date(now), endedAt: null,
  });
  await manager.insert(CampaignTermsEntity, {
    id: newId(), campaignId, version: 1, commissionRateBps: 1_200, flatAmountMinor: null, attributionWindowDays: 30, holdDays: 30, disclosureRequired: true,
    effectiveFrom: new Date(now), createdByUserId: brandAdminId,
  });
  await seedMayasLinkAndCode(manager, { organizationId, campaignId, creatorId: creatorIds.get('maya@creators.example')!, userId: userIds.get('maya@creators.example')! });
}

/** Maya is in the campaign, with a tracked link (`/r/maya-ridge`) and the code MAYA15. */
async function seedMayasLinkAndCode(manager: EntityManager, ids: { organizationId: string; campaignId: string; creatorId: string; userId: string }): Promise<void> {
  const enrollmentId = newId();
  const now = new Date();
  await manager.insert(EnrollmentEntity, {
    id: enrollmentId, campaignId: ids.campaignId, organizationId: ids.organizationId, creatorId: ids.creatorId, status: 'APPROVED', origin: 'APPLICATION',
    pitch: 'Ridge 30 has been on every long run I filmed this year.', decidedAt: now, approvedAt: now,
  });
  const owner = { organizationId: ids.organizationId, campaignId: ids.campaignId, enrollmentId, creatorId: ids.creatorId, createdByUserId: ids.userId };
  await manager.insert(ReferralLinkEntity, {
    id: newId(), ...owner, slug: randomSlug(), alias: DEMO_LINK_ALIAS, status: 'ACTIVE', destinationPath: null,
    destinationUrl: withTrackingParameters('https://shop.northwind.example/ridge-30', { source: 'maya.on.trails', campaign: 'trail-season-2027' }),
  });
  await manager.insert(DiscountCodeEntity, {
    id: newId(), ...owner, code: 'MAYA15', codeKey: codeKey('MAYA15'), discountType: 'PERCENTAGE', percentBps: 1_500, amountMinor: null, currency: 'USD', status: 'ACTIVE',
  });
}

export type DemoDataState = 'created' | 'present' | 'absent';

/**
 * Fills an empty database with a brand (with a verified domain and an open campaign), its
 * team, a few creators with profiles (one of them in the campaign, with a tracked link and a
 * discount code), a finance user and an admin, all with one password. A database with any
 * user is left alone; the result says whether the demo accounts are there.
 */
export async function seedDemoData(app: INestApplicationContext, password: string): Promise<DemoDataState> {
  const db = app.get<DataSource>(getDataSourceToken(), { strict: false });
  const [{ users: existing, demo }] = (await db.query(
    'SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM users WHERE email = ANY($1))::int AS demo',
    [DEMO_ACCOUNTS.map((account) => account.email)],
  )) as [{ users: number; demo: number }];
  if (existing > 0) return demo === DEMO_ACCOUNTS.length ? 'present' : 'absent';

  const passwordHash = await new PasswordHasher().hash(password);
  await db.transaction(async (manager) => {
    let organizationId: string | undefined;
    let brandAdminId: string | undefined;
    const userIds = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const user = await insertUser(manager, { email: account.email, displayName: account.displayName, passwordHash, roles: account.roles });
      userIds.set(account.email, user.id);
      if (account.brandRole === Role.BRAND_ADMIN) {
        organizationId = (await insertOrganization(manager, DEMO_BRAND, user.id)).organization.id;
        brandAdminId = user.id;
      } else if (account.brandRole) await insertMembership(manager, organizationId!, user.id, account.brandRole);
    }
    await seedMarketplace(manager, userIds, organizationId!, brandAdminId!);
  });
  return 'created';
}
