import { type AuditActor, AuditService, changedFields } from '@app/audit';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { CommissionErrorCode, CommissionException } from '../commissions.exception.js';
import { CommissionBooks } from './commission-books.js';
import { CommissionEntity } from './commission.entity.js';
import { type CommissionStamps, stampsOnTransition } from './commission-stamps.js';
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
    const stamps = stampsOnTransition(from, change.to, change.actor, change.reason, now);
    await manager.update(CommissionEntity, { id: commission.id }, { status: change.to, holdReasons, ...stamps });
    await this.audit.record(manager, {
      actor: change.actor,
      organizationId: commission.organizationId,
      action: 'commission.status_changed',
      entityType: 'commission',
      entityId: commission.id,
      ...changedFields({ status: from, holdReasons: commission.holdReasons }, { status: change.to, holdReasons }),
      reason: change.reason,
    });
    await this.books.sync(manager, [commission.id], change.actor);
    Object.assign(commission, { status: change.to, holdReasons, ...stamps });
  }

  /**
   * The same for many commissions going to one status (a payout run, a sent transfer): one
   * UPDATE per status they come from, one audit INSERT, one booking. Every commission is
   * checked first; one illegal transition changes nothing.
   */
  async applyMany(manager: EntityManager, commissions: readonly CommissionEntity[], change: TransitionChange, now = new Date()): Promise<void> {
    if (commissions.length === 0) return;
    for (const commission of commissions) {
      if (!canTransition(commission.status, change.to)) {
        throw new CommissionException(CommissionErrorCode.IllegalTransition, `Commission ${commission.id} is ${commission.status} and cannot become ${change.to}`);
      }
    }
    const holdReasons = change.to === CommissionStatus.ON_HOLD ? (change.holdReasons ?? []) : [];
    const before = commissions.map((commission) => ({ status: commission.status, holdReasons: commission.holdReasons }));
    const stamps = new Map<CommissionStatus, CommissionStamps>();
    for (const from of new Set(commissions.map((c) => c.status))) {
      const fromStamps = stampsOnTransition(from, change.to, change.actor, change.reason, now);
      stamps.set(from, fromStamps);
      const ids = commissions.filter((c) => c.status === from).map((c) => c.id);
      await manager.update(CommissionEntity, { id: In(ids) }, { status: change.to, holdReasons, ...fromStamps });
    }
    await this.audit.recordMany(
      manager,
      commissions.map((commission, i) => ({
        actor: change.actor,
        organizationId: commission.organizationId,
        action: 'commission.status_changed',
        entityType: 'commission',
        entityId: commission.id,
        ...changedFields(before[i]!, { status: change.to, holdReasons }),
        reason: change.reasonOf ? change.reasonOf(commission) : change.reason,
      })),
    );
    await this.books.sync(manager, commissions.map((c) => c.id), change.actor);
    commissions.forEach((commission, i) => Object.assign(commission, { status: change.to, holdReasons, ...stamps.get(before[i]!.status) }));
  }
}
