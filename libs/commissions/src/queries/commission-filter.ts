import { type Actor, BadUserInputException } from '@app/core';
import type { CreatorProfileService } from '@app/creators';
import { openFraudSignalOnOrderSql } from '@app/fraud';
import { applyScope, assertCampaignInScope, trackingScope, type TrackingScope } from '@app/tracking';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { CommissionEntity } from '../lifecycle/commission.entity.js';
import { HoldReason } from '../lifecycle/commission-status.js';
import { CommissionErrorCode, CommissionException } from '../commissions.exception.js';
import type { CommissionFilter } from './commission.model.js';

/**
 * A filter the caller may ask for, checked once, with whose commissions they see: what the
 * list, its totals and the CSV export all read, so the three always agree.
 */
export interface CommissionCriteria {
  readonly scope: TrackingScope;
  readonly filter: Readonly<CommissionFilter>;
}

/**
 * Checks `filter` for `actor`: a brand team naming another organization or another brand's
 * campaign gets NOT_FOUND, as if it did not exist; `from` after `to` is BAD_USER_INPUT
 * naming `filter.to`. Creators and finance narrow what they see by any organization.
 */
export async function commissionCriteria(db: DataSource, profiles: CreatorProfileService, actor: Actor, filter: CommissionFilter = {}): Promise<CommissionCriteria> {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new BadUserInputException('filter.to', `filter.to (${filter.to.toISOString()}) must not be before filter.from (${filter.from.toISOString()})`);
  }
  const scope = await trackingScope(actor, profiles);
  if (scope.kind === 'organization' && filter.organizationId && filter.organizationId.toLowerCase() !== scope.organizationId) {
    throw new CommissionException(CommissionErrorCode.NotFound, `Organization ${filter.organizationId} not found`);
  }
  if (filter.campaignId) await assertCampaignInScope(db, scope, filter.campaignId);
  return { scope, filter: { ...filter } };
}

/** The commissions `criteria` selects, as `c`, for the caller to page, sum or export. */
export function commissionQuery(manager: EntityManager, { scope, filter }: CommissionCriteria): SelectQueryBuilder<CommissionEntity> {
  const query = applyScope(manager.createQueryBuilder(CommissionEntity, 'c'), scope);
  if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
  if (filter.organizationId) query.andWhere('c.organizationId = :organizationId', { organizationId: filter.organizationId });
  if (filter.campaignId) query.andWhere('c.campaignId = :campaignId', { campaignId: filter.campaignId });
  if (filter.creatorId) query.andWhere('c.creatorId = :creatorId', { creatorId: filter.creatorId });
  if (filter.orderId) query.andWhere('c.orderId = :orderId', { orderId: filter.orderId });
  if (filter.from) query.andWhere('c.orderedAt >= :from', { from: filter.from });
  if (filter.to) query.andWhere('c.orderedAt < :to', { to: filter.to });
  if (filter.flagged !== undefined && filter.flagged !== null) {
    const flagged = `(:fraudHold = ANY(c.holdReasons) OR ${openFraudSignalOnOrderSql('c.orderId')})`;
    query.andWhere(filter.flagged ? flagged : `NOT ${flagged}`, { fraudHold: HoldReason.FRAUD });
  }
  return query;
}
