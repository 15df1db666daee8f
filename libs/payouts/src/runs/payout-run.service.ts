import { AuditService, userActor } from '@app/audit';
import { CommissionEntity, CommissionStatus, CommissionTransitions } from '@app/commissions';
import { type Actor, type AppConfig, InjectConfig, insertRows, newId, OutboxService } from '@app/core';
import { accountKeyString, LedgerService } from '@app/ledger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { PayoutAccountService } from '../accounts/payout-account.service.js';
import { PayoutsErrorCode, PayoutsException } from '../payouts.exception.js';
import { PAYOUTS_QUEUE, PayoutsJob } from '../payouts.queue.js';
import { type PayableCommission, planPayoutRun } from './payout-plan.js';
import { brandFundingKey, payoutInitiatedEntry } from './payout-ledger.js';
import { PayoutItemEntity } from './payout-item.entity.js';
import { PayoutRunExclusionEntity } from './payout-run-exclusion.entity.js';
import { PayoutRunEntity } from './payout-run.entity.js';
import { PayoutEntity } from './payout.entity.js';
import { PayoutRunStatus, PayoutStatus } from './payout-status.js';

export interface PayoutRunRequest {
  currency: string;
  /** Commissions approved up to this instant; now when omitted. */
  cutoff?: Date | null;
}

interface CommissionRow {
  id: string;
  creator_id: string;
  organization_id: string;
  amount_minor: string;
  approved_at: Date;
}

/**
 * Makes payout runs: every creator's approved commissions and open clawbacks in one
 * currency, netted, checked against their payout account, the minimum payout and their
 * brands' funding. The run, its payouts, the commissions' move to IN_PAYOUT, the ledger
 * entries and the outbox message that starts the transfers are one transaction.
 */
@Injectable()
export class PayoutRunService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly accounts: PayoutAccountService,
    private readonly ledger: LedgerService,
    private readonly transitions: CommissionTransitions,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: PayoutRunRequest, now = new Date()): Promise<PayoutRunEntity> {
    const currency = input.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new PayoutsException(PayoutsErrorCode.InvalidInput, `input.currency: must be an ISO 4217 code such as USD (got "${input.currency}")`, { field: 'input.currency' });
    }
    const cutoff = input.cutoff ?? now;
    if (Number.isNaN(cutoff.getTime()) || cutoff > now) {
      throw new PayoutsException(PayoutsErrorCode.InvalidInput, 'input.cutoff: must not be in the future', { field: 'input.cutoff' });
    }
    return this.db.transaction(async (manager) => {
      // One run per currency at a time: two runs picking the same commissions would wait on
      // each other's row locks and then pay nothing twice only thanks to the unique index.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`payout-run:${currency}`]);
      const rows: CommissionRow[] = await manager.query(
        `SELECT id, creator_id, organization_id, amount_minor, coalesce(approved_at, created_at) AS approved_at
           FROM commissions
          WHERE status = 'APPROVED' AND currency = $1 AND coalesce(approved_at, created_at) <= $2
          ORDER BY id
          FOR UPDATE`,
        [currency, cutoff],
      );
      const ids = rows.map((row) => row.id);
      const fees = await this.ledger.commissionFees(manager, ids);
      const organizations = [...new Set(rows.map((row) => row.organization_id))];
      const fundingKeys = organizations.map((organizationId) => brandFundingKey(organizationId, currency));
      const balances = await this.ledger.balances(manager, fundingKeys);
      const availableFunding = new Map(organizations.map((organizationId, i) => [organizationId, -(balances.get(accountKeyString(fundingKeys[i]!)) ?? 0n)]));
      const ready = await this.accounts.readyAccounts(manager, rows.map((row) => row.creator_id));
      const commissions: PayableCommission[] = rows.map((row) => ({
        id: row.id,
        creatorId: row.creator_id,
        organizationId: row.organization_id,
        amountMinor: BigInt(row.amount_minor),
        feeMinor: fees.get(row.id) ?? 0n,
        approvedAt: row.approved_at,
      }));
      const plan = planPayoutRun({ commissions, readyCreators: new Set(ready.keys()), availableFunding, minimumPayoutMinor: BigInt(this.config.payouts.minimumPayoutMinor) });

      const run: PayoutRunEntity = manager.create(PayoutRunEntity, {
        id: newId(),
        currency,
        cutoff,
        status: plan.payouts.length > 0 ? PayoutRunStatus.SENDING : PayoutRunStatus.COMPLETED,
        createdBy: actor.userId,
        payoutCount: plan.payouts.length,
        totalMinor: plan.payouts.reduce((total, payout) => total + payout.amountMinor, 0n),
        completedAt: plan.payouts.length > 0 ? null : now,
      });
      await manager.insert(PayoutRunEntity, run);
      const payouts = plan.payouts.map((planned) => ({ planned, id: newId() }));
      if (payouts.length > 0) {
        await insertRows(manager, PayoutEntity, payouts.map(({ planned, id }) => ({
          id,
          runId: run.id,
          creatorId: planned.creatorId,
          stripeAccountId: ready.get(planned.creatorId)!,
          currency,
          amountMinor: planned.amountMinor,
          grossMinor: planned.grossMinor,
          clawbackMinor: planned.clawbackMinor,
          status: PayoutStatus.PENDING,
        })));
        await insertRows(manager, PayoutItemEntity, payouts.flatMap(({ planned, id }) => planned.items.map((item) => ({
          payoutId: id,
          commissionId: item.id,
          organizationId: item.organizationId,
          amountMinor: item.amountMinor,
          feeMinor: item.feeMinor,
          releasedAt: null,
        }))));
        const paying = await manager.find(CommissionEntity, { where: { id: In(payouts.flatMap(({ planned }) => planned.items.map((item) => item.id))) } });
        await this.transitions.applyMany(manager, paying, { to: CommissionStatus.IN_PAYOUT, reason: `payout run ${run.id}`, actor: userActor(actor.userId) }, now);
        await this.ledger.postMany(manager, payouts.map(({ planned, id }) => payoutInitiatedEntry(id, currency, planned)));
        await this.outbox.add(manager, [{ queue: PAYOUTS_QUEUE, name: PayoutsJob.SendRun, jobId: `run-${run.id}`, payload: { runId: run.id } }]);
      }
      if (plan.exclusions.length > 0) {
        await insertRows(manager, PayoutRunExclusionEntity, plan.exclusions.map((exclusion) => ({ id: newId(), runId: run.id, ...exclusion })));
      }
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        action: 'payout_run.created',
        entityType: 'payout_run',
        entityId: run.id,
        after: { currency, cutoff: cutoff.toISOString(), payoutCount: run.payoutCount, totalMinor: run.totalMinor.toString(), excludedCreators: new Set(plan.exclusions.map((e) => e.creatorId)).size },
      });
      return run;
    });
  }
}
