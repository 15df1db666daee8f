import { type Actor, assertAnyRole, Role } from '@app/core';
import { CreatorProfileEntity } from '@app/creators';
import type { EntityManager } from 'typeorm';
import { CampaignErrorCode, CampaignException } from '../campaigns.exception.js';

/** The calling creator's profile id; CONFLICT when they have not created a profile yet. */
export async function callingCreatorId(manager: EntityManager, actor: Actor, action: string): Promise<string> {
  assertAnyRole(actor, [Role.CREATOR], action);
  const profile = await manager.findOne(CreatorProfileEntity, { where: { userId: actor.userId }, select: { id: true } });
  if (!profile) {
    throw new CampaignException(CampaignErrorCode.StateConflict, `Create your creator profile (upsertCreatorProfile) before you ${action}`);
  }
  return profile.id;
}
