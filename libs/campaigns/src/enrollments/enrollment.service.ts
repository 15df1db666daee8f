import { AuditService, changedFields, userActor } from '@app/audit';
import { type Actor, cleanText, DomainEvents, isUniqueViolation, newId } from '@app/core';
import { CreatorProfileEntity, creatorNotFound, SocialAccountEntity } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { brandOrganization, lockOwnCampaign } from '../campaigns/campaign-access.js';
import { CampaignStatus, campaignStatusForHumans, campaignStillRunning } from '../campaigns/campaign-status.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { CampaignVisibility } from '../campaigns/campaign.model.js';
import { EnrollmentsChanged } from '../campaigns.events.js';
import { CampaignErrorCode, CampaignException, campaignNotFound, enrollmentNotFound, RequirementsNotMetException } from '../campaigns.exception.js';
import { CreatorBanService } from './creator-ban.service.js';
import { callingCreatorId } from './creator-actor.js';
import { checkEligibility } from './eligibility.js';
import { EnrollmentAction, EnrollmentOrigin, EnrollmentStatus, enrollmentTransition, RejectionReason, RemovalReason, ReviewDecision } from './enrollment-status.js';
import { EnrollmentEntity } from './enrollment.entity.js';
import { toEnrollment } from './enrollment.mappers.js';
import type { Enrollment } from './enrollment.model.js';

