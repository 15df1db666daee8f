import { EnrollmentStatus, CampaignStatus } from '@app/campaigns';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { clickLocationParts } from '../links/destination.js';
import { LinkStatus } from '../links/referral-link-status.js';
import type { LinkRoute } from './link-route.js';

interface RouteRow {
  id: string;
  slug: string;
  alias: string | null;
  status: string;
  destination_url: string;
  enrollment_id: string;
  campaign_id: string;
  organization_id: string;
  creator_id: string;
  enrollment_status: string;
  campaign_status: string;
  ends_at: Date | null;
  fallback_url: string | null;
}

export interface LoadedRoutes {
  /** The link whose slug is exactly the key, or null. */
  bySlug: LinkRoute | null;
  /** The link whose alias is the key in any case, or null. */
  byAlias: LinkRoute | null;
}

export function toLinkRoute(row: RouteRow): LinkRoute {
  const { head, tail } = clickLocationParts(row.destination_url);
  return {
    linkId: row.id,
    enrollmentId: row.enrollment_id,
    campaignId: row.campaign_id,
    organizationId: row.organization_id,
    creatorId: row.creator_id,
    head,
    tail,
    active: row.status === LinkStatus.ACTIVE && row.enrollment_status === EnrollmentStatus.APPROVED && row.campaign_status !== CampaignStatus.ENDED,
    endsAt: row.ends_at ? row.ends_at.getTime() : null,
    fallbackUrl: row.fallback_url,
  };
}

/** Reads routes from PostgreSQL: only when neither the redirector's memory nor Redis has them. */
@Injectable()
export class RouteLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(key: string): Promise<LoadedRoutes> {
    const rows: RouteRow[] = await this.db.query(
      `SELECT l.id, l.slug, l.alias, l.status, l.destination_url, l.enrollment_id, l.campaign_id, l.organization_id, l.creator_id,
              e.status AS enrollment_status, c.status AS campaign_status, c.ends_at, c.fallback_url
         FROM referral_links l
         JOIN enrollments e ON e.id = l.enrollment_id
         JOIN campaigns c ON c.id = l.campaign_id
        WHERE l.slug = $1 OR lower(l.alias) = lower($1)`,
      [key],
    );
    const bySlug = rows.find((row) => row.slug === key);
    const byAlias = rows.find((row) => row.alias !== null && row.alias.toLowerCase() === key.toLowerCase());
    return { bySlug: bySlug ? toLinkRoute(bySlug) : null, byAlias: byAlias ? toLinkRoute(byAlias) : null };
  }
}
