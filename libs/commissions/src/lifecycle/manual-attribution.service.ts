import { AttributionDecisionEntity, DecisionMethod, OrderAdjustmentEntity, OrderAdjustmentKind, OrderEntity, orderNotFound } from '@app/attribution';
import { AuditService, userActor } from '@app/audit';
import { type Actor, assertAnyRole, cleanText, isUuid, Role } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommissionErrorCode, CommissionException } from '../commissions.exception.js';
import { CommissionWriter } from './commission-writer.service.js';

/**
 * Finance credits an order the rules left unattributed to a creator, with a reason. The
 * decision keeps every candidate the rules saw; the assignment, who made it and why go to
 * the decision and the audit log, and the commission follows as if the rules had chosen.
 */
@Injectable()
export class ManualAttributionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: CommissionWriter,
    private readonly audit: AuditService,
  ) {}

  async assign(actor: Actor, orderId: string, enrollmentId: string, reasonInput: string): Promise<OrderEntity> {
    assertAnyRole(actor, [Role.FINANCE, Role.ADMIN], 'assign orders to creators');
    const reason = cleanText(reasonInput, 'reason', { max: 1000, required: true })!;
    return this.db.transaction(async (manager) => {
      const order = isUuid(orderId) ? await manager.createQueryBuilder(OrderEntity, 'o').where('o.id = :orderId', { orderId }).setLock('pessimistic_write').getOne() : null;
      if (!order) throw orderNotFound(orderId);
      if (order.enrollmentId) {
        throw new CommissionException(CommissionErrorCode.StateConflict, `Order ${orderId} is already credited to creator ${order.creatorId}; only unattributed orders are assigned by hand`);
      }
      const decision = await manager.findOneBy(AttributionDecisionEntity, { orderId });
      if (!decision) throw new CommissionException(CommissionErrorCode.StateConflict, `Order ${orderId} has not been through attribution yet`);
      const [enrollment] = isUuid(enrollmentId)
        ? await manager.query<{ id: string; campaign_id: string; creator_id: string; approved_at: Date | null }[]>(
            `SELECT e.id, e.campaign_id, e.creator_id, e.approved_at FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id WHERE e.id = $1 AND c.organization_id = $2`,
            [enrollmentId, order.organizationId],
          )
        : [];
      if (!enrollment) {
        throw new CommissionException(CommissionErrorCode.InvalidInput, `enrollmentId: no enrollment ${enrollmentId} in the order's organization`, { field: 'enrollmentId' });
      }
      if (!enrollment.approved_at) {
        throw new CommissionException(CommissionErrorCode.InvalidInput, `enrollmentId: enrollment ${enrollmentId} was never approved`, { field: 'enrollmentId' });
      }
      const winner = { campaignId: enrollment.campaign_id, enrollmentId: enrollment.id, creatorId: enrollment.creator_id };
      await manager.update(
        AttributionDecisionEntity,
        { orderId },
        { method: DecisionMethod.MANUAL, winnerEnrollmentId: winner.enrollmentId, winnerCreatorId: winner.creatorId, winnerCampaignId: winner.campaignId, decidedByUserId: actor.userId, reason, decidedAt: new Date() },
      );
      await manager.update(OrderEntity, { id: orderId }, winner);
      Object.assign(order, winner);
      const created = await manager.findOneByOrFail(OrderAdjustmentEntity, { orderId, kind: OrderAdjustmentKind.CREATED });
      await this.writer.createForOrder(manager, order, { ...winner, winningCode: null }, created, null, userActor(actor.userId));
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId: order.organizationId,
        action: 'order.attribution_assigned',
        entityType: 'order',
        entityId: orderId,
        before: { creatorId: null, enrollmentId: null },
        after: { creatorId: winner.creatorId, enrollmentId: winner.enrollmentId },
        reason,
      });
      return order;
    });
  }
}
