import { userActor } from '@app/audit';
import { type Actor, type AppConfig, assertAnyRole, BadUserInputException, cleanText, InjectConfig, InputProblems, Role } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CommissionReviewBlockedException } from '../commissions.exception.js';
import { CommissionEntity } from './commission.entity.js';
import { CommissionGates } from './commission-gates.js';
import { CommissionStatus } from './commission-status.js';
import { CommissionTransitions } from './commission-transitions.js';
import { approvalBlockers, approvalTargets, rejectionBlockers, reviewIds } from './review-rules.js';

const MAX_TEXT = 1_000;

export interface ApprovalOutcome {
  /** In the order of the ids given. */
  commissions: CommissionEntity[];
  approved: number;
  pendingSecondReview: number;
}

export interface RejectionOutcome {
  commissions: CommissionEntity[];
}

/**
 * Finance decides on many commissions at once, all or nothing: the commissions are locked
 * (in id order, so two reviewers never deadlock), every one is checked, and if any blocks
 * the decision nothing changes and the caller learns every blocker. Each status change goes
 * through the transition table, which audits it with the reviewer and their words.
 */
@Injectable()
export class CommissionReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly transitions: CommissionTransitions,
    private readonly gates: CommissionGates,
  ) {}

  /**
   * Approves ELIGIBLE commissions, or those awaiting a second review when the caller is not
   * their first approver. Above `finance.secondReviewAboveMinor` per currency (all the ids
   * together), ELIGIBLE ones go to APPROVAL_PENDING_SECOND_REVIEW instead.
   */
  async approve(actor: Actor, idsInput: readonly string[], noteInput: string | null | undefined): Promise<ApprovalOutcome> {
    assertAnyRole(actor, [Role.FINANCE, Role.ADMIN], 'approve commissions');
    const problems = new InputProblems();
    const ids = reviewIds(idsInput, problems);
    const note = this.text(noteInput, 'note', false, problems);
    problems.throwIfAny();
    return this.db.transaction(async (manager) => {
      const rows = await this.lock(manager, ids);
      const facts = await this.gates.factsFor(manager, [...rows.values()]);
      const blocked = ids.flatMap((id) => approvalBlockers(id, rows.get(id), facts.get(id), actor.userId));
      if (blocked.length > 0) throw new CommissionReviewBlockedException('approved', ids.length, blocked);
      const targets = approvalTargets([...rows.values()], BigInt(this.config.finance.secondReviewAboveMinor));
      const commissions = ids.map((id) => rows.get(id)!);
      // One batch per target status: one UPDATE, one audit INSERT and one ledger booking for
      // all of them, with the ledger's locks taken once, in order.
      for (const to of new Set(targets.values())) {
        await this.transitions.applyMany(manager, commissions.filter((c) => targets.get(c.id) === to), { to, reason: note, actor: userActor(actor.userId) });
      }
      const approved = commissions.filter((c) => c.status === CommissionStatus.APPROVED).length;
      return { commissions, approved, pendingSecondReview: commissions.length - approved };
    });
  }

  /** Rejects commissions the transition table lets finance reject (ELIGIBLE, ON_HOLD, awaiting a second review), with a reason. */
  async reject(actor: Actor, idsInput: readonly string[], reasonInput: string): Promise<RejectionOutcome> {
    assertAnyRole(actor, [Role.FINANCE, Role.ADMIN], 'reject commissions');
    const problems = new InputProblems();
    const ids = reviewIds(idsInput, problems);
    const reason = this.text(reasonInput, 'reason', true, problems);
    problems.throwIfAny();
    return this.db.transaction(async (manager) => {
      const rows = await this.lock(manager, ids);
      const blocked = ids.flatMap((id) => rejectionBlockers(id, rows.get(id)));
      if (blocked.length > 0) throw new CommissionReviewBlockedException('rejected', ids.length, blocked);
      const commissions = ids.map((id) => rows.get(id)!);
      await this.transitions.applyMany(manager, commissions, { to: CommissionStatus.REJECTED, reason, actor: userActor(actor.userId) });
      return { commissions };
    });
  }

  private async lock(manager: EntityManager, ids: readonly string[]): Promise<Map<string, CommissionEntity>> {
    const rows = await manager
      .createQueryBuilder(CommissionEntity, 'c')
      .where('c.id IN (:...ids)', { ids })
      .orderBy('c.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Trimmed text of at most {@link MAX_TEXT} characters (the rule of all free text), its problem added to `problems`. */
  private text(value: string | null | undefined, field: string, required: boolean, problems: InputProblems): string | null {
    try {
      return cleanText(value, field, { max: MAX_TEXT, required });
    } catch (error) {
      if (!(error instanceof BadUserInputException)) throw error;
      for (const problem of error.fields ?? []) problems.add(problem.field, problem.message);
      return null;
    }
  }
}
