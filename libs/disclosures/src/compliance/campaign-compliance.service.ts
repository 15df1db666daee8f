import { CampaignEntity, campaignNotFound, isPlatformStaff } from '@app/campaigns';
import { type Actor, type AppConfig, assertAnyRole, BadUserInputException, type ConnectionShape, csvRow, InjectConfig, type PageArgs, pageRequest, Role, toConnection } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CampaignCompliance, ComplianceGap, DisclosureEvidenceExport } from './campaign-compliance.model.js';
import { standingOf } from './disclosure-standing.js';

export const MAX_EVIDENCE_ROWS = 50_000;
const READER_ROLES = [Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.FINANCE, Role.ADMIN];
const EVIDENCE_HEADER = [
  'recorded_at', 'event', 'post_id', 'creator', 'platform', 'url', 'revision', 'posted_at', 'disclosure_methods', 'verbal_at_seconds', 'jurisdictions',
  'check_result', 'reasons', 'warnings', 'ruleset_version', 'evidence_sha256', 'evidence_media_ref', 'caption', 'transcript', 'override_decision',
  'override_note', 'decided_by',
];

/** Per APPROVED enrollment of one campaign: its post counts by status. */
const ENROLLMENT_POSTS = `
  SELECT e.id AS enrollment_id, e.creator_id,
         count(p.id)::int AS posts,
         count(p.id) FILTER (WHERE p.status = 'COMPLIANT')::int AS compliant,
         count(p.id) FILTER (WHERE p.status = 'NON_COMPLIANT')::int AS non_compliant,
         count(p.id) FILTER (WHERE p.status = 'NEEDS_REVIEW')::int AS needs_review
    FROM enrollments e
    LEFT JOIN sponsored_posts p ON p.enrollment_id = e.id
   WHERE e.campaign_id = $1 AND e.status = 'APPROVED'
   GROUP BY e.id, e.creator_id`;

