import { CustomerKeys } from '@app/attribution';
import { type AppConfig, InjectConfig, newId } from '@app/core';
import { codeKey } from '@app/tracking';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type FraudSignal } from '../rules/fraud-signal.js';
import { evaluateCodeLeak, evaluateOrder, type FraudLimits } from '../rules/fraud-rules.js';

/** What the screen needs to know about an attributed order. */
export interface ScreenedOrder {
  orderId: string;
  organizationId: string;
  orderedAt: Date;
  creatorId: string;
  customerEmailHash: string | null;
  customerIdHash: string | null;
  /** The code that won the attribution, as typed, when a code won. */
  winningCode: string | null;
  /** The order's click, when it exists in this organization. */
  click: { clickedAt: Date; visitorHash: string; creatorId: string; bot: boolean } | null;
}

export interface ScreenResult {
  signals: FraudSignal[];
}

/**
 * Runs the fraud rules on an attributed order inside its transaction and keeps what they
 * find. Order facts are read with a few indexed queries; code usage is a running count per
 * code, so the coupon-leak rule never scans a code's orders.
 */
@Injectable()
export class FraudScreenService {
  private readonly limits: FraudLimits;
  private readonly customers: CustomerKeys;

  constructor(@InjectConfig() config: AppConfig) {
    this.customers = new CustomerKeys(config.ipHashSalt);
    this.limits = {
      minClickToOrderSeconds: config.fraud.minClickToOrderSeconds,
      maxOrdersPerCustomerPerDay: config.fraud.maxOrdersPerCustomerPerDay,
      maxClicksPerVisitorPerHour: config.fraud.maxClicksPerVisitorPerHour,
      couponLeakShare: config.fraud.couponLeakShareBps,
      couponLeakMinOrders: config.fraud.couponLeakMinOrders,
    };
  }

  async screen(manager: EntityManager, order: ScreenedOrder): Promise<ScreenResult> {
    const click = order.click && !order.click.bot ? order.click : null;
    const { creatorEmailHash, creatorVisitorHashes, customerOrdersSameDay, visitorClicksLastHour } = await this.orderFacts(manager, order, click);
    const signals = evaluateOrder(
      {
        orderedAt: order.orderedAt,
        customerEmailHash: order.customerEmailHash,
        creatorEmailHash,
        clickVisitorHash: click?.visitorHash ?? null,
        creatorVisitorHashes,
        clickAt: click?.clickedAt ?? null,
        customerOrdersSameDay,
        visitorClicksLastHour,
      },
      this.limits,
    );
    const codeSignal = order.winningCode ? await this.codeUsage(manager, order, click !== null && click.creatorId === order.creatorId) : null;
    if (codeSignal) signals.push(codeSignal.signal);
    await this.keep(manager, order, signals, codeSignal?.codeId ?? null);
    return { signals };
  }

  /**
   * What the order rules need from the database, in one statement: the creator's account
   * email (hashed like an order's customer email), the customer's orders in the day up to
   * this one (this one included), the click visitor's clicks on the creator's links in the
   * hour before the order (null without a click), and the creator's own visitor hashes on the
   * click's day (hashes of different days never compare).
   */
  private async orderFacts(
    manager: EntityManager,
    order: ScreenedOrder,
    click: ScreenedOrder['click'],
  ): Promise<{ creatorEmailHash: string | null; creatorVisitorHashes: string[]; customerOrdersSameDay: number; visitorClicksLastHour: number | null }> {
    const anyCustomer = Boolean(order.customerEmailHash || order.customerIdHash);
    const visitorHash = click?.visitorHash ?? null;
    const [row] = await manager.query<{ email: string | null; own_visitors: string[] | null; customer_orders: number | null; visitor_clicks: number | null }[]>(
      `SELECT (SELECT u.email FROM creator_profiles p JOIN users u ON u.id = p.user_id WHERE p.id = $1) AS email,
              CASE WHEN $6 THEN (
                SELECT count(*) FROM orders
                 WHERE organization_id = $2 AND (customer_email_hash = $3 OR customer_id_hash = $4)
                   AND ordered_at > $5::timestamptz - interval '24 hours' AND ordered_at <= $5
              )::int END AS customer_orders,
              CASE WHEN $7::text IS NOT NULL THEN (
                SELECT count(*) FROM click_events
                 WHERE creator_id = $1 AND visitor_hash = $7 AND clicked_at > $5::timestamptz - interval '1 hour' AND clicked_at <= $5
              )::int END AS visitor_clicks,
              CASE WHEN $8::date IS NOT NULL THEN (
                SELECT array_agg(v.visitor_hash) FROM creator_visitors v JOIN creator_profiles p ON p.user_id = v.user_id
                 WHERE p.id = $1 AND v.day = $8::date
              ) END AS own_visitors`,
      [
        order.creatorId,
        order.organizationId,
        order.customerEmailHash,
        order.customerIdHash,
        order.orderedAt,
        anyCustomer,
        visitorHash,
        click ? click.clickedAt.toISOString().slice(0, 10) : null,
      ],
    );
    return {
      creatorEmailHash: row && row.email !== null ? this.customers.email(row.email) : null,
      creatorVisitorHashes: row?.own_visitors ?? [],
      customerOrdersSameDay: anyCustomer ? (row?.customer_orders ?? 1) : 1,
      visitorClicksLastHour: visitorHash === null ? null : (row?.visitor_clicks ?? 0),
    };
  }

