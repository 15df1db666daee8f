import { CampaignEntity, campaignNotFound } from '@app/campaigns';
import type { EntityManager } from 'typeorm';

/** Another organization's campaign is NOT_FOUND, exactly like a missing one. */
export async function assertCampaignInOrganization(manager: EntityManager, organizationId: string, campaignId: string): Promise<void> {
  if (!(await manager.getRepository(CampaignEntity).existsBy({ id: campaignId, organizationId }))) throw campaignNotFound(campaignId);
}
