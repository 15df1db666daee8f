import { AuditService, changedFields, userActor } from '@app/audit';
import { brandOrganization, campaignDiscount } from '@app/campaigns';
import { type Actor, cleanText, isUniqueViolation, newId } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type ClaimableEnrollment, lockClaimableEnrollment } from '../enrollment-claims.js';
import { participationOf } from '../participation.js';
import { discountCodeNotFound, TrackingErrorCode, TrackingException } from '../tracking.exception.js';
import { codeKey, generatedCodes, normalizeCode } from './code-rules.js';
import { CodeAction, CodeStatus, codeTransition } from './discount-code-status.js';
import { DiscountCodeEntity } from './discount-code.entity.js';
import type { ClaimDiscountCodeInput } from './discount-code.inputs.js';
import { toDiscountCode } from './discount-code.mappers.js';
import type { DiscountCode } from './discount-code.model.js';

/** Issuing and revoking discount codes. A creator holds at most one active code per enrollment. */
@Injectable()
export class DiscountCodeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Issues the enrollment's code: the one proposed, or one made from the creator's handle.
   * Claiming again returns the active code when nothing else was asked for.
   */
  async claim(actor: Actor, input: ClaimDiscountCodeInput): Promise<DiscountCode> {
    const proposed = input.code === null || input.code === undefined || input.code.trim() === '' ? null : normalizeCode(input.code, 'input.code');
    const row = await this.db.transaction(async (manager) => {
      const claim = await lockClaimableEnrollment(manager, actor, input.enrollmentId, 'claim discount codes');
      const existing = await manager.findOneBy(DiscountCodeEntity, { enrollmentId: claim.enrollment.id, status: CodeStatus.ACTIVE });
      if (existing) {
        if (proposed === null || proposed === existing.code) return existing;
        throw new TrackingException(
          TrackingErrorCode.StateConflict,
          `You already hold the code ${existing.code} in this campaign; the brand can revoke it before you claim another`,
          { field: 'input.code' },
        );
      }
      const discount = campaignDiscount(claim.campaign);
      if (!discount) {
        throw new TrackingException(TrackingErrorCode.StateConflict, `Campaign ${claim.campaign.id} offers no discount, so it has no codes to claim`);
      }
      const values = {
        organizationId: claim.campaign.organizationId,
        campaignId: claim.campaign.id,
        enrollmentId: claim.enrollment.id,
        creatorId: claim.creatorId,
        discountType: discount.type,
        percentBps: discount.percentBps,
        amountMinor: discount.amountMinor,
        currency: claim.campaign.currency,
        status: CodeStatus.ACTIVE,
        createdByUserId: actor.userId,
        revokedAt: null,
        revokedByUserId: null,
        revokedReason: null,
      };
      const code = proposed ?? (await this.freeGeneratedCode(manager, claim));
      const entity = manager.create(DiscountCodeEntity, { id: newId(), code, codeKey: codeKey(code), ...values });
      try {
        await manager.insert(DiscountCodeEntity, entity);
      } catch (error) {
        if (isUniqueViolation(error, 'uq_discount_codes_organization_key')) throw codeTaken(code, proposed !== null);
        throw error;
      }
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId: entity.organizationId,
        action: 'discount_code.created',
        entityType: 'discount_code',
        entityId: entity.id,
        ...changedFields(null, { enrollmentId: entity.enrollmentId, code: entity.code, status: entity.status }),
      });
      return manager.findOneByOrFail(DiscountCodeEntity, { id: entity.id });
    });
    return this.present(row);
  }

  /** The brand turns a code off for good (it should also end it in its store). */
  async revoke(actor: Actor, id: string, reasonInput: string): Promise<DiscountCode> {
    const organizationId = brandOrganization(actor, 'revoke discount codes');
    const reason = cleanText(reasonInput, 'reason', { max: 1000, required: true });
    const row = await this.db.transaction(async (manager) => {
      const code = await manager
        .createQueryBuilder(DiscountCodeEntity, 'd')
        .where('d.id = :id AND d.organizationId = :organizationId', { id, organizationId })
        .setLock('pessimistic_write')
        .getOne();
      if (!code) throw discountCodeNotFound(id);
      const status = codeTransition(id, code.status as CodeStatus, CodeAction.REVOKE);
      const changes = { status, revokedAt: new Date(), revokedByUserId: actor.userId, revokedReason: reason };
      await manager.update(DiscountCodeEntity, { id }, changes);
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId,
        action: 'discount_code.status_changed',
        entityType: 'discount_code',
        entityId: id,
        ...changedFields(code, changes),
        reason,
      });
      return manager.findOneByOrFail(DiscountCodeEntity, { id });
    });
    return this.present(row);
  }

  private async present(row: DiscountCodeEntity): Promise<DiscountCode> {
    return toDiscountCode(row, (await participationOf(this.db, [row.enrollmentId])).get(row.enrollmentId));
  }

  /** The first generated code whose key the organization has not used (revoked codes included: a code is never reissued). */
  private async freeGeneratedCode(manager: EntityManager, claim: ClaimableEnrollment): Promise<string> {
    const discount = campaignDiscount(claim.campaign)!;
    for (let round = 0; round < 3; round += 1) {
      const candidates = generatedCodes(claim.handle, discount, claim.campaign.currency);
      const taken = await manager.find(DiscountCodeEntity, {
        where: { organizationId: claim.campaign.organizationId, codeKey: In(candidates.map(codeKey)) },
        select: { codeKey: true },
      });
      const takenKeys = new Set(taken.map((row) => row.codeKey));
      const free = candidates.find((candidate) => !takenKeys.has(codeKey(candidate)));
      if (free) return free;
    }
    throw new TrackingException(TrackingErrorCode.Taken, 'Could not find a free code from your handle; propose one instead', { field: 'input.code' });
  }
}

function codeTaken(code: string, proposed: boolean): TrackingException {
  return new TrackingException(
    TrackingErrorCode.Taken,
    proposed ? `The code ${code} is taken in this brand (or reads the same as one that is); choose another` : `The code ${code} was just taken; claim again`,
    { field: 'input.code' },
  );
}