/** Brands (their own campaigns) and finance reading a campaign's disclosure compliance and its evidence log. */
@Injectable()
export class CampaignComplianceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async summary(actor: Actor, campaignId: string): Promise<CampaignCompliance> {
    await this.assertReadable(actor, campaignId);
    const [terms]: { disclosure_required: boolean }[] = await this.db.query(
      `SELECT disclosure_required FROM campaign_terms WHERE campaign_id = $1 ORDER BY version DESC LIMIT 1`,
      [campaignId],
    );
    const [posts]: { total: number; compliant: number; non_compliant: number; needs_review: number }[] = await this.db.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status = 'COMPLIANT')::int AS compliant,
              count(*) FILTER (WHERE status = 'NON_COMPLIANT')::int AS non_compliant,
              count(*) FILTER (WHERE status = 'NEEDS_REVIEW')::int AS needs_review
         FROM sponsored_posts WHERE campaign_id = $1`,
      [campaignId],
    );
    const [creators]: { approved: number; compliant: number; non_compliant: number; needs_review: number; missing: number }[] = await this.db.query(
      `SELECT count(*)::int AS approved,
              count(*) FILTER (WHERE non_compliant = 0 AND compliant > 0)::int AS compliant,
              count(*) FILTER (WHERE non_compliant > 0)::int AS non_compliant,
              count(*) FILTER (WHERE non_compliant = 0 AND compliant = 0 AND needs_review > 0)::int AS needs_review,
              count(*) FILTER (WHERE posts = 0)::int AS missing
         FROM (${ENROLLMENT_POSTS}) s`,
      [campaignId],
    );
    return {
      campaignId,
      disclosureRequired: terms?.disclosure_required ?? true,
      posts: { total: posts!.total, compliant: posts!.compliant, nonCompliant: posts!.non_compliant, needsReview: posts!.needs_review },
      creators: {
        approved: creators!.approved,
        compliant: creators!.compliant,
        nonCompliant: creators!.non_compliant,
        needsReview: creators!.needs_review,
        missing: creators!.missing,
      },
    };
  }

  /** The campaign's APPROVED creators who hold up payment: no compliant post, or a post found non-compliant. By enrollment. */
  async gaps(actor: Actor, campaignId: string, args: PageArgs): Promise<ConnectionShape<ComplianceGap>> {
    await this.assertReadable(actor, campaignId);
    const page = pageRequest(args, this.config.graphql);
    const rows: { enrollment_id: string; creator_id: string; posts: number; compliant: number; non_compliant: number; needs_review: number }[] = await this.db.query(
      `SELECT * FROM (${ENROLLMENT_POSTS}) s
        WHERE NOT (non_compliant = 0 AND compliant > 0) AND ($2::uuid IS NULL OR enrollment_id > $2::uuid)
        ORDER BY enrollment_id LIMIT $3`,
      [campaignId, page.afterId ?? null, page.first + 1],
    );
    const gaps = rows.map((row) => ({
      enrollmentId: row.enrollment_id,
      creatorId: row.creator_id,
      posts: row.posts,
      standing: standingOf({ compliant: row.compliant, nonCompliant: row.non_compliant, needsReview: row.needs_review }),
    }));
    return toConnection(gaps.slice(0, page.first), gaps.length > page.first, (gap) => gap.enrollmentId);
  }

  /** Every revision and every override of the campaign's posts, oldest first, as CSV for a legal team. */
  async exportEvidence(actor: Actor, campaignId: string): Promise<DisclosureEvidenceExport> {
    const campaign = await this.assertReadable(actor, campaignId);
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const [{ total }]: { total: number }[] = await manager.query(
        `SELECT (SELECT count(*) FROM sponsored_post_revisions r JOIN sponsored_posts p ON p.id = r.post_id WHERE p.campaign_id = $1)
              + (SELECT count(*) FROM disclosure_overrides o JOIN sponsored_posts p ON p.id = o.post_id WHERE p.campaign_id = $1) AS total`,
        [campaignId],
      );
      if (Number(total) > MAX_EVIDENCE_ROWS) {
        throw new BadUserInputException('campaignId', `The campaign's evidence log has ${total} rows; an export holds at most ${MAX_EVIDENCE_ROWS}`);
      }
      const rows: Record<string, string | number | Date | string[] | null>[] = await manager.query(
        `SELECT r.created_at AS recorded_at, 'REVISION' AS event, r.id AS row_id, p.id AS post_id, c.display_name AS creator, p.platform, p.url, r.revision,
                r.posted_at, r.disclosure_methods, r.verbal_at_seconds, r.jurisdictions, r.check_result, r.check_reasons, r.check_warnings,
                r.ruleset_version, r.evidence_sha256, r.evidence_media_ref, r.caption, r.transcript,
                NULL AS override_decision, NULL AS override_note, NULL AS decided_by
           FROM sponsored_post_revisions r JOIN sponsored_posts p ON p.id = r.post_id JOIN creator_profiles c ON c.id = p.creator_id
          WHERE p.campaign_id = $1
         UNION ALL
         SELECT o.created_at, 'OVERRIDE', o.id, p.id, c.display_name, p.platform, p.url, r.revision,
                NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                o.decision, o.note, o.decided_by_user_id::text
           FROM disclosure_overrides o JOIN sponsored_post_revisions r ON r.id = o.revision_id
           JOIN sponsored_posts p ON p.id = o.post_id JOIN creator_profiles c ON c.id = p.creator_id
          WHERE p.campaign_id = $1
         ORDER BY recorded_at, row_id`,
        [campaignId],
      );
      let csv = csvRow(EVIDENCE_HEADER);
      for (const row of rows) csv += csvRow(EVIDENCE_HEADER.map((column) => cell(row[sourceColumn(column)] ?? null)));
      return { filename: `disclosure-evidence-${campaign.slug}.csv`, contentType: 'text/csv; charset=utf-8', rowCount: rows.length, csv };
    });
  }

  /** Brands read their own campaigns (another's is NOT_FOUND); finance and admins read all; creators none. */
  private async assertReadable(actor: Actor, campaignId: string): Promise<Pick<CampaignEntity, 'id' | 'slug'>> {
    assertAnyRole(actor, READER_ROLES, "read a campaign's disclosure compliance");
    const staff = isPlatformStaff(actor);
    if (!staff && !actor.organizationId) throw campaignNotFound(campaignId);
    const where = staff ? { id: campaignId } : { id: campaignId, organizationId: actor.organizationId! };
    const campaign = await this.db.getRepository(CampaignEntity).findOne({ where, select: { id: true, slug: true } });
    if (!campaign) throw campaignNotFound(campaignId);
    return campaign;
  }
}

function sourceColumn(column: string): string {
  if (column === 'reasons') return 'check_reasons';
  if (column === 'warnings') return 'check_warnings';
  return column;
}

function cell(value: string | number | Date | string[] | null): string | number | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(';');
  return value;
}
