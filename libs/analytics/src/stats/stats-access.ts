import { callingCreatorId, isPlatformStaff } from '@app/campaigns';
import { type Actor, assertAnyRole, preparedSelect, Role } from '@app/core';
import type { EntityManager } from 'typeorm';
import { statsNotFound } from './analytics.exception.js';

/** Who reads a campaign's stats: its brand's team and platform staff; creators never. */
export const CAMPAIGN_READERS = [Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.FINANCE, Role.ADMIN];

export interface ReadableCampaign {
  id: string;
  organizationId: string;
  slug: string;
  currency: string;
  budgetMinor: bigint | null;
  timeZone: string;
}

/** The organization whose campaigns the actor may read (null: any, for platform staff); FORBIDDEN or NOT_FOUND otherwise. */
export function campaignReaderScope(actor: Actor, campaignId: string, action: string): string | null {
  assertAnyRole(actor, CAMPAIGN_READERS, action);
  if (isPlatformStaff(actor)) return null;
  if (!actor.organizationId) throw statsNotFound('Campaign', campaignId);
  return actor.organizationId;
}

/** The columns of a readable campaign, as {@link toReadableCampaign} reads them; `$id` and `$organization` are parameter references. */
export function readableCampaignSelect(id: string, organization: string): string {
  return `SELECT c.id, c.organization_id, c.slug, c.currency, c.budget_minor::text AS budget_minor, o.time_zone
            FROM campaigns c JOIN organizations o ON o.id = c.organization_id
           WHERE c.id = ${id} AND (${organization}::uuid IS NULL OR c.organization_id = ${organization}::uuid)`;
}

export interface ReadableCampaignRow {
  id: string;
  organization_id: string;
  slug: string;
  currency: string;
  budget_minor: string | null;
  time_zone: string;
}

export function toReadableCampaign(row: ReadableCampaignRow): ReadableCampaign {
  return {
    id: row.id,
    organizationId: row.organization_id,
    slug: row.slug,
    currency: row.currency,
    budgetMinor: row.budget_minor === null ? null : BigInt(row.budget_minor),
    timeZone: row.time_zone,
  };
}

/** A campaign the actor may read stats of; another brand's campaign is NOT_FOUND, like a missing one. */
export async function readableCampaign(manager: EntityManager, actor: Actor, campaignId: string, action: string): Promise<ReadableCampaign> {
  const organizationId = campaignReaderScope(actor, campaignId, action);
  const [row] = await preparedSelect<ReadableCampaignRow>(manager, readableCampaignSelect('$1', '$2'), [campaignId, organizationId]);
  if (!row) throw statsNotFound('Campaign', campaignId);
  return toReadableCampaign(row);
}

/** The calling creator's profile id (creators only; CONFLICT until they have a profile). */
export function ownCreatorId(manager: EntityManager, actor: Actor, action: string): Promise<string> {
  return callingCreatorId(manager, actor, action);
}

/** The campaign and enrollment a creator's stats are narrowed to, when theirs; anything else is NOT_FOUND. */
export async function assertOwnScope(manager: EntityManager, creatorId: string, campaignId: string | null, enrollmentId: string | null): Promise<void> {
  if (enrollmentId !== null) {
    const [row] = await manager.query<{ ok: boolean }[]>(`SELECT true AS ok FROM enrollments WHERE id = $1 AND creator_id = $2 AND ($3::uuid IS NULL OR campaign_id = $3::uuid)`, [
      enrollmentId,
      creatorId,
      campaignId,
    ]);
    if (!row) throw statsNotFound('Enrollment', enrollmentId);
  } else if (campaignId !== null) {
    const [row] = await manager.query<{ ok: boolean }[]>(`SELECT true AS ok FROM enrollments WHERE campaign_id = $1 AND creator_id = $2 LIMIT 1`, [campaignId, creatorId]);
    if (!row) throw statsNotFound('Campaign', campaignId);
  }
}

export interface ReadableSource {
  id: string;
  campaignId: string;
  timeZone: string;
}

/**
 * A referral link or discount code the actor may read stats of: its brand's team, the
 * creator holding it, or platform staff. Anyone else gets NOT_FOUND, like a missing one.
 */
export async function readableSource(manager: EntityManager, actor: Actor, table: 'referral_links' | 'discount_codes', id: string): Promise<ReadableSource> {
  const kind = table === 'referral_links' ? 'Referral link' : 'Discount code';
  const [row] = await manager.query<{ id: string; campaign_id: string; organization_id: string; holder_user_id: string; time_zone: string }[]>(
    `SELECT s.id, s.campaign_id, s.organization_id, p.user_id AS holder_user_id, o.time_zone
       FROM ${table} s JOIN creator_profiles p ON p.id = s.creator_id JOIN organizations o ON o.id = s.organization_id
      WHERE s.id = $1`,
    [id],
  );
  const allowed =
    row !== undefined &&
    (isPlatformStaff(actor) ||
      (actor.organizationId !== null && actor.organizationId === row.organization_id) ||
      (actor.roles.includes(Role.CREATOR) && row.holder_user_id === actor.userId));
  if (!allowed) throw statsNotFound(kind, id);
  return { id: row.id, campaignId: row.campaign_id, timeZone: row.time_zone };
}