/** Applications, invitations and their decisions: every change goes through the enrollment transition table. */
@Injectable()
export class EnrollmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bans: CreatorBanService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async apply(actor: Actor, campaignId: string, pitchInput: string): Promise<Enrollment> {
    const pitch = cleanText(pitchInput, 'pitch', { max: 2000, required: true });
    return this.db.transaction(async (manager) => {
      const creatorId = await callingCreatorId(manager, actor, 'apply to campaigns');
      const campaign = await manager.createQueryBuilder(CampaignEntity, 'c').where('c.id = :campaignId', { campaignId }).setLock('pessimistic_read').getOne();
      if (!campaign || campaign.status === CampaignStatus.DRAFT) throw campaignNotFound(campaignId);
      if (campaign.visibility === CampaignVisibility.INVITE_ONLY) {
        throw new CampaignException(CampaignErrorCode.NotAllowed, `Campaign ${campaignId} is by invitation only`);
      }
      if (campaign.status !== CampaignStatus.ACTIVE || !campaignStillRunning(campaign)) {
        throw new CampaignException(CampaignErrorCode.StateConflict, `Campaign ${campaignId} is ${campaignStatusForHumans(campaign)} and not accepting applications`);
      }
      if (await this.bans.isBanned(manager, campaign.organizationId, creatorId)) {
        throw new CampaignException(CampaignErrorCode.NotAllowed, `This brand is not accepting applications from you`);
      }
      await this.assertNotEnrolled(manager, campaignId, creatorId);
      const accounts = await manager.find(SocialAccountEntity, { where: { creatorId }, select: { platform: true, followers: true, engagementRate: true } });
      const eligibility = checkEligibility(campaign, accounts);
      if (eligibility.unmet.length > 0) {
        throw new RequirementsNotMetException(`You don't meet this campaign's requirements: ${eligibility.reasons.join('; ')}`, eligibility.unmet);
      }
      const now = new Date();
      const approved = campaign.autoApprove;
      return this.insert(manager, actor, {
        campaignId,
        organizationId: campaign.organizationId,
        creatorId,
        origin: EnrollmentOrigin.APPLICATION,
        status: approved ? EnrollmentStatus.APPROVED : EnrollmentStatus.APPLIED,
        pitch,
        decidedAt: approved ? now : null,
        approvedAt: approved ? now : null,
      });
    });
  }

  async invite(actor: Actor, campaignId: string, creatorId: string, messageInput: string | null | undefined): Promise<Enrollment> {
    const organizationId = brandOrganization(actor, 'invite creators');
    const invitationMessage = cleanText(messageInput, 'message', { max: 2000, required: false });
    return this.db.transaction(async (manager) => {
      const campaign = await lockOwnCampaign(manager, organizationId, campaignId);
      if (!campaignStillRunning(campaign)) {
        throw new CampaignException(CampaignErrorCode.StateConflict, `Campaign ${campaignId} is ${campaignStatusForHumans(campaign)}: invite creators to an ACTIVE or PAUSED campaign`);
      }
      if (!(await manager.existsBy(CreatorProfileEntity, { id: creatorId }))) {
        throw creatorNotFound(creatorId);
      }
      if (await this.bans.isBanned(manager, organizationId, creatorId)) {
        throw new CampaignException(CampaignErrorCode.StateConflict, `Creator ${creatorId} is banned by your organization; unban them first`);
      }
      await this.assertNotEnrolled(manager, campaignId, creatorId);
      return this.insert(manager, actor, { campaignId, organizationId, creatorId, origin: EnrollmentOrigin.INVITATION, status: EnrollmentStatus.INVITED, invitationMessage });
    });
  }

  async review(actor: Actor, id: string, decision: ReviewDecision, reason: RejectionReason | null | undefined, noteInput: string | null | undefined): Promise<Enrollment> {
    const organizationId = brandOrganization(actor, 'review applications');
    const note = cleanText(noteInput, 'note', { max: 2000, required: reason === RejectionReason.OTHER });
    if (decision === ReviewDecision.REJECT && !reason) throw new CampaignException(CampaignErrorCode.InvalidInput, 'reason is required to reject an application', { field: 'reason' });
    if (decision === ReviewDecision.APPROVE && reason) throw new CampaignException(CampaignErrorCode.InvalidInput, 'reason applies only when rejecting', { field: 'reason' });
    const action = decision === ReviewDecision.APPROVE ? EnrollmentAction.APPROVE : EnrollmentAction.REJECT;
    return this.changed(
      this.db.transaction(async (manager) => {
        const row = await this.lock(manager, id, { organizationId });
        await this.assertCampaignRunning(manager, row.campaignId);
        return this.decide(manager, actor, row, action, { reasonCode: reason ?? null, reasonNote: note });
      }),
    );
  }

  async respond(actor: Actor, id: string, accept: boolean): Promise<Enrollment> {
    return this.changed(
      this.db.transaction(async (manager) => {
        const creatorId = await callingCreatorId(manager, actor, 'answer invitations');
        const row = await this.lock(manager, id, { creatorId });
        const action = accept ? EnrollmentAction.ACCEPT : EnrollmentAction.DECLINE;
        if (accept) await this.assertCampaignRunning(manager, row.campaignId);
        return this.decide(manager, actor, row, action, {});
      }),
    );
  }

  async remove(actor: Actor, id: string, reason: RemovalReason, noteInput: string | null | undefined): Promise<Enrollment> {
    const organizationId = brandOrganization(actor, 'remove creators from campaigns');
    if (reason === RemovalReason.BANNED) {
      throw new CampaignException(CampaignErrorCode.InvalidInput, 'reason BANNED is set by banCreator; choose another reason', { field: 'reason' });
    }
    const note = cleanText(noteInput, 'note', { max: 2000, required: reason === RemovalReason.OTHER });
    return this.changed(
      this.db.transaction(async (manager) => {
        const row = await this.lock(manager, id, { organizationId });
        return this.decide(manager, actor, row, EnrollmentAction.REMOVE, { reasonCode: reason, reasonNote: note });
      }),
    );
  }

  async leave(actor: Actor, id: string): Promise<Enrollment> {
    return this.changed(
      this.db.transaction(async (manager) => {
        const creatorId = await callingCreatorId(manager, actor, 'leave campaigns');
        const row = await this.lock(manager, id, { creatorId });
        return this.decide(manager, actor, row, EnrollmentAction.LEAVE, {});
      }),
    );
  }

  /** Announces a committed status change, so what follows the enrollment (its links) can react. */
  private async changed(committed: Promise<Enrollment>): Promise<Enrollment> {
    const enrollment = await committed;
    this.events.emit(EnrollmentsChanged, { enrollmentIds: [enrollment.id] });
    return enrollment;
  }

  private async decide(
    manager: EntityManager,
    actor: Actor,
    row: EnrollmentEntity,
    action: EnrollmentAction,
    extra: Partial<Pick<EnrollmentEntity, 'reasonCode' | 'reasonNote'>>,
  ): Promise<Enrollment> {
    const status = enrollmentTransition(row.id, row.status as EnrollmentStatus, action);
    const now = new Date();
    const changes: Partial<EnrollmentEntity> = { status, decidedAt: now, decidedByUserId: actor.userId, ...extra };
    if (status === EnrollmentStatus.APPROVED) changes.approvedAt = now;
    else changes.endedAt = now;
    await manager.update(EnrollmentEntity, { id: row.id }, changes);
    await this.audit.record(manager, {
      actor: userActor(actor.userId),
      organizationId: row.organizationId,
      action: 'enrollment.status_changed',
      entityType: 'enrollment',
      entityId: row.id,
      ...changedFields(row, changes),
      reason: extra.reasonNote ?? extra.reasonCode ?? null,
    });
    return toEnrollment(await manager.findOneByOrFail(EnrollmentEntity, { id: row.id }));
  }

  /** Locks an enrollment of the caller's organization or of the calling creator; anything else is NOT_FOUND. */
  private async lock(manager: EntityManager, id: string, owner: { organizationId: string } | { creatorId: string }): Promise<EnrollmentEntity> {
    const row = await manager
      .createQueryBuilder(EnrollmentEntity, 'e')
      .where('e.id = :id', { id })
      .andWhere('organizationId' in owner ? 'e.organizationId = :owner' : 'e.creatorId = :owner', {
        owner: 'organizationId' in owner ? owner.organizationId : owner.creatorId,
      })
      .setLock('pessimistic_write')
      .getOne();
    if (!row) throw enrollmentNotFound(id);
    return row;
  }

  private async assertCampaignRunning(manager: EntityManager, campaignId: string): Promise<void> {
    const campaign = await manager.findOneOrFail(CampaignEntity, { where: { id: campaignId }, select: { id: true, status: true, endsAt: true } });
    if (!campaignStillRunning(campaign)) {
      throw new CampaignException(CampaignErrorCode.StateConflict, `Campaign ${campaignId} is ${campaignStatusForHumans(campaign)}: its enrollments can no longer change`);
    }
  }

  private async assertNotEnrolled(manager: EntityManager, campaignId: string, creatorId: string): Promise<void> {
    const existing = await manager.findOne(EnrollmentEntity, { where: { campaignId, creatorId }, select: { id: true, status: true } });
    if (existing) {
      throw new CampaignException(CampaignErrorCode.AlreadyExists, `This creator already has an enrollment in campaign ${campaignId} (${existing.status})`);
    }
  }

  private async insert(manager: EntityManager, actor: Actor, values: Partial<EnrollmentEntity>): Promise<Enrollment> {
    const row = manager.create(EnrollmentEntity, { id: newId(), pitch: null, invitationMessage: null, reasonCode: null, reasonNote: null, decidedByUserId: null, decidedAt: null, approvedAt: null, endedAt: null, ...values });
    try {
      await manager.insert(EnrollmentEntity, row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new CampaignException(CampaignErrorCode.AlreadyExists, `This creator already has an enrollment in campaign ${values.campaignId}`);
      throw error;
    }
    await this.audit.record(manager, {
      actor: userActor(actor.userId),
      organizationId: row.organizationId,
      action: 'enrollment.created',
      entityType: 'enrollment',
      entityId: row.id,
      ...changedFields(null, { campaignId: row.campaignId, creatorId: row.creatorId, origin: row.origin, status: row.status }),
    });
    return toEnrollment(await manager.findOneByOrFail(EnrollmentEntity, { id: row.id }));
  }
}
