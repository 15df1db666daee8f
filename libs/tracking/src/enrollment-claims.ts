import { type Actor } from '@app/core';
import {
  callingCreatorId,
  CampaignEntity,
  campaignStatusForHumans,
  campaignStillRunning,
  enrollmentNotFound,
  EnrollmentEntity,
  EnrollmentStatus,
} from '@app/campaigns';
import { CreatorProfileEntity, SocialAccountEntity } from '@app/creators';
import type { EntityManager } from 'typeorm';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';

/** An enrollment its creator is claiming a link or a code for, locked for the rest of the transaction. */
export interface ClaimableEnrollment {
  enrollment: EnrollmentEntity;
  campaign: CampaignEntity;
  creatorId: string;
  /** The handle shoppers know the creator by: their biggest account on one of the campaign's platforms. */
  handle: string;
}

/**
 * Locks the calling creator's enrollment for a claim: it must be theirs (anything else is
 * NOT_FOUND), APPROVED, and its campaign still running. Claims of one enrollment queue up
 * behind this lock, so limits hold under concurrency.
 */
export async function lockClaimableEnrollment(manager: EntityManager, actor: Actor, enrollmentId: string, action: string): Promise<ClaimableEnrollment> {
  const creatorId = await callingCreatorId(manager, actor, action);
  const enrollment = await manager
    .createQueryBuilder(EnrollmentEntity, 'e')
    .where('e.id = :enrollmentId AND e.creatorId = :creatorId', { enrollmentId, creatorId })
    .setLock('pessimistic_write')
    .getOne();
  if (!enrollment) throw enrollmentNotFound(enrollmentId);
  if (enrollment.status !== EnrollmentStatus.APPROVED) {
    throw new TrackingException(TrackingErrorCode.StateConflict, `Enrollment ${enrollmentId} is ${enrollment.status}: only an APPROVED enrollment can ${action}`);
  }
  const campaign = await manager.findOneByOrFail(CampaignEntity, { id: enrollment.campaignId });
  if (!campaignStillRunning(campaign)) {
    throw new TrackingException(TrackingErrorCode.StateConflict, `Campaign ${campaign.id} is ${campaignStatusForHumans(campaign)}: it no longer takes new links or codes`);
  }
  return { enrollment, campaign, creatorId, handle: await primaryHandle(manager, creatorId, campaign.platforms) };
}

async function primaryHandle(manager: EntityManager, creatorId: string, platforms: string[]): Promise<string> {
  const account = await manager
    .createQueryBuilder(SocialAccountEntity, 'a')
    .select(['a.handle'])
    .where('a.creatorId = :creatorId', { creatorId })
    .orderBy('(a.platform = ANY(:platforms))', 'DESC')
    .addOrderBy('a.followers', 'DESC')
    .addOrderBy('a.id', 'ASC')
    .setParameter('platforms', platforms)
    .getOne();
  if (account) return account.handle;
  const profile = await manager.findOneByOrFail(CreatorProfileEntity, { id: creatorId });
  return profile.displayName;
}
