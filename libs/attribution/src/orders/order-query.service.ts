import { type Actor, type AppConfig, type ConnectionShape, InjectConfig, isUuid, mapConnection, paginate, pageRequest, type PageArgs, toMoneyModel } from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { applyScope, assertCampaignInScope, trackingScope, type TrackingScope } from '@app/tracking';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { orderNotFound } from '../attribution.exception.js';
import { AttributionDecisionEntity, type StoredCandidate } from '../decisions/attribution-decision.entity.js';
import type { AttributionRule, CandidateOutcome, TouchKind } from '../decisions/attribution-rule.js';
import { OrderAdjustmentEntity } from './order-adjustment.entity.js';
import { OrderEntity, orderNetMinor } from './order.entity.js';
import type { AttributionCandidateModel, AttributionDecisionModel, OrderAdjustmentModel, OrderFilter, OrderModel } from './order.model.js';

export function toOrderModel(row: OrderEntity): OrderModel {
  const money = (amountMinor: bigint) => toMoneyModel({ amountMinor, currency: row.currency });
  return {
    id: row.id,
    organizationId: row.organizationId,
    externalId: row.externalId,
    status: row.status,
    orderedAt: row.orderedAt,
    currency: row.currency,
    subtotal: money(row.subtotalMinor),
    discount: money(row.discountMinor),
    shipping: money(row.shippingMinor),
    tax: money(row.taxMinor),
    total: money(row.totalMinor),
    net: money(orderNetMinor(row)),
    refundedNet: money(row.refundedNetMinor),
    discountCodes: row.discountCodes,
    lineCount: row.lineItems.length,
    campaignId: row.campaignId,
    enrollmentId: row.enrollmentId,
    creatorId: row.creatorId,
    createdAt: row.createdAt,
  };
}

/** A creator reading a decision sees their own touches; another creator's are shown without who. */
function toCandidate(stored: StoredCandidate, viewerCreatorId: string | null): AttributionCandidateModel {
  const hidden = viewerCreatorId !== null && stored.creatorId !== viewerCreatorId;
  return {
    kind: stored.kind as TouchKind,
    ref: hidden ? '(another creator)' : stored.ref,
    at: new Date(stored.at),
    creatorId: hidden ? null : stored.creatorId,
    campaignId: hidden ? null : stored.campaignId,
    outcome: stored.outcome as CandidateOutcome,
    reasonCode: stored.reasonCode,
    reason: hidden ? stored.reasonCode : stored.reason,
  };
}

/**
 * Reading orders and their decisions: a brand team its organization's, a creator the orders
 * credited to them, platform staff all. Another tenant's order is NOT_FOUND.
 */
@Injectable()
export class OrderQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly profiles: CreatorProfileService,
  ) {}

  scope(actor: Actor): Promise<TrackingScope> {
    return trackingScope(actor, this.profiles);
  }

  async get(actor: Actor, id: string): Promise<OrderModel> {
    const scope = await this.scope(actor);
    const row = isUuid(id) ? await applyScope(this.db.getRepository(OrderEntity).createQueryBuilder('o').where('o.id = :id', { id }), scope).getOne() : null;
    if (!row) throw orderNotFound(id);
    return toOrderModel(row);
  }

  async list(actor: Actor, filter: OrderFilter = {}, args: PageArgs): Promise<ConnectionShape<OrderModel>> {
    const scope = await this.scope(actor);
    if (filter.campaignId) await assertCampaignInScope(this.db, scope, filter.campaignId);
    const query = applyScope(this.db.getRepository(OrderEntity).createQueryBuilder('o'), scope);
    if (filter.campaignId) query.andWhere('o.campaignId = :campaignId', { campaignId: filter.campaignId });
    if (filter.creatorId) query.andWhere('o.creatorId = :creatorId', { creatorId: filter.creatorId });
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter.attributed === true) query.andWhere('o.creatorId IS NOT NULL');
    if (filter.attributed === false) query.andWhere('o.creatorId IS NULL');
    const page = await paginate(query, pageRequest(args, this.config.graphql), { direction: 'DESC' });
    return mapConnection(page, toOrderModel);
  }

  /** Orders by id in one query, for field resolvers (the caller has already been allowed the parent). */
  async findByIds(ids: readonly string[]): Promise<Map<string, OrderModel>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.getRepository(OrderEntity).findBy({ id: In([...new Set(ids)]) });
    return new Map(rows.map((row) => [row.id, toOrderModel(row)]));
  }

  /** Decisions by order id in one query, shown as the viewer may see them. */
  async decisions(orderIds: readonly string[], viewerCreatorId: string | null): Promise<Map<string, AttributionDecisionModel>> {
    if (orderIds.length === 0) return new Map();
    const rows = await this.db.getRepository(AttributionDecisionEntity).findBy({ orderId: In([...new Set(orderIds)]) });
    return new Map(
      rows.map((row) => {
        const candidates = row.candidates.map((candidate) => toCandidate(candidate, viewerCreatorId));
        return [
          row.orderId,
          {
            rule: row.rule as AttributionRule | null,
            candidates,
            winner: row.winnerIndex === null ? null : (candidates[row.winnerIndex] ?? null),
            winnerCreatorId: row.winnerCreatorId,
            winnerEnrollmentId: row.winnerEnrollmentId,
            method: row.method,
            reason: row.reason,
            decidedAt: row.decidedAt,
          },
        ];
      }),
    );
  }

  async adjustments(orderIds: readonly string[], currencies: ReadonlyMap<string, string>): Promise<Map<string, OrderAdjustmentModel[]>> {
    const found = new Map<string, OrderAdjustmentModel[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return found;
    const rows = await this.db.getRepository(OrderAdjustmentEntity).find({ where: { orderId: In([...new Set(orderIds)]) }, order: { id: 'ASC' } });
    for (const row of rows) {
      const currency = currencies.get(row.orderId)!;
      found.get(row.orderId)?.push({
        id: row.id,
        kind: row.kind,
        netDelta: toMoneyModel({ amountMinor: row.subtotalDeltaMinor - row.discountDeltaMinor, currency }),
        refundedNetDelta: toMoneyModel({ amountMinor: row.refundedNetDeltaMinor, currency }),
        totalDelta: toMoneyModel({ amountMinor: row.totalDeltaMinor, currency }),
        effectiveAt: row.effectiveAt,
      });
    }
    return found;
  }
}
