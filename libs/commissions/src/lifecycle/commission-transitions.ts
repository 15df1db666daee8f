import { type AuditActor, AuditService } from '@app/audit';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { CommissionErrorCode, CommissionException } from '../commissions.exception.js';
import { CommissionBooks } from './commission-books.js';
import { CommissionEntity } from './commission.entity.js';
import { transitionStamps } from './commission-stamps.js';
import { canTransition, CommissionStatus, type HoldReason } from './commission-status.js';

export interface TransitionChange {
  to: CommissionStatus;
  holdReasons?: HoldReason[];
  reason: string | null;
  /** For `applyMany`: a reason of each commission's own (which payout paid it), else `reason`. */
  reasonOf?: (commission: CommissionEntity) => string;
  actor: AuditActor;
}

/**
 * The only way a commission's status changes: checked against the transition table, and
 * written to the audit log in the same transaction.
 */
@Injectable()
export class CommissionTransitions {
  constructor(
    private readonly audit: AuditService,
    private readonly books: CommissionBooks,
  ) {}

  async apply(manager: EntityManager, commission: CommissionEntity, change: TransitionChange, now = new Date()): Promise<void> {
    const from = commission.status;
    if (!canTransition(from, change.to)) {
      throw new CommissionException(CommissionErrorCode.IllegalTransition, `Commission ${commission.id} is ${from} and cannot become ${change.to}`);
    }
    const holdReasons = change.to === CommissionStatus.ON_HOLD ? (change.holdReasons ?? commission.holdReasons) : [];
    const stamps = transitionStamps(change.to, change.actor, change.reason, now);
    await manager.update(CommissionEntity, { id: commission.id }, { status: change.to, holdReasons, ...stamps });
    await this.audit.record(manager, {
      actor: change.actor,
      organizationId: commission.organizationId,
      action: 'commission.status_changed',
      entityType: 'commission',
      entityId: commission.id,
      before: { status: from, holdReasons: commission.holdReasons },
      after: { status: change.to, holdReasons },
      reason: change.reason,
    });
    await this.books.sync(manager, [commission.id], change.actor);
    Object.assign(commission, { status: change.to, holdReasons, ...stamps });
  }

  /**
   * The same for many commissions going to one status (a payout run, a sent transfer): one
   * UPDATE, one audit INSERT. Every commission is checked first; one illegal transition
   * changes nothing.
   */
  async applyMany(manager: EntityManager, commissions: readonly CommissionEntity[], change: TransitionChange, now = new Date()): Promise<void> {
    if (commissions.length === 0) return;
    for (const commission of commissions) {
      if (!canTransition(commission.status, change.to)) {
        throw new CommissionException(CommissionErrorCode.IllegalTransition, `Commission ${commission.id} is ${commission.status} and cannot become ${change.to}`);
      }
    }
    const holdReasons = change.to === CommissionStatus.ON_HOLD ? (change.holdReasons ?? []) : [];
    const stamps: Partial<CommissionEntity> = {};
    if (change.to === CommissionStatus.APPROVED) stamps.approvedAt = now;
    if (change.to === CommissionStatus.PAID) stamps.paidAt = now;
    if (change.to === CommissionStatus.REVERSED) stamps.reversedAt = now;
    await manager.update(CommissionEntity, { id: In(commissions.map((c) => c.id)) }, { status: change.to, holdReasons, ...stamps });
    await this.audit.recordMany(
      manager,
      commissions.map((commission) => ({
        actor: change.actor,
        organizationId: commission.organizationId,
        action: 'commission.status_changed',
        entityType: 'commission',
        entityId: commission.id,
        before: { status: commission.status, holdReasons: commission.holdReasons },
        after: { status: change.to, holdReasons },
        reason: change.reasonOf ? change.reasonOf(commission) : change.reason,
      })),
    );
    for (const commission of commissions) Object.assign(commission, { status: change.to, holdReasons, ...stamps });
  }
}
