import { CampaignAction, CampaignStatus, campaignTransition } from './campaign-status.js';

const LEGAL: [CampaignStatus, CampaignAction, CampaignStatus | null][] = [
  [CampaignStatus.DRAFT, CampaignAction.PUBLISH, CampaignStatus.ACTIVE],
  [CampaignStatus.DRAFT, CampaignAction.DELETE, null],
  [CampaignStatus.ACTIVE, CampaignAction.PAUSE, CampaignStatus.PAUSED],
  [CampaignStatus.PAUSED, CampaignAction.RESUME, CampaignStatus.ACTIVE],
  [CampaignStatus.ACTIVE, CampaignAction.END, CampaignStatus.ENDED],
  [CampaignStatus.PAUSED, CampaignAction.END, CampaignStatus.ENDED],
];

describe('campaign status machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(campaignTransition('c1', from, action)).toBe(to);
  });

  const illegal = Object.values(CampaignStatus).flatMap((from) =>
    Object.values(CampaignAction)
      .filter((action) => !LEGAL.some(([f, a]) => f === from && a === action))
      .map((action) => [from, action] as const),
  );

  it('has exactly 14 illegal pairs, each a CONFLICT that names the status', () => {
    expect(illegal).toHaveLength(14);
    for (const [from, action] of illegal) {
      expect(() => campaignTransition('c1', from, action)).toThrow(expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining(`is ${from}`) }));
    }
  });
});
