import { toMoneyModel } from '@app/core';
import type { Niche, Platform } from '@app/creators';
import { type DiscountType, type DiscountValue, toDiscountModel } from './campaign-discount.js';
import type { CampaignStatus } from './campaign-status.js';
import type { CampaignTermsEntity } from './campaign-terms.entity.js';
import type { CampaignEntity } from './campaign.entity.js';
import { type Campaign, type CampaignTerms, type CampaignVisibility } from './campaign.model.js';
import { effectiveMatchWeights, type MatchFactor } from './match-weights.js';
import { toOverrideModels, toTierModels } from './commission-structure.js';

export function toCampaign(row: CampaignEntity): Campaign {
  const discount = campaignDiscount(row);
  return {
    id: row.id,
    organizationId: row.organizationId,
    status: row.status as CampaignStatus,
    title: row.title,
    slug: row.slug,
    brief: row.brief,
    landingUrl: row.landingUrl,
    fallbackUrl: row.fallbackUrl,
    maxLinksPerCreator: row.maxLinksPerCreator,
    discount: discount ? toDiscountModel(discount, row.currency) : null,
    niches: row.niches as Niche[],
    platforms: row.platforms as Platform[],
    targetCountries: row.targetCountries,
    minFollowers: row.minFollowers,
    maxFollowers: row.maxFollowers,
    minEngagementRate: row.minEngagementRate,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    budget: row.budgetMinor === null ? null : toMoneyModel({ amountMinor: row.budgetMinor, currency: row.currency }),
    currency: row.currency,
    visibility: row.visibility as CampaignVisibility,
    autoApprove: row.autoApprove,
    matchWeights: Object.entries(effectiveMatchWeights(row.matchWeights)).map(([factor, weight]) => ({ factor: factor as MatchFactor, weight })),
    publishedAt: row.publishedAt,
    endedAt: row.endedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toCampaignTerms(row: CampaignTermsEntity, currency: string): CampaignTerms {
  return {
    id: row.id,
    campaignId: row.campaignId,
    version: row.version,
    commissionRateBps: row.commissionRateBps,
    flatAmount: row.flatAmountMinor === null ? null : toMoneyModel({ amountMinor: row.flatAmountMinor, currency }),
    tiers: toTierModels(row.tiers, currency),
    overrides: toOverrideModels(row.overrides, currency),
    capPerOrder: row.capPerOrderMinor === null ? null : toMoneyModel({ amountMinor: row.capPerOrderMinor, currency }),
    attributionRule: row.attributionRule,
    attributionWindowDays: row.attributionWindowDays,
    holdDays: row.holdDays,
    disclosureRequired: row.disclosureRequired,
    platformFeeBps: row.platformFeeBps,
    effectiveFrom: row.effectiveFrom,
    createdAt: row.createdAt,
  };
}

/** The campaign's discount, or null when it offers none. */
export function campaignDiscount(row: Pick<CampaignEntity, 'discountType' | 'discountPercentBps' | 'discountAmountMinor'>): DiscountValue | null {
  if (!row.discountType) return null;
  return { type: row.discountType as DiscountType, percentBps: row.discountPercentBps, amountMinor: row.discountAmountMinor };
}
