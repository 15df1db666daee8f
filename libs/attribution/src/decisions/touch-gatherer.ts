import { type CampaignTermsEntity, CampaignTermsService } from '@app/campaigns';
import { isUuid, uuidV7Time } from '@app/core';
import { codeKey } from '@app/tracking';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderEntity } from '../orders/order.entity.js';
import { AttributionRule, type Touch, TouchKind, type TouchOwner } from './attribution-rule.js';

/** Where an enrollment and its campaign stood, to judge whether it was running at the order time. */
interface ParticipationRow {
  enrollment_id: string;
  campaign_id: string;
  creator_id: string;
  organization_id: string;
  approved_at: Date | null;
  ended_at: Date | null;
  campaign_status: string;
  starts_at: Date | null;
  ends_at: Date | null;
}

interface CodeRow extends ParticipationRow {
  code_key: string;
  status: string;
  revoked_at: Date | null;
}

interface ClickRow extends ParticipationRow {
  id: string;
  clicked_at: Date;
  is_bot: boolean;
  visitor_hash: string;
  link_status: string;
  disabled_at: Date | null;
}

interface EarlierOrderRow extends ParticipationRow {
  id: string;
  ordered_at: Date;
}

/** The order's own click, when it exists: fraud rules read its visitor and time. */
export interface OrderClick {
  id: string;
  clickedAt: Date;
  visitorHash: string;
  creatorId: string;
  organizationId: string;
  bot: boolean;
}

export interface GatheredTouches {
  touches: Touch[];
  click: OrderClick | null;
  /** The terms in force at the order time of every campaign a touch belongs to, by campaign id. */
  terms: ReadonlyMap<string, CampaignTermsEntity>;
}

const PARTICIPATION_COLUMNS = `e.id AS enrollment_id, e.campaign_id, e.creator_id, c.organization_id, e.approved_at, e.ended_at,
  c.status AS campaign_status, c.starts_at, c.ends_at`;

/** Running at `at`: approved by then and not ended, in a campaign that had not ended. Drafts never ran. */
function participatingAt(row: ParticipationRow, at: Date): boolean {
  if (!row.approved_at || row.approved_at > at) return false;
  if (row.ended_at && row.ended_at <= at) return false;
  if (row.campaign_status === 'DRAFT') return false;
  return !(row.ends_at && row.ends_at <= at);
}

/**
 * Collects an order's touches with the facts the rules judge them by: the codes it used
 * (this organization's, matched like shoppers type them), its click (looked up in its
 * month's partition), and the customer's first attributed order. Each touch carries the
 * attribution window and rule of its campaign's terms in force at the order time.
 */
@Injectable()
export class TouchGatherer {
  constructor(private readonly terms: CampaignTermsService) {}

