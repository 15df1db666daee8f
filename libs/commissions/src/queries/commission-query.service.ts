import { type Actor, type AppConfig, InjectConfig, isUuid, mapConnection, paginate, pageRequest, type PageArgs, toMoneyModel } from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { applyScope, trackingScope } from '@app/tracking';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { commissionNotFound } from '../commissions.exception.js';
import { CommissionAdjustmentEntity } from '../lifecycle/commission-adjustment.entity.js';
import type { GateFacts } from '../lifecycle/commission-blockers.js';
import { CommissionGates } from '../lifecycle/commission-gates.js';
import { CommissionEntity } from '../lifecycle/commission.entity.js';
import type { CommissionAdjustmentModel, CommissionFilter, CommissionModel, CommissionPage } from './commission.model.js';
import { commissionCriteria, commissionQuery } from './commission-filter.js';

export function toCommissionModel(row: CommissionEntity): CommissionModel {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    amount: toMoneyModel({ amountMinor: row.amountMinor, currency: row.currency }),
    holdReasons: row.holdReasons,
    orderId: row.orderId,
    campaignId: row.campaignId,
    enrollmentId: row.enrollmentId,
    creatorId: row.creatorId,
    correctsCommissionId: row.correctsCommissionId,
    orderedAt: row.orderedAt,
    eligibleAt: row.eligibleAt,
    explanation: row.explanation,
    createdAt: row.createdAt,
    organizationId: row.organizationId,
    termsId: row.termsId,
    paidAt: row.paidAt,
    firstApprovedAt: row.firstApprovedAt,
    approvedAt: row.approvedAt,
    rejectedAt: row.rejectedAt,
    reviewNote: row.reviewNote,
    firstApprovedByUserId: row.firstApprovedByUserId,
    approvedByUserId: row.approvedByUserId,
    rejectedByUserId: row.rejectedByUserId,
  };
}

/**
 * Reading commissions: a brand team its organization's, a creator their own, platform staff
 * all. Another tenant's commission is NOT_FOUND.
 */
@Injectable()
export class CommissionQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly profiles: CreatorProfileService,
    private readonly gates: CommissionGates,
  ) {}

  async get(actor: Actor, id: string): Promise<CommissionModel> {
    const scope = await trackingScope(actor, this.profiles);
    const row = isUuid(id) ? await applyScope(this.db.getRepository(CommissionEntity).createQueryBuilder('c').where('c.id = :id', { id }), scope).getOne() : null;
    if (!row) throw commissionNotFound(id);
    return toCommissionModel(row);
  }

  /** A page of the commissions `filter` selects, carrying the checked filter for its totals. */
  async list(actor: Actor, filter: CommissionFilter = {}, args: PageArgs): Promise<CommissionPage> {
    const criteria = await commissionCriteria(this.db, this.profiles, actor, filter);
    const page = await paginate(commissionQuery(this.db.manager, criteria), pageRequest(args, this.config.graphql), { direction: 'DESC' });
    return { ...mapConnection(page, toCommissionModel), criteria };
  }

  /** Each commission's gates, as `blockedBy` tells them. */
  gateFacts(commissions: readonly CommissionModel[]): Promise<Map<string, GateFacts>> {
    return this.gates.factsFor(this.db.manager, commissions);
  }

  async adjustments(commissions: readonly CommissionModel[]): Promise<Map<string, CommissionAdjustmentModel[]>> {
    const found = new Map<string, CommissionAdjustmentModel[]>(commissions.map((c) => [c.id, []]));
    if (commissions.length === 0) return found;
    const currency = new Map(commissions.map((c) => [c.id, c.amount.currency]));
    const rows = await this.db.getRepository(CommissionAdjustmentEntity).find({ where: { commissionId: In([...found.keys()]) }, order: { id: 'ASC' } });
    for (const row of rows) {
      const money = (amountMinor: bigint) => toMoneyModel({ amountMinor, currency: currency.get(row.commissionId)! });
      found.get(row.commissionId)!.push({ id: row.id, kind: row.kind, delta: money(row.deltaMinor), amountAfter: money(row.amountAfterMinor), reason: row.reason, createdAt: row.createdAt });
    }
    return found;
  }
}
