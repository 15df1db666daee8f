import { type OrderAdjustmentEntity, OrderAdjustmentKind, type OrderEntity, OrderStatus, type OrderClick } from '@app/attribution';
import { type AuditActor, AuditService, systemActor } from '@app/audit';
import { CampaignTermsEntity, CampaignTermsService } from '@app/campaigns';
import { newId } from '@app/core';
import { FraudScreenService } from '@app/fraud';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { commissionAfterChanges, computeCommission } from '../math/commission-math.js';
import type { CommissionQuote } from '../math/commission-terms.js';
import { commissionOrderOf, commissionTermsOf } from '../math/terms-mapping.js';
import { CommissionAdjustmentEntity, CommissionAdjustmentKind } from './commission-adjustment.entity.js';
import { CommissionBooks } from './commission-books.js';
import { CommissionEntity } from './commission.entity.js';
import { CommissionKind, CommissionStatus, HoldReason, isSettled, LIVE_STATUSES } from './commission-status.js';
import { CommissionTransitions } from './commission-transitions.js';

const DAY_MS = 86_400_000;
const PIPELINE = systemActor('sales-pipeline');

export interface Attribution {
  campaignId: string;
  enrollmentId: string;
  creatorId: string;
  /** The code that won, as typed, when a code won. */
  winningCode: string | null;
}

const ADJUSTMENT_KINDS: Record<OrderAdjustmentKind, CommissionAdjustmentKind> = {
  [OrderAdjustmentKind.CREATED]: CommissionAdjustmentKind.CREATED,
  [OrderAdjustmentKind.UPDATED]: CommissionAdjustmentKind.ORDER_UPDATED,
  [OrderAdjustmentKind.REFUNDED]: CommissionAdjustmentKind.REFUND,
  [OrderAdjustmentKind.CANCELLED]: CommissionAdjustmentKind.CANCELLED,
};

function utcMonthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/**
 * Commissions from orders: one per attributed order, computed under the campaign's terms in
 * force at the order time, then moved by each later change of the order through an
 * adjustment (never rewritten). After payout a change becomes a new CLAWBACK or TOP_UP
 * commission instead, carried into the creator's next payout.
 */
@Injectable()
export class CommissionWriter {
  constructor(
    private readonly terms: CampaignTermsService,
    private readonly transitions: CommissionTransitions,
    private readonly fraud: FraudScreenService,
    private readonly audit: AuditService,
    private readonly books: CommissionBooks,
  ) {}

  async createForOrder(
    manager: EntityManager,
    order: OrderEntity,
    attribution: Attribution,
    created: OrderAdjustmentEntity,
    click: OrderClick | null,
    actor: AuditActor = PIPELINE,
    /** The campaign's terms at the order time when the caller has already read them in this transaction. */
    termsAtOrder?: CampaignTermsEntity,
  ): Promise<CommissionEntity> {
    const terms = termsAtOrder ?? (await this.terms.termsAtMany(manager, [attribution.campaignId], order.orderedAt)).get(attribution.campaignId)!;
    const [campaign] = await manager.query<{ currency: string; budget_minor: string | null }[]>(`SELECT currency, budget_minor FROM campaigns WHERE id = $1`, [
      attribution.campaignId,
    ]);
    const tierBasisMinor = terms.tiers.length > 0 ? await this.monthToDate(manager, order, attribution) : 0n;
    const quote = computeCommission(commissionTermsOf(terms, campaign!.currency), commissionOrderOf(order), tierBasisMinor);
    const amountMinor = commissionAfterChanges(quote.amountMinor, quote.netMinor, order.refundedNetMinor, order.status === OrderStatus.CANCELLED);

    const holdReasons: HoldReason[] = [];
    if (quote.currencyMismatch) holdReasons.push(HoldReason.CURRENCY_MISMATCH);
    const screened = await this.fraud.screen(manager, {
      orderId: order.id,
      organizationId: order.organizationId,
      orderedAt: order.orderedAt,
      creatorId: attribution.creatorId,
      customerEmailHash: order.customerEmailHash,
      customerIdHash: order.customerIdHash,
      winningCode: attribution.winningCode,
      click: click && click.organizationId === order.organizationId ? click : null,
    });
    if (screened.signals.length > 0) holdReasons.push(HoldReason.FRAUD);
    if (campaign!.budget_minor !== null && !quote.currencyMismatch && amountMinor > 0n) {
      if (await this.overBudget(manager, attribution.campaignId, BigInt(campaign!.budget_minor), amountMinor)) holdReasons.push(HoldReason.BUDGET_EXHAUSTED);
    }

    const eligibleAt = new Date(order.orderedAt.getTime() + terms.holdDays * DAY_MS);
    const now = new Date();
    const ended = order.status === OrderStatus.CANCELLED || (order.status === OrderStatus.REFUNDED && amountMinor === 0n);
    const status = ended
      ? CommissionStatus.REVERSED
      : holdReasons.length > 0
        ? CommissionStatus.ON_HOLD
        : eligibleAt <= now
          ? CommissionStatus.ELIGIBLE
          : CommissionStatus.PENDING;
    const commission = manager.create(CommissionEntity, {
      id: newId(),
      organizationId: order.organizationId,
      campaignId: attribution.campaignId,
      enrollmentId: attribution.enrollmentId,
      creatorId: attribution.creatorId,
      orderId: order.id,
      kind: CommissionKind.SALE,
      correctsCommissionId: null,
      termsId: terms.id,
      currency: order.currency,
      amountMinor,
      quotedAmountMinor: quote.amountMinor,
      basisNetMinor: quote.netMinor,
      tierBasisMinor,
      status,
      holdReasons: status === CommissionStatus.ON_HOLD ? holdReasons : [],
      orderedAt: order.orderedAt,
      eligibleAt,
      explanation: [...quote.explanation, ...screened.signals.map((signal) => `Held: ${signal.reason}`)],
      approvedAt: null,
      paidAt: null,
      reversedAt: ended ? now : null,
    });
    await manager.insert(CommissionEntity, commission);
    await this.record(manager, commission, created.id, CommissionAdjustmentKind.CREATED, amountMinor, amountMinor, this.createdReason(quote, amountMinor));
    await this.audit.record(manager, {
      actor,
      organizationId: order.organizationId,
      action: 'commission.created',
      entityType: 'commission',
      entityId: commission.id,
      after: { status, amountMinor: amountMinor.toString(), currency: order.currency, holdReasons: commission.holdReasons, orderId: order.id },
    });
    return commission;
  }

