import { checkEligibility, Requirement } from './eligibility.js';

const campaign = { platforms: ['INSTAGRAM', 'TIKTOK'], minFollowers: 10_000, maxFollowers: 100_000, minEngagementRate: 0.02 };

describe('campaign eligibility', () => {
  it('accepts an account on a campaign platform, inside the band, engaged enough', () => {
    expect(checkEligibility(campaign, [{ platform: 'TIKTOK', followers: 40_000, engagementRate: 0.05 }]).unmet).toEqual([]);
  });

  it('names the missing platform', () => {
    const result = checkEligibility(campaign, [{ platform: 'YOUTUBE', followers: 40_000, engagementRate: 0.05 }]);
    expect(result.unmet).toEqual([Requirement.PLATFORM]);
    expect(result.reasons[0]).toBe('an account on INSTAGRAM or TIKTOK (you have none)');
  });

  it('names the follower band, with what the creator has', () => {
    const result = checkEligibility(campaign, [{ platform: 'INSTAGRAM', followers: 4_200, engagementRate: 0.09 }]);
    expect(result.unmet).toEqual([Requirement.FOLLOWER_BAND]);
    expect(result.reasons[0]).toContain('10,000–100,000 followers');
    expect(result.reasons[0]).toContain('4,200 on INSTAGRAM');
  });

  it('checks engagement only on accounts inside the band', () => {
    const result = checkEligibility(campaign, [
      { platform: 'INSTAGRAM', followers: 50_000, engagementRate: 0.01 },
      { platform: 'TIKTOK', followers: 500_000, engagementRate: 0.2 },
    ]);
    expect(result.unmet).toEqual([Requirement.ENGAGEMENT_RATE]);
    expect(result.reasons[0]).toBe('an engagement rate of at least 2% on that account (yours is 1%)');
  });

  it('treats the band as inclusive at both ends', () => {
    for (const followers of [10_000, 100_000]) {
      expect(checkEligibility(campaign, [{ platform: 'INSTAGRAM', followers, engagementRate: 0.02 }]).unmet).toEqual([]);
    }
  });
});
