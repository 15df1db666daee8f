import { CampaignEntity } from '@app/campaigns';
import { CreatorProfileEntity, SocialAccountEntity } from '@app/creators';
import { OrganizationEntity } from '@app/identity';
import type { EntityManager } from 'typeorm';
import { audienceJurisdictions } from '../rules/jurisdictions.js';

/** The brand a campaign's posts disclose: its organization's name. */
export async function brandNameOf(manager: EntityManager, campaign: Pick<CampaignEntity, 'organizationId'>): Promise<string> {
  return (await manager.getRepository(OrganizationEntity).findOneOrFail({ where: { id: campaign.organizationId }, select: { name: true } })).name;
}

/** The jurisdictions a creator's post on `platform` reaches, read from their accounts' audience countries. */
export async function creatorAudienceJurisdictions(manager: EntityManager, creatorId: string, platform: string): Promise<string[]> {
  const accounts = await manager.getRepository(SocialAccountEntity).find({ where: { creatorId }, select: { platform: true, audienceCountries: true } });
  const profile = await manager.getRepository(CreatorProfileEntity).findOne({ where: { id: creatorId }, select: { country: true } });
  return audienceJurisdictions(accounts, platform, profile?.country ?? null);
}
