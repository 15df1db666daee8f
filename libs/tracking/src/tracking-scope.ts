import { campaignNotFound, CampaignEntity, isPlatformStaff } from '@app/campaigns';
import { type Actor, Role } from '@app/core';
import type { CreatorProfileService } from '@app/creators';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';

/** Whose links and codes a caller sees: platform staff all, a brand team its organization's, a creator their own. */
export type TrackingScope = { kind: 'all' } | { kind: 'organization'; organizationId: string } | { kind: 'creator'; creatorId: string | null };

export async function trackingScope(actor: Actor, profiles: CreatorProfileService): Promise<TrackingScope> {
  if (isPlatformStaff(actor)) return { kind: 'all' };
  if (actor.organizationId) return { kind: 'organization', organizationId: actor.organizationId };
  if (actor.roles.includes(Role.CREATOR)) return { kind: 'creator', creatorId: (await profiles.findByUserId(actor.userId))?.id ?? null };
  throw new TrackingException(TrackingErrorCode.NotAllowed, 'Only brands, creators and platform staff see links and codes');
}

export function applyScope<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: TrackingScope): SelectQueryBuilder<T> {
  const alias = query.alias;
  if (scope.kind === 'organization') query.andWhere(`${alias}.organizationId = :scopeOrganizationId`, { scopeOrganizationId: scope.organizationId });
  if (scope.kind === 'creator') {
    if (scope.creatorId) query.andWhere(`${alias}.creatorId = :scopeCreatorId`, { scopeCreatorId: scope.creatorId });
    else query.andWhere('false');
  }
  return query;
}

/** A brand asking for one campaign's links or codes must own it: another brand's campaign is NOT_FOUND. */
export async function assertCampaignInScope(db: DataSource, scope: TrackingScope, campaignId: string): Promise<void> {
  if (scope.kind !== 'organization') return;
  const owned = await db.getRepository(CampaignEntity).existsBy({ id: campaignId, organizationId: scope.organizationId });
  if (!owned) throw campaignNotFound(campaignId);
}