  async gather(manager: EntityManager, order: OrderEntity): Promise<GatheredTouches> {
    // One after the other: a transaction's statements share one connection, which runs one at a time anyway.
    const codes = await this.codes(manager, order);
    const click = await this.click(manager, order);
    const earlier = await this.earlierOrder(manager, order);
    const campaignIds = [...codes.map((row) => row.campaign_id), ...(click ? [click.campaign_id] : []), ...(earlier ? [earlier.campaign_id] : [])];
    const terms = await this.terms.termsAtMany(manager, campaignIds, order.orderedAt);
    const owner = (row: ParticipationRow): TouchOwner => {
      const version = terms.get(row.campaign_id);
      return {
        organizationId: row.organization_id,
        campaignId: row.campaign_id,
        enrollmentId: row.enrollment_id,
        creatorId: row.creator_id,
        attributionWindowDays: version?.attributionWindowDays ?? 30,
        rule: version?.attributionRule ?? AttributionRule.CODE_WINS,
      };
    };
    const touches: Touch[] = [];
    const byKey = new Map(codes.map((row) => [row.code_key, row]));
    for (const code of order.discountCodes) {
      const row = byKey.get(codeKey(code.trim()));
      touches.push({
        kind: TouchKind.Code,
        ref: code,
        at: order.orderedAt,
        owner: row ? owner(row) : null,
        sameOrganization: true,
        bot: false,
        active: row ? row.status === 'ACTIVE' || (row.revoked_at !== null && row.revoked_at > order.orderedAt) : false,
        participationActive: row ? participatingAt(row, order.orderedAt) : false,
      });
    }
    if (order.clickId) {
      touches.push({
        kind: TouchKind.Click,
        ref: order.clickId,
        at: click?.clicked_at ?? order.orderedAt,
        owner: click ? owner(click) : null,
        sameOrganization: click ? click.organization_id === order.organizationId : false,
        bot: click?.is_bot ?? false,
        active: click ? click.link_status === 'ACTIVE' || (click.disabled_at !== null && click.disabled_at > order.orderedAt) : false,
        participationActive: click ? participatingAt(click, order.orderedAt) : false,
      });
    }
    if (earlier) {
      touches.push({
        kind: TouchKind.ReturningCustomer,
        ref: earlier.id,
        at: earlier.ordered_at,
        owner: owner(earlier),
        sameOrganization: true,
        bot: false,
        active: true,
        participationActive: participatingAt(earlier, order.orderedAt),
      });
    }
    const orderClick = click
      ? { id: click.id, clickedAt: click.clicked_at, visitorHash: click.visitor_hash, creatorId: click.creator_id, organizationId: click.organization_id, bot: click.is_bot }
      : null;
    return { touches, click: orderClick, terms };
  }

  private async codes(manager: EntityManager, order: OrderEntity): Promise<CodeRow[]> {
    const keys = [...new Set(order.discountCodes.map((code) => codeKey(code.trim())).filter((key) => key.length > 0))];
    if (keys.length === 0) return [];
    return manager.query(
      `SELECT d.code_key, d.status, d.revoked_at, ${PARTICIPATION_COLUMNS}
         FROM discount_codes d JOIN enrollments e ON e.id = d.enrollment_id JOIN campaigns c ON c.id = e.campaign_id
        WHERE d.organization_id = $1 AND d.code_key = ANY($2::text[])`,
      [order.organizationId, keys],
    );
  }

  private async click(manager: EntityManager, order: OrderEntity): Promise<ClickRow | null> {
    if (!order.clickId || !isUuid(order.clickId)) return null;
    const clickedAt = uuidV7Time(order.clickId);
    if (!Number.isFinite(clickedAt)) return null;
    // The click's time is inside its id: naming it lets PostgreSQL read one partition.
    const rows: ClickRow[] = await manager.query(
      `SELECT k.id, k.clicked_at, k.is_bot, k.visitor_hash, l.status AS link_status, l.disabled_at, ${PARTICIPATION_COLUMNS}
         FROM click_events k JOIN referral_links l ON l.id = k.link_id JOIN enrollments e ON e.id = k.enrollment_id JOIN campaigns c ON c.id = e.campaign_id
        WHERE k.id = $1 AND k.clicked_at = $2`,
      [order.clickId, new Date(clickedAt)],
    );
    return rows[0] ?? null;
  }

  /** The customer's first attributed order in this organization before this one. */
  private async earlierOrder(manager: EntityManager, order: OrderEntity): Promise<EarlierOrderRow | null> {
    if (!order.customerEmailHash && !order.customerIdHash) return null;
    const rows: EarlierOrderRow[] = await manager.query(
      `SELECT o.id, o.ordered_at, ${PARTICIPATION_COLUMNS}
         FROM orders o JOIN enrollments e ON e.id = o.enrollment_id JOIN campaigns c ON c.id = e.campaign_id
        WHERE o.organization_id = $1 AND o.id <> $2 AND o.ordered_at < $3 AND o.enrollment_id IS NOT NULL
          AND (o.customer_email_hash = $4 OR o.customer_id_hash = $5)
        ORDER BY o.ordered_at ASC, o.id ASC
        LIMIT 1`,
      [order.organizationId, order.id, order.orderedAt, order.customerEmailHash, order.customerIdHash],
    );
    return rows[0] ?? null;
  }
}