  /**
   * Counts the order against its code and judges the code: a code whose orders mostly come
   * without a click on its creator's links has leaked to coupon sites. An open code signal
   * holds every commission the code brings until finance resolves it.
   */
  private async codeUsage(manager: EntityManager, order: ScreenedOrder, clickTrail: boolean): Promise<{ signal: FraudSignal; codeId: string } | null> {
    const [code] = await manager.query<{ id: string; code: string }[]>(`SELECT id, code FROM discount_codes WHERE organization_id = $1 AND code_key = $2`, [
      order.organizationId,
      codeKey(order.winningCode!.trim()),
    ]);
    if (!code) return null;
    const [usage] = await manager.query<{ orders_with_code: number; orders_without_click_trail: number }[]>(
      `INSERT INTO fraud_code_usage (discount_code_id, organization_id, orders_with_code, orders_without_click_trail)
       VALUES ($1, $2, 1, $3)
       ON CONFLICT (discount_code_id) DO UPDATE
         SET orders_with_code = fraud_code_usage.orders_with_code + 1,
             orders_without_click_trail = fraud_code_usage.orders_without_click_trail + EXCLUDED.orders_without_click_trail,
             updated_at = now()
       RETURNING orders_with_code, orders_without_click_trail`,
      [code.id, order.organizationId, clickTrail ? 0 : 1],
    );
    const fresh = evaluateCodeLeak({ code: code.code, ordersWithCode: usage!.orders_with_code, ordersWithoutClickTrail: usage!.orders_without_click_trail }, this.limits);
    if (fresh) return { signal: fresh, codeId: code.id };
    const [open] = await manager.query<{ reason: string; detail: FraudSignal['detail'] }[]>(
      `SELECT reason, detail FROM fraud_signals WHERE discount_code_id = $1 AND scope = 'CODE' AND resolved_at IS NULL LIMIT 1`,
      [code.id],
    );
    return open ? { signal: { rule: 'COUPON_LEAK' as FraudSignal['rule'], reason: open.reason, detail: open.detail, scope: 'CODE' }, codeId: code.id } : null;
  }

  private async keep(manager: EntityManager, order: ScreenedOrder, signals: readonly FraudSignal[], codeId: string | null): Promise<void> {
    // Every signal is kept against the order it held; a code signal is also kept, once while open, against its code.
    const rows = signals.flatMap((signal) => [
      { scope: 'ORDER', signal, orderId: order.orderId, codeId: null as string | null },
      ...(signal.scope === 'CODE' && codeId ? [{ scope: 'CODE', signal, orderId: null as string | null, codeId }] : []),
    ]);
    for (const row of rows) {
      await manager.query(
        `INSERT INTO fraud_signals (id, organization_id, scope, rule, order_id, discount_code_id, creator_id, reason, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT DO NOTHING`,
        [newId(), order.organizationId, row.scope, row.signal.rule, row.orderId, row.codeId, order.creatorId, row.signal.reason, JSON.stringify(row.signal.detail)],
      );
    }
  }
}
