import { CampaignEntity, CampaignTermsEntity, EnrollmentEntity, OrganizationDomainEntity, slugFromTitle } from '@app/campaigns';
import { newId } from '@app/core';
import { CreatorProfileEntity, Niche, Platform, SocialAccountEntity } from '@app/creators';
import type { DataSource } from 'typeorm';
import type { Factories, MadeBrand, MadeUser } from './factories.js';

export interface SocialAccountSpec {
  platform?: Platform;
  handle?: string;
  followers?: number;
  avgLikes?: number;
  avgComments?: number;
  avgViews?: number | null;
  /** Percent per country, e.g. `{ US: 60, GB: 20 }`. */
  audienceCountries?: Record<string, number>;
}

export interface MadeCreator {
  creatorId: string;
  user: MadeUser;
  displayName: string;
  socialAccountIds: string[];
}

export interface CampaignSpec {
  status?: 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'ENDED';
  title?: string;
  niches?: Niche[];
  platforms?: Platform[];
  targetCountries?: string[];
  minFollowers?: number;
  maxFollowers?: number;
  minEngagementRate?: number;
  visibility?: 'OPEN' | 'INVITE_ONLY';
  autoApprove?: boolean;
  currency?: string;
  commissionRateBps?: number | null;
  flatAmountMinor?: bigint | null;
  matchWeights?: Record<string, number> | null;
  /** Basis points off for creators' codes, or a fixed amount in minor units; none by default. */
  discount?: { percentBps: number } | { amountMinor: bigint } | null;
  fallbackUrl?: string | null;
  maxLinksPerCreator?: number;
  /** Null for no budget; 5,000.00 by default. */
  budgetMinor?: bigint | null;
  /** Terms beyond the rate and flat amount (tiers, overrides, cap, rule, windows). */
  terms?: Partial<Pick<CampaignTermsEntity, 'tiers' | 'overrides' | 'capPerOrderMinor' | 'attributionRule' | 'attributionWindowDays' | 'holdDays' | 'disclosureRequired' | 'platformFeeBps'>>;
  /** When the terms (and the campaign) took effect; a day ago by default. */
  effectiveFrom?: Date;
}

export interface MadeCampaign {
  campaignId: string;
  organizationId: string;
  domain: string;
}

let handles = 0;

/** Creator profiles and campaigns, written straight to the tables (services are what tests test). */
export class MarketplaceFactories {
  constructor(
    private readonly db: DataSource,
    private readonly make: Factories,
  ) {}

  /** A CREATOR user with a profile and one social account (an Instagram micro-influencer by default). */
  async creatorProfile(
    options: { displayName?: string; country?: string | null; niches?: Niche[]; languages?: string[]; bio?: string; accounts?: SocialAccountSpec[] } = {},
  ): Promise<MadeCreator> {
    const displayName = options.displayName ?? 'Test Creator';
    const user = await this.make.creator({ displayName });
    const creatorId = newId();
    await this.db.getRepository(CreatorProfileEntity).insert({
      id: creatorId,
      userId: user.id,
      displayName,
      bio: options.bio ?? '',
      country: options.country === undefined ? 'US' : options.country,
      languages: options.languages ?? ['en'],
      niches: options.niches ?? [Niche.BEAUTY],
    });
    const socialAccountIds: string[] = [];
    for (const spec of options.accounts ?? [{}]) {
      socialAccountIds.push(await this.socialAccount(creatorId, spec));
    }
    return { creatorId, user, displayName, socialAccountIds };
  }

  async socialAccount(creatorId: string, spec: SocialAccountSpec = {}): Promise<string> {
    handles += 1;
    const followers = spec.followers ?? 25_000;
    const avgLikes = spec.avgLikes ?? Math.round(followers * 0.04);
    const avgComments = spec.avgComments ?? Math.round(followers * 0.005);
    const audienceCountries = spec.audienceCountries ?? { US: 60 };
    const id = newId();
    await this.db.getRepository(SocialAccountEntity).insert({
      id,
      creatorId,
      platform: spec.platform ?? Platform.INSTAGRAM,
      handle: spec.handle ?? `creator_${handles}_${id.slice(-6)}`,
      followers,
      avgLikes,
      avgComments,
      avgViews: spec.avgViews ?? null,
      engagementRate: followers > 0 ? (avgLikes + avgComments) / followers : 0,
      audienceCountries,
      audienceCountryCodes: Object.keys(audienceCountries),
      ratePerPostMinor: null,
      rateCurrency: null,
    });
    return id;
  }