  /** Moves the order's commission to what the order is now worth. Idempotent per order adjustment. */
  async onOrderAdjusted(manager: EntityManager, order: OrderEntity, adjustment: OrderAdjustmentEntity): Promise<void> {
    const sale = await manager
      .createQueryBuilder(CommissionEntity, 'c')
      .where('c.orderId = :orderId AND c.kind = :kind', { orderId: order.id, kind: CommissionKind.SALE })
      .setLock('pessimistic_write')
      .getOne();
    if (!sale) return;
    const kind = ADJUSTMENT_KINDS[adjustment.kind];
    if (adjustment.kind === OrderAdjustmentKind.UPDATED) {
      const terms = await manager.findOneByOrFail(CampaignTermsEntity, { id: sale.termsId });
      const [campaign] = await manager.query<{ currency: string }[]>(`SELECT currency FROM campaigns WHERE id = $1`, [sale.campaignId]);
      const quote = computeCommission(commissionTermsOf(terms, campaign!.currency), commissionOrderOf(order), sale.tierBasisMinor);
      sale.quotedAmountMinor = quote.amountMinor;
      sale.basisNetMinor = quote.netMinor;
      await manager.update(CommissionEntity, { id: sale.id }, { quotedAmountMinor: quote.amountMinor, basisNetMinor: quote.netMinor, explanation: quote.explanation });
    }
    const target = commissionAfterChanges(sale.quotedAmountMinor, sale.basisNetMinor, order.refundedNetMinor, order.status === OrderStatus.CANCELLED);
    const why = this.adjustedReason(adjustment, order);

    if (isSettled(sale.status)) {
      await this.correctPaid(manager, sale, target, adjustment, kind, why);
      return;
    }
    if (sale.status === CommissionStatus.REVERSED || sale.status === CommissionStatus.REJECTED) return;
    const delta = target - sale.amountMinor;
    if (delta !== 0n) {
      sale.amountMinor = target;
      await manager.update(CommissionEntity, { id: sale.id }, { amountMinor: target });
      await this.record(manager, sale, adjustment.id, kind, delta, target, why);
      // An approved commission's amount is in the ledger: a refund after approval moves it there too.
      await this.books.sync(manager, [sale.id], PIPELINE);
    }
    const over = order.status === OrderStatus.CANCELLED || (order.status === OrderStatus.REFUNDED && target === 0n);
    if (over) await this.transitions.apply(manager, sale, { to: CommissionStatus.REVERSED, reason: why, actor: PIPELINE });
  }

