import type { EntityManager } from 'typeorm';
import type { ExportRow } from './account-records.js';

/** Money as the API writes it: integer minor units as a decimal string, and the currency. */
const money = (amount: string, currency: string) => `json_build_object('amountMinor', (${amount})::text, 'currency', ${currency})`;

/**
 * Everything held about a creator through their profile: social accounts, enrollments,
 * links, codes, sponsored posts with their revisions, commissions, the payout account,
 * payouts, ledger balances and the days their own visits were seen (the visitor hashes
 * themselves are not given: they only serve to recognise self-referral).
 */
export async function readCreatorRecords(manager: EntityManager, userId: string) {
  const [profile] = (await manager.query(
    `SELECT id, display_name AS "displayName", bio, country, languages, niches, created_at AS "createdAt", updated_at AS "updatedAt"
       FROM creator_profiles WHERE user_id = $1`,
    [userId],
  )) as ExportRow[];
  if (!profile) return null;
  const read = async (sql: string): Promise<ExportRow[]> => (await manager.query(sql, [profile.id])) as ExportRow[];
  const socialAccounts = await read(
    `SELECT id, platform, handle, followers, avg_likes AS "avgLikes", avg_comments AS "avgComments", avg_views AS "avgViews",
            engagement_rate AS "engagementRate", audience_countries AS "audienceCountries",
            CASE WHEN rate_per_post_minor IS NULL THEN NULL ELSE ${money('rate_per_post_minor', 'rate_currency')} END AS "ratePerPost",
            created_at AS "createdAt", updated_at AS "updatedAt"
       FROM social_accounts WHERE creator_id = $1 ORDER BY created_at, id`,
  );
  const enrollments = await read(
    `SELECT e.id, e.campaign_id AS "campaignId", c.title AS "campaignTitle", e.organization_id AS "organizationId", e.status, e.origin,
            e.pitch, e.invitation_message AS "invitationMessage", e.reason_code AS "reasonCode", e.reason_note AS "reasonNote",
            e.decided_at AS "decidedAt", e.approved_at AS "approvedAt", e.ended_at AS "endedAt", e.created_at AS "createdAt"
       FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id WHERE e.creator_id = $1 ORDER BY e.created_at, e.id`,
  );
  const referralLinks = await read(
    `SELECT l.id, l.enrollment_id AS "enrollmentId", l.slug, l.alias, l.destination_url AS "destinationUrl", l.status,
            l.disabled_at AS "disabledAt", l.disabled_reason AS "disabledReason", l.created_at AS "createdAt",
            coalesce(s.clicks, 0) AS clicks, coalesce(s.unique_clicks, 0) AS "uniqueClicks"
       FROM referral_links l LEFT JOIN referral_link_stats s ON s.link_id = l.id WHERE l.creator_id = $1 ORDER BY l.created_at, l.id`,
  );
  const discountCodes = await read(
    `SELECT id, enrollment_id AS "enrollmentId", code, discount_type AS "discountType", percent_bps AS "percentBps",
            CASE WHEN amount_minor IS NULL THEN NULL ELSE ${money('amount_minor', 'currency')} END AS amount,
            status, revoked_at AS "revokedAt", revoked_reason AS "revokedReason", created_at AS "createdAt"
       FROM discount_codes WHERE creator_id = $1 ORDER BY created_at, id`,
  );
  const sponsoredPosts = await read(
    `SELECT p.id, p.enrollment_id AS "enrollmentId", p.platform, p.url, p.status, p.status_source AS "statusSource", p.created_at AS "createdAt",
            (SELECT coalesce(json_agg(json_build_object(
                      'revision', r.revision, 'postedAt', r.posted_at, 'caption', r.caption, 'transcript', r.transcript,
                      'disclosureMethods', r.disclosure_methods, 'jurisdictions', r.jurisdictions, 'evidenceSha256', r.evidence_sha256,
                      'evidenceMediaRef', r.evidence_media_ref, 'checkResult', r.check_result, 'checkReasons', r.check_reasons,
                      'createdAt', r.created_at) ORDER BY r.revision), '[]'::json)
               FROM sponsored_post_revisions r WHERE r.post_id = p.id) AS revisions
       FROM sponsored_posts p WHERE p.creator_id = $1 ORDER BY p.created_at, p.id`,
  );
  const commissions = await read(
    `SELECT id, organization_id AS "organizationId", campaign_id AS "campaignId", enrollment_id AS "enrollmentId", order_id AS "orderId",
            kind, status, ${money('amount_minor', 'currency')} AS amount, hold_reasons AS "holdReasons", explanation,
            ordered_at AS "orderedAt", eligible_at AS "eligibleAt", approved_at AS "approvedAt", paid_at AS "paidAt",
            reversed_at AS "reversedAt", rejected_at AS "rejectedAt", review_note AS "reviewNote", created_at AS "createdAt"
       FROM commissions WHERE creator_id = $1 ORDER BY created_at, id`,
  );
  const payoutAccounts = await read(
    `SELECT id, stripe_account_id AS "stripeAccountId", status, details_submitted AS "detailsSubmitted", payouts_enabled AS "payoutsEnabled",
            requirements_due AS "requirementsDue", disabled_reason AS "disabledReason", country, created_at AS "createdAt"
       FROM payout_accounts WHERE creator_id = $1`,
  );
  const payouts = await read(
    `SELECT id, run_id AS "runId", status, ${money('amount_minor', 'currency')} AS amount, ${money('gross_minor', 'currency')} AS gross,
            ${money('clawback_minor', 'currency')} AS clawback, ${money('reversed_minor', 'currency')} AS reversed,
            stripe_transfer_id AS "stripeTransferId", failure_code AS "failureCode", sent_at AS "sentAt", failed_at AS "failedAt", created_at AS "createdAt"
       FROM payouts WHERE creator_id = $1 ORDER BY created_at, id`,
  );
  const ledgerAccounts = await read(
    `SELECT id, purpose, ${money('balance_minor', 'currency')} AS balance FROM ledger_accounts
      WHERE owner_type = 'CREATOR' AND owner_id = $1 ORDER BY purpose, currency`,
  );
  const visitDays = (await manager.query(`SELECT day, first_seen_at AS "firstSeenAt" FROM creator_visitors WHERE user_id = $1 ORDER BY day, first_seen_at`, [
    userId,
  ])) as ExportRow[];
  return {
    profile,
    socialAccounts,
    enrollments,
    referralLinks,
    discountCodes,
    sponsoredPosts,
    commissions,
    payoutAccount: payoutAccounts[0] ?? null,
    payouts,
    ledgerAccounts,
    visitDays,
  };
}

export type CreatorRecords = NonNullable<Awaited<ReturnType<typeof readCreatorRecords>>>;