  /** A campaign of `brand` (ACTIVE and OPEN by default) on a verified domain, with version 1 terms at 15%. */
  async campaign(brand: MadeBrand, spec: CampaignSpec = {}): Promise<MadeCampaign> {
    const domain = `shop-${brand.organizationId.slice(-8)}.example.com`;
    await this.db
      .createQueryBuilder()
      .insert()
      .into(OrganizationDomainEntity)
      .values({ id: newId(), organizationId: brand.organizationId, domain, addedByUserId: brand.admin.id })
      .orIgnore()
      .execute();
    const status = spec.status ?? 'ACTIVE';
    const now = Date.now();
    const campaignId = newId();
    const title = spec.title ?? 'Spring launch';
    const discount = spec.discount ?? null;
    await this.db.getRepository(CampaignEntity).insert({
      id: campaignId,
      organizationId: brand.organizationId,
      status,
      title,
      slug: `${slugFromTitle(title)}-${campaignId.slice(-6)}`,
      fallbackUrl: spec.fallbackUrl ?? null,
      maxLinksPerCreator: spec.maxLinksPerCreator ?? 5,
      discountType: discount === null ? null : 'percentBps' in discount ? 'PERCENTAGE' : 'FIXED_AMOUNT',
      discountPercentBps: discount !== null && 'percentBps' in discount ? discount.percentBps : null,
      discountAmountMinor: discount !== null && 'amountMinor' in discount ? discount.amountMinor : null,
      brief: 'Show our new serum in your morning routine.',
      landingUrl: `https://${domain}/spring`,
      niches: spec.niches ?? [Niche.BEAUTY],
      platforms: spec.platforms ?? [Platform.INSTAGRAM, Platform.TIKTOK],
      targetCountries: spec.targetCountries ?? ['US'],
      minFollowers: spec.minFollowers ?? 10_000,
      maxFollowers: spec.maxFollowers ?? 100_000,
      minEngagementRate: spec.minEngagementRate ?? 0,
      startsAt: spec.effectiveFrom ?? new Date(now - 86_400_000),
      endsAt: new Date(now + 60 * 86_400_000),
      budgetMinor: spec.budgetMinor === undefined ? 500_000n : spec.budgetMinor,
      currency: spec.currency ?? 'USD',
      visibility: spec.visibility ?? 'OPEN',
      autoApprove: spec.autoApprove ?? false,
      matchWeights: spec.matchWeights ?? null,
      createdByUserId: brand.admin.id,
      publishedAt: status === 'DRAFT' ? null : new Date(now - 86_400_000),
      endedAt: status === 'ENDED' ? new Date() : null,
    });
    await this.db.getRepository(CampaignTermsEntity).insert({
      id: newId(),
      campaignId,
      version: 1,
      commissionRateBps: spec.commissionRateBps === undefined ? 1_500 : spec.commissionRateBps,
      flatAmountMinor: spec.flatAmountMinor ?? null,
      attributionWindowDays: 30,
      holdDays: 30,
      disclosureRequired: true,
      ...spec.terms,
      effectiveFrom: spec.effectiveFrom ?? new Date(now - 86_400_000),
      createdByUserId: brand.admin.id,
    });
    return { campaignId, organizationId: brand.organizationId, domain };
  }

  /** An enrollment of `creator` in `campaign`, APPROVED by default (as after an accepted application). */
  async enrollment(
    campaign: MadeCampaign,
    creator: Pick<MadeCreator, 'creatorId'>,
    status: 'APPLIED' | 'INVITED' | 'APPROVED' | 'REMOVED' | 'LEFT' = 'APPROVED',
    { decidedAt }: { decidedAt?: Date } = {},
  ): Promise<string> {
    const id = newId();
    const now = decidedAt ?? new Date();
    await this.db.getRepository(EnrollmentEntity).insert({
      id,
      campaignId: campaign.campaignId,
      organizationId: campaign.organizationId,
      creatorId: creator.creatorId,
      status,
      origin: 'APPLICATION',
      pitch: 'I would love to work with you.',
      decidedAt: status === 'APPLIED' || status === 'INVITED' ? null : now,
      approvedAt: status === 'APPLIED' || status === 'INVITED' ? null : now,
      endedAt: status === 'REMOVED' || status === 'LEFT' ? now : null,
    });
    return id;
  }
}
