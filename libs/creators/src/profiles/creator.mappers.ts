import { toMoneyModel } from '@app/core';
import type { Niche, Platform } from '../vocabulary.js';
import type { CreatorProfileEntity } from './creator-profile.entity.js';
import type { AudienceShare, CreatorProfile, SocialAccount } from './creator.model.js';
import type { SocialAccountEntity } from './social-account.entity.js';

export function toCreatorProfile(entity: CreatorProfileEntity): CreatorProfile {
  return {
    id: entity.id,
    displayName: entity.displayName,
    bio: entity.bio,
    country: entity.country,
    languages: entity.languages,
    niches: entity.niches as Niche[],
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    userId: entity.userId,
  };
}

/** Largest share first, then by country, so the order is stable. */
export function toAudienceShares(shares: Record<string, number>): AudienceShare[] {
  return Object.entries(shares)
    .map(([country, share]) => ({ country, share: Number(share) }))
    .sort((a, b) => b.share - a.share || a.country.localeCompare(b.country));
}

export function toSocialAccount(entity: SocialAccountEntity): SocialAccount {
  return {
    id: entity.id,
    creatorId: entity.creatorId,
    platform: entity.platform as Platform,
    handle: entity.handle,
    followers: entity.followers,
    avgLikes: entity.avgLikes,
    avgComments: entity.avgComments,
    avgViews: entity.avgViews,
    engagementRate: entity.engagementRate,
    audienceCountries: toAudienceShares(entity.audienceCountries),
    ratePerPost:
      entity.ratePerPostMinor !== null && entity.rateCurrency !== null
        ? toMoneyModel({ amountMinor: entity.ratePerPostMinor, currency: entity.rateCurrency })
        : null,
    createdAt: entity.createdAt,
  };
}
