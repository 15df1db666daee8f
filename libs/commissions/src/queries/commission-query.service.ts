import { type Actor, type AppConfig, type ConnectionShape, InjectConfig, isUuid, mapConnection, paginate, pageRequest, type PageArgs, toMoneyModel } from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { applyScope, assertCampaignInScope, trackingScope } from '@app/tracking';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { commissionNotFound } from '../commissions.exception.js';
import { CommissionAdjustmentEntity } from '../lifecycle/commission-adjustment.entity.js';
import type { GateFacts } from '../lifecycle/commission-blockers.js';
import { CommissionEntity } from '../lifecycle/commission.entity.js';
import type { CommissionAdjustmentModel, CommissionFilter, CommissionModel } from './commission.model.js';

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
  ) {}

  async get(actor: Actor, id: string): Promise<CommissionModel> {
    const scope = await trackingScope(actor, this.profiles);
    const row = isUuid(id) ? await applyScope(this.db.getRepository(CommissionEntity).createQueryBuilder('c').where('c.id = :id', { id }), scope).getOne() : null;
    if (!row) throw commissionNotFound(id);
    return toCommissionModel(row);
  }

  async list(actor: Actor, filter: CommissionFilter = {}, args: PageArgs): Promise<ConnectionShape<CommissionModel>> {
    const scope = await trackingScope(actor, this.profiles);
    if (filter.campaignId) await assertCampaignInScope(this.db, scope, filter.campaignId);
    const query = applyScope(this.db.getRepository(CommissionEntity).createQueryBuilder('c'), scope);
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.campaignId) query.andWhere('c.campaignId = :campaignId', { campaignId: filter.campaignId });
    if (filter.creatorId) query.andWhere('c.creatorId = :creatorId', { creatorId: filter.creatorId });
    if (filter.orderId) query.andWhere('c.orderId = :orderId', { orderId: filter.orderId });
    const page = await paginate(query, pageRequest(args, this.config.graphql), { direction: 'DESC' });
    return mapConnection(page, toCommissionModel);
  }

  /**
   * What the rest of the platform says about each commission's gates: whether its terms
   * require a disclosure, and whether its creator's payout account can receive transfers
   * (read from `payout_accounts`, which payouts keeps; ready = ACTIVE with the transfers
   * capability active). Disclosures are recorded by their own domain; until a creator has
   * one, that gate stands closed, which is what the creator has to be told.
   */
  async gateFacts(commissions: readonly CommissionModel[]): Promise<Map<string, GateFacts>> {
    const termsIds = [...new Set(commissions.map((c) => c.termsId))];
    const creatorIds = [...new Set(commissions.map((c) => c.creatorId))];
    const [rows, ready]: [{ id: string; disclosure_required: boolean }[], { creator_id: string }[]] = await Promise.all([
      termsIds.length ? this.db.query(`SELECT id, disclosure_required FROM campaign_terms WHERE id = ANY($1::uuid[])`, [termsIds]) : [],
      creatorIds.length
        ? this.db.query(`SELECT creator_id FROM payout_accounts WHERE creator_id = ANY($1::uuid[]) AND status = 'ACTIVE' AND transfers_capability = 'active'`, [creatorIds])
        : [],
    ]);
    const required = new Map(rows.map((row) => [row.id, row.disclosure_required]));
    const payable = new Set(ready.map((row) => row.creator_id));
    return new Map(
      commissions.map((c) => [
        c.id,
        { disclosureRequired: required.get(c.termsId) ?? true, hasCompliantDisclosure: false, payoutAccountReady: payable.has(c.creatorId) },
      ]),
    );
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
