import {
  AttributionDecider,
  OrderBookService,
  OrderEntity,
  OrderEventRecordEntity,
  OrderEventSource,
  OrderEventStatus,
  OrderPayloadError,
  readStoredEvent,
} from '@app/attribution';
import { TouchKind } from '@app/attribution';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CommissionWriter } from '../lifecycle/commission-writer.service.js';

export interface PipelineResult {
  status: OrderEventStatus | 'MISSING';
  outcome: string | null;
  /** The order this event created, if it created one: events waiting for it are applied next. */
  createdOrder: { integrationId: string; externalId: string } | null;
}

/**
 * Applies one inbox event, in one transaction: the order book records it, a new order is
 * attributed, and its commission is created or adjusted. The inbox row is locked first and
 * its status is the guard: an event already applied (a second delivery of the job) does
 * nothing.
 */
@Injectable()
export class SalesPipeline {
  private readonly logger = new Logger(SalesPipeline.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly book: OrderBookService,
    private readonly decider: AttributionDecider,
    private readonly commissions: CommissionWriter,
  ) {}

  /** Applies the event, then whatever was waiting for the order it created. */
  async apply(eventId: string): Promise<PipelineResult> {
    const result = await this.db.transaction((manager) => this.applyOne(manager, eventId));
    if (result.createdOrder) {
      const waiting: { id: string }[] = await this.db.query(
        `SELECT id FROM order_events WHERE integration_id = $1 AND order_external_id = $2 AND status = 'WAITING_FOR_ORDER' ORDER BY received_at, id`,
        [result.createdOrder.integrationId, result.createdOrder.externalId],
      );
      for (const { id } of waiting) await this.db.transaction((manager) => this.applyOne(manager, id));
    }
    return result;
  }

  private async applyOne(manager: EntityManager, eventId: string): Promise<PipelineResult> {
    const record = await manager.createQueryBuilder(OrderEventRecordEntity, 'e').where('e.id = :eventId', { eventId }).setLock('pessimistic_write').getOne();
    if (!record) return { status: 'MISSING', outcome: null, createdOrder: null };
    if (record.status !== OrderEventStatus.RECEIVED && record.status !== OrderEventStatus.WAITING_FOR_ORDER) {
      return { status: record.status, outcome: record.outcome, createdOrder: null };
    }
    // Only a Shopify event is read in its order's currency (its refunds state none); the others carry their own.
    const [known] =
      record.source === OrderEventSource.SHOPIFY
        ? await manager.query<{ currency: string }[]>(`SELECT currency FROM orders WHERE integration_id = $1 AND external_id = $2`, [record.integrationId, record.orderExternalId])
        : [];
    let event;
    try {
      event = readStoredEvent(record, known?.currency);
    } catch (error) {
      if (error instanceof OrderPayloadError || error instanceof SyntaxError) {
        // A refund whose amounts need its order's currency waits for the order, like any early refund.
        if (!known && error instanceof OrderPayloadError && record.source === OrderEventSource.SHOPIFY && record.topic === 'refunds/create') {
          return this.finish(manager, record, OrderEventStatus.WAITING_FOR_ORDER, 'waiting for the order', null);
        }
        this.logger.warn({ eventId, err: error }, 'An order event cannot be applied');
        return this.finish(manager, record, OrderEventStatus.FAILED, `${error instanceof OrderPayloadError ? `${error.field}: ` : ''}${error.message}`, null);
      }
      throw error;
    }
    const applied = await this.book.apply(manager, record, event);
    if (applied.kind === 'WAITING_FOR_ORDER') return this.finish(manager, record, OrderEventStatus.WAITING_FOR_ORDER, 'waiting for the order', null);
    if (applied.kind === 'SKIPPED') return this.finish(manager, record, OrderEventStatus.SKIPPED, applied.why, null);
    const { order } = applied;
    if (applied.created) {
      const attributed = await this.decider.decide(manager, order);
      const winner = attributed.winner;
      if (winner) {
        await this.commissions.createForOrder(
          manager,
          order,
          { campaignId: winner.campaignId!, enrollmentId: winner.enrollmentId!, creatorId: winner.creatorId!, winningCode: winner.kind === TouchKind.Code ? winner.ref : null },
          applied.adjustments[0]!,
          attributed.click,
          undefined,
          attributed.terms.get(winner.campaignId!),
        );
      }
      const outcome = winner ? `attributed to creator ${winner.creatorId} (${winner.reasonCode})` : 'unattributed: no valid touch';
      return this.finish(manager, record, OrderEventStatus.APPLIED, outcome, order);
    }
    for (const adjustment of applied.adjustments) await this.commissions.onOrderAdjusted(manager, order, adjustment);
    return this.finish(manager, record, OrderEventStatus.APPLIED, applied.adjustments.map((a) => a.kind).join(', ') || 'no change', null);
  }

  private async finish(manager: EntityManager, record: OrderEventRecordEntity, status: OrderEventStatus, outcome: string, created: OrderEntity | null): Promise<PipelineResult> {
    await manager.update(OrderEventRecordEntity, { id: record.id }, { status, outcome, processedAt: new Date() });
    return { status, outcome, createdOrder: created ? { integrationId: created.integrationId, externalId: created.externalId } : null };
  }
}
