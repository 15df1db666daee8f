import type { Platform } from '@app/creators';

export enum Requirement {
  PLATFORM = 'PLATFORM',
  FOLLOWER_BAND = 'FOLLOWER_BAND',
  ENGAGEMENT_RATE = 'ENGAGEMENT_RATE',
}

export interface CampaignRequirements {
  platforms: readonly string[];
  minFollowers: number;
  maxFollowers: number;
  minEngagementRate: number;
}

export interface AccountFigures {
  platform: string;
  followers: number;
  engagementRate: number;
}

export interface EligibilityResult {
  unmet: Requirement[];
  /** One sentence per unmet requirement, for the error message. */
  reasons: string[];
}

const count = (n: number) => n.toLocaleString('en-US');
const percent = (rate: number) => `${(rate * 100).toFixed(2).replace(/\.?0+$/, '')}%`;

/**
 * Checks a creator's accounts against a campaign's hard requirements. Requirements stack:
 * the follower band is checked on accounts of the campaign's platforms, engagement on
 * those that are also inside the band, so each failure names the first thing missing.
 */
export function checkEligibility(campaign: CampaignRequirements, accounts: readonly AccountFigures[]): EligibilityResult {
  const platforms = campaign.platforms as Platform[];
  const onPlatform = accounts.filter((account) => platforms.includes(account.platform as Platform));
  if (onPlatform.length === 0) {
    return { unmet: [Requirement.PLATFORM], reasons: [`an account on ${platforms.join(' or ')} (you have none)`] };
  }
  const inBand = onPlatform.filter((account) => account.followers >= campaign.minFollowers && account.followers <= campaign.maxFollowers);
  if (inBand.length === 0) {
    const closest = onPlatform.map((account) => `${count(account.followers)} on ${account.platform}`).join(', ');
    return {
      unmet: [Requirement.FOLLOWER_BAND],
      reasons: [`${count(campaign.minFollowers)}–${count(campaign.maxFollowers)} followers on ${platforms.join(' or ')} (you have ${closest})`],
    };
  }
  const engaged = inBand.filter((account) => account.engagementRate >= campaign.minEngagementRate);
  if (engaged.length === 0) {
    const best = Math.max(...inBand.map((account) => account.engagementRate));
    return {
      unmet: [Requirement.ENGAGEMENT_RATE],
      reasons: [`an engagement rate of at least ${percent(campaign.minEngagementRate)} on that account (yours is ${percent(best)})`],
    };
  }
  return { unmet: [], reasons: [] };
}