  /** After payout: the difference between what was paid (with earlier corrections) and what is owed now becomes a new commission. */
  private async correctPaid(
    manager: EntityManager,
    sale: CommissionEntity,
    target: bigint,
    adjustment: OrderAdjustmentEntity,
    kind: CommissionAdjustmentKind,
    why: string,
  ): Promise<void> {
    const corrections = await manager.find(CommissionEntity, { where: { correctsCommissionId: sale.id, status: In(LIVE_STATUSES) } });
    const settled = corrections.reduce((sum, row) => sum + row.amountMinor, sale.amountMinor);
    const delta = target - settled;
    if (delta === 0n) return;
    const clawback = delta < 0n;
    const correction = manager.create(CommissionEntity, {
      ...sale,
      id: newId(),
      kind: clawback ? CommissionKind.CLAWBACK : CommissionKind.TOP_UP,
      correctsCommissionId: sale.id,
      amountMinor: delta,
      quotedAmountMinor: delta,
      // A clawback is owed back at once and settles against the next payout; a top-up is earned like any sale.
      status: clawback ? CommissionStatus.APPROVED : sale.eligibleAt > new Date() ? CommissionStatus.PENDING : CommissionStatus.ELIGIBLE,
      holdReasons: [],
      explanation: [why],
      approvedAt: clawback ? new Date() : null,
      // Nobody reviewed the correction: the sale's reviewers and note stay the sale's.
      firstApprovedByUserId: null,
      firstApprovedAt: null,
      approvedByUserId: null,
      rejectedAt: null,
      rejectedByUserId: null,
      reviewNote: null,
      paidAt: null,
      reversedAt: null,
      createdAt: undefined,
      updatedAt: undefined,
    });
    await manager.insert(CommissionEntity, correction);
    await this.record(manager, correction, adjustment.id, kind, delta, delta, why);
    await this.audit.record(manager, {
      actor: PIPELINE,
      organizationId: sale.organizationId,
      action: clawback ? 'commission.clawback_created' : 'commission.top_up_created',
      entityType: 'commission',
      entityId: correction.id,
      after: { amountMinor: delta.toString(), currency: sale.currency, correctsCommissionId: sale.id, status: correction.status },
      reason: why,
    });
    // A clawback is approved from the start, so it is owed back in the ledger from the start.
    await this.books.sync(manager, [correction.id], PIPELINE);
  }

  private async record(manager: EntityManager, commission: CommissionEntity, orderAdjustmentId: string, kind: CommissionAdjustmentKind, delta: bigint, after: bigint, reason: string) {
    await manager.insert(CommissionAdjustmentEntity, {
      id: newId(),
      commissionId: commission.id,
      orderAdjustmentId,
      kind,
      deltaMinor: delta,
      amountAfterMinor: after,
      reason,
    });
  }

  /** The creator's attributed net in this campaign earlier in the order's (UTC) calendar month, in the order currency. */
  private async monthToDate(manager: EntityManager, order: OrderEntity, attribution: Attribution): Promise<bigint> {
    const [row] = await manager.query<{ total: string }[]>(
      `SELECT COALESCE(SUM(GREATEST(subtotal_minor - discount_minor - refunded_net_minor, 0)), 0)::text AS total
         FROM orders
        WHERE creator_id = $1 AND campaign_id = $2 AND currency = $3 AND status <> 'CANCELLED'
          AND ordered_at >= $4 AND ordered_at < $5 AND id <> $6`,
      [attribution.creatorId, attribution.campaignId, order.currency, utcMonthStart(order.orderedAt), order.orderedAt, order.id],
    );
    return BigInt(row?.total ?? '0');
  }

  /**
   * Whether this amount would take the campaign past its budget. Serialized per campaign
   * with an advisory lock, so two orders cannot both take the last of it.
   */
  private async overBudget(manager: EntityManager, campaignId: string, budgetMinor: bigint, amountMinor: bigint): Promise<boolean> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`budget:${campaignId}`]);
    const [row] = await manager.query<{ used: string }[]>(
      `SELECT COALESCE(SUM(amount_minor), 0)::text AS used FROM commissions WHERE campaign_id = $1 AND status = ANY($2::text[]) AND NOT ($3 = ANY(hold_reasons))`,
      [campaignId, LIVE_STATUSES, HoldReason.BUDGET_EXHAUSTED],
    );
    return BigInt(row?.used ?? '0') + amountMinor > budgetMinor;
  }

  private createdReason(quote: CommissionQuote, amountMinor: bigint): string {
    const base = quote.explanation.join('; ');
    return amountMinor === quote.amountMinor ? base : `${base}; lowered by refunds already on the order`;
  }

  private adjustedReason(adjustment: OrderAdjustmentEntity, order: OrderEntity): string {
    switch (adjustment.kind) {
      case OrderAdjustmentKind.REFUNDED:
        return `Order ${order.externalId} refunded ${adjustment.refundedNetDeltaMinor} of its net (${order.refundedNetMinor} in all)`;
      case OrderAdjustmentKind.CANCELLED:
        return `Order ${order.externalId} was cancelled`;
      case OrderAdjustmentKind.UPDATED:
        return `Order ${order.externalId} changed: net is now ${order.subtotalMinor - order.discountMinor}`;
      default:
        return `Order ${order.externalId} recorded`;
    }
  }
}
