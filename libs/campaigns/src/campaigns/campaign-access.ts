import { type Actor, hasAnyRole, Role } from '@app/core';
import type { EntityManager } from 'typeorm';
import { CampaignErrorCode, CampaignException, campaignNotFound } from '../campaigns.exception.js';
import { CampaignEntity } from './campaign.entity.js';

/** The actor's organization when they are on a brand team; FORBIDDEN otherwise. */
export function brandOrganization(actor: Actor, action: string): string {
  if (!actor.organizationId || !hasAnyRole(actor, [Role.BRAND_ADMIN, Role.BRAND_MEMBER])) {
    throw new CampaignException(CampaignErrorCode.NotAllowed, `Only a member of a brand team may ${action}`);
  }
  return actor.organizationId;
}

export function isPlatformStaff(actor: Actor): boolean {
  return hasAnyRole(actor, [Role.ADMIN, Role.FINANCE]);
}

/**
 * Locks one of the organization's campaigns for update. Another organization's campaign is
 * NOT_FOUND, exactly like a missing one.
 */
export async function lockOwnCampaign(manager: EntityManager, organizationId: string, id: string): Promise<CampaignEntity> {
  const row = await manager
    .createQueryBuilder(CampaignEntity, 'c')
    .where('c.id = :id AND c.organizationId = :organizationId', { id, organizationId })
    .setLock('pessimistic_write')
    .getOne();
  if (!row) throw campaignNotFound(id);
  return row;
}
