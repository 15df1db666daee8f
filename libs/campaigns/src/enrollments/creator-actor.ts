import { type Actor, assertAnyRole, Role } from '@app/core';
import type { EntityManager } from 'typeorm';
import { CampaignErrorCode, CampaignException } from '../campaigns.exception.js';

/**
 * Creators' profile ids by user id. A user has at most one profile and it keeps its id
 * for good, so a profile found once is never looked up again by this process; a user
 * without one is asked again each time (they may create it at any moment). Bounded: at
 * the limit it starts afresh.
 */
const profileIds = new Map<string, string>();
const MAX_CACHED_PROFILES = 100_000;

/** The calling creator's profile id; CONFLICT when they have not created a profile yet. */
export async function callingCreatorId(manager: EntityManager, actor: Actor, action: string): Promise<string> {
  assertAnyRole(actor, [Role.CREATOR], action);
  const cached = profileIds.get(actor.userId);
  if (cached) return cached;
  const [profile] = await manager.query<{ id: string }[]>(`SELECT id FROM creator_profiles WHERE user_id = $1`, [actor.userId]);
  if (!profile) {
    throw new CampaignException(CampaignErrorCode.StateConflict, `Create your creator profile (upsertCreatorProfile) before you ${action}`);
  }
  if (profileIds.size >= MAX_CACHED_PROFILES) profileIds.clear();
  profileIds.set(actor.userId, profile.id);
  return profile.id;
}
