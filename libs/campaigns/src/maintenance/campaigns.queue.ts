/** Campaigns' background work: scheduled housekeeping. */
export const CAMPAIGNS_QUEUE = 'campaigns';

export enum CampaignsJob {
  EndExpiredCampaigns = 'end-expired-campaigns',
}
