import { AuditService, systemActor } from '@app/audit';
import { CommissionEntity, CommissionStatus, CommissionTransitions } from '@app/commissions';
import { EntryKind, LedgerService } from '@app/ledger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Stripe from 'stripe';
import { DataSource, type EntityManager, In } from 'typeorm';
import { payoutSentEntry } from '../runs/payout-ledger.js';
import { completeFinishedRuns } from '../runs/payout-run-completion.js';
import { PayoutEntity } from '../runs/payout.entity.js';
import { canPayoutTransition, PayoutStatus } from '../runs/payout-status.js';

const WORKER = systemActor('payouts.transfer');

/**
 * Records what became of a payout's transfer, once: the payout row is locked and must still
 * be PENDING, so a job run twice, or a lookup racing a late answer, settles it one time.
 */
@Injectable()
export class PayoutSettlement {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transitions: CommissionTransitions,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The transfers exist: the payouts are SENT, their commissions PAID, in one transaction
   * (the worker records transfers as they come back, together: one statement per table
   * instead of one per payout). Returns the payouts this call settled; the others had been
   * settled before (a job run twice, a lookup racing a late answer).
   */
  async sentMany(outcomes: readonly { payoutId: string; transfer: Stripe.Transfer }[]): Promise<Set<string>> {
    const transfers = new Map(outcomes.map((outcome) => [outcome.payoutId, outcome.transfer]));
    const settled = await this.db.transaction(async (manager) => {
      const payouts: { id: string; run_id: string; currency: string; amount_minor: string }[] = await manager.query(
        `SELECT id, run_id, currency, amount_minor FROM payouts WHERE id = ANY($1::uuid[]) AND status = 'PENDING' ORDER BY id FOR UPDATE`,
        [[...transfers.keys()]],
      );
      if (payouts.length === 0) return [];
      const ids = payouts.map((payout) => payout.id);
      const now = new Date();
      await manager.query(
        `UPDATE payouts p SET status = 'SENT', stripe_transfer_id = d.transfer_id, outcome_unknown = false, last_error = NULL, sent_at = $3, updated_at = $3
           FROM unnest($1::uuid[], $2::text[]) AS d(id, transfer_id)
          WHERE p.id = d.id`,
        [ids, ids.map((id) => transfers.get(id)!.id), now],
      );
      const payoutOf = new Map<string, string>();
      const commissions = await this.itemsOf(manager, ids, payoutOf);
      await this.transitions.applyMany(
        manager,
        commissions,
        { to: CommissionStatus.PAID, reason: null, reasonOf: (c) => `payout ${payoutOf.get(c.id)} sent as ${transfers.get(payoutOf.get(c.id)!)!.id}`, actor: WORKER },
        now,
      );
      await this.audit.recordMany(
        manager,
        ids.map((id) => ({
          actor: WORKER,
          action: 'payout.status_changed',
          entityType: 'payout',
          entityId: id,
          before: { status: PayoutStatus.PENDING },
          after: { status: PayoutStatus.SENT, stripeTransferId: transfers.get(id)!.id },
          reason: `transfer ${transfers.get(id)!.id} created`,
        })),
      );
      await this.ledger.postMany(
        manager,
        payouts.map((payout) => payoutSentEntry(payout.id, payout.currency.trim(), BigInt(payout.amount_minor), transfers.get(payout.id)!.id)),
      );
      return payouts;
    });
    if (settled.length > 0) await this.closeRunsIfDone([...new Set(settled.map((payout) => payout.run_id))]);
    return new Set(settled.map((payout) => payout.id));
  }

  /**
   * Stripe refused the transfer for good: the payout is FAILED with the reason, its
   * commissions are APPROVED again (free for the next run), and its ledger entry is reversed.
   */
  async failed(payoutId: string, code: string, message: string): Promise<boolean> {
    const settled = await this.db.transaction(async (manager) => {
      const payout = await this.lockPending(manager, payoutId);
      if (!payout) return null;
      const now = new Date();
      await manager.update(PayoutEntity, { id: payout.id }, { status: PayoutStatus.FAILED, outcomeUnknown: false, failureCode: code, failureMessage: message.slice(0, 1_000), failedAt: now });
      const commissions = await this.itemsOf(manager, [payout.id]);
      await manager.query(`UPDATE payout_items SET released_at = $2 WHERE payout_id = $1 AND released_at IS NULL`, [payout.id, now]);
      await this.transitions.applyMany(manager, commissions, { to: CommissionStatus.APPROVED, reason: `payout ${payout.id} failed: ${code}`, actor: WORKER }, now);
      await this.ledger.reverse(manager, { type: 'payout', id: payout.id }, EntryKind.PAYOUT_INITIATED, EntryKind.PAYOUT_FAILED, `Payout ${payout.id} failed (${code}): back to payable`);
      await this.audit.record(manager, {
        actor: WORKER,
        action: 'payout.status_changed',
        entityType: 'payout',
        entityId: payout.id,
        before: { status: payout.status },
        after: { status: PayoutStatus.FAILED, failureCode: code },
        reason: message,
      });
      return payout.runId;
    });
    if (settled) await this.closeRunsIfDone([settled]);
    return settled !== null;
  }

  private async lockPending(manager: EntityManager, payoutId: string): Promise<PayoutEntity | null> {
    const payout = await manager.createQueryBuilder(PayoutEntity, 'p').where('p.id = :payoutId', { payoutId }).setLock('pessimistic_write').getOne();
    if (!payout || !canPayoutTransition(payout.status, PayoutStatus.SENT)) return null;
    return payout;
  }

  /** The commissions the payouts pay, locked in id order; `payoutOf` learns which payout pays each. */
  private async itemsOf(manager: EntityManager, payoutIds: readonly string[], payoutOf = new Map<string, string>()): Promise<CommissionEntity[]> {
    const rows: { commission_id: string; payout_id: string }[] = await manager.query(
      `SELECT commission_id, payout_id FROM payout_items WHERE payout_id = ANY($1::uuid[]) AND released_at IS NULL`,
      [payoutIds],
    );
    if (rows.length === 0) return [];
    for (const row of rows) payoutOf.set(row.commission_id, row.payout_id);
    return manager
      .createQueryBuilder(CommissionEntity, 'c')
      .where({ id: In(rows.map((row) => row.commission_id)) })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** After the commit, so the last payout to settle (whichever commits last) sees every other one settled. */
  private async closeRunsIfDone(runIds: readonly string[]): Promise<void> {
    await completeFinishedRuns(this.db, this.audit, WORKER, runIds);
  }
}
