import type { CampaignTermsEntity } from '@app/campaigns';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderEntity } from '../orders/order.entity.js';
import { AttributionDecisionEntity, DecisionMethod, type StoredCandidate } from './attribution-decision.entity.js';
import type { Candidate, Decision } from './attribution-rule.js';
import { decideAttribution } from './attribution-rules.js';
import { type OrderClick, TouchGatherer } from './touch-gatherer.js';

export interface AttributedOrder {
  decision: AttributionDecisionEntity;
  /** The winning candidate, or null when the order stays unattributed. */
  winner: Candidate | null;
  click: OrderClick | null;
  /** The terms in force at the order time of the touches' campaigns (the winner's among them), by campaign id. */
  terms: ReadonlyMap<string, CampaignTermsEntity>;
  /** The pure decision, with every candidate. */
  detail: Decision;
}

export function toStoredCandidate(candidate: Candidate): StoredCandidate {
  return { ...candidate, at: candidate.at.toISOString() };
}

/** Decides a new order's attribution once, stores the decision, and copies the winner onto the order. */
@Injectable()
export class AttributionDecider {
  constructor(private readonly gatherer: TouchGatherer) {}

  async decide(manager: EntityManager, order: OrderEntity): Promise<AttributedOrder> {
    const gathered = await this.gatherer.gather(manager, order);
    const detail = decideAttribution(order.orderedAt, gathered.touches);
    const winner = detail.winner === null ? null : detail.candidates[detail.winner]!;
    const decision = manager.create(AttributionDecisionEntity, {
      orderId: order.id,
      organizationId: order.organizationId,
      rule: detail.rule,
      candidates: detail.candidates.map(toStoredCandidate),
      winnerIndex: detail.winner,
      winnerEnrollmentId: winner?.enrollmentId ?? null,
      winnerCreatorId: winner?.creatorId ?? null,
      winnerCampaignId: winner?.campaignId ?? null,
      method: DecisionMethod.RULES,
      decidedByUserId: null,
      reason: null,
      decidedAt: new Date(),
    });
    await manager.insert(AttributionDecisionEntity, decision);
    if (winner) {
      Object.assign(order, { campaignId: winner.campaignId, enrollmentId: winner.enrollmentId, creatorId: winner.creatorId });
      await manager.update(OrderEntity, { id: order.id }, { campaignId: winner.campaignId, enrollmentId: winner.enrollmentId, creatorId: winner.creatorId });
    }
    return { decision, winner, click: gathered.click, terms: gathered.terms, detail };
  }
}
