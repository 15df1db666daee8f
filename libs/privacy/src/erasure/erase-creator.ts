import { randomSlug } from '@app/tracking';
import type { EntityManager } from 'typeorm';
import { ERASED_TEXT } from './personal-identifiers.js';

/** `column` with every match of the pattern (parameter $1) replaced, for a text column. */
const scrubText = (column: string) => `${column} = regexp_replace(${column}, $1, '${ERASED_TEXT}', 'gi')`;
/** The same for jsonb: matches sit inside JSON strings, so the text form stays valid JSON. */
const scrubJson = (column: string) => `${column} = regexp_replace(${column}::text, $1, '${ERASED_TEXT}', 'gi')::jsonb`;
/** The same for text[], keeping the elements' order. */
const scrubArray = (column: string) =>
  `${column} = ARRAY(SELECT regexp_replace(x, $1, '${ERASED_TEXT}', 'gi') FROM unnest(${column}) WITH ORDINALITY AS u(x, i) ORDER BY i)`;

export interface CreatorErasure {
  creatorId: string;
  /** Matches the person's identifiers (see `identifierPattern`); null when they have none. */
  pattern: string | null;
}

/**
 * Erases what identifies a creator in the creator's own records and in the records others
 * keep about them (orders sold through their links and codes, notes, decisions), keeping
 * every id, amount and status money records and reports rest on. Run in the erasure's
 * transaction, after the identifiers were read.
 */
export async function eraseCreatorRecords(manager: EntityManager, { creatorId, pattern }: CreatorErasure): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const run = async (name: string, sql: string, parameters: unknown[]) => {
    const result = (await manager.query(sql, parameters)) as unknown;
    // UPDATE and DELETE come back as [rows, count].
    counts[name] = Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  };

  await run(
    'creatorProfiles',
    `UPDATE creator_profiles SET display_name = 'Erased creator', bio = '', country = NULL, languages = '{}', niches = '{}', updated_at = now() WHERE id = $1`,
    [creatorId],
  );
  await run('socialAccounts', `DELETE FROM social_accounts WHERE creator_id = $1`, [creatorId]);
  await run('creatorBans', `UPDATE creator_bans SET reason = NULL WHERE creator_id = $1 AND reason IS NOT NULL`, [creatorId]);
  // The pitch is the creator's own words; the brand's message and note may name them.
  await run(
    'enrollments',
    `UPDATE enrollments SET pitch = NULL, invitation_message = NULL, reason_note = NULL, updated_at = now()
      WHERE creator_id = $1 AND (pitch IS NOT NULL OR invitation_message IS NOT NULL OR reason_note IS NOT NULL)`,
    [creatorId],
  );

  // Links stop redirecting; a vanity alias may be the handle, and the destination carries it as utm_source.
  await run(
    'referralLinks',
    `UPDATE referral_links
        SET alias = NULL, status = 'DISABLED', disabled_at = coalesce(disabled_at, now()),
            disabled_reason = 'The creator''s account was erased',
            destination_url = CASE WHEN $2::text IS NULL THEN destination_url ELSE regexp_replace(destination_url, $2, '${ERASED_TEXT}', 'gi') END,
            destination_path = CASE WHEN $2::text IS NULL OR destination_path IS NULL THEN destination_path ELSE regexp_replace(destination_path, $2, '${ERASED_TEXT}', 'gi') END,
            updated_at = now()
      WHERE creator_id = $1`,
    [creatorId, pattern],
  );
  counts.discountCodes = await rewriteDiscountCodes(manager, creatorId);

  // Sponsored posts stay as evidence that a post existed and how it was judged; what it said and where goes.
  await run(
    'sponsoredPostRevisions',
    `UPDATE sponsored_post_revisions SET caption = '', transcript = NULL, evidence_media_ref = NULL
      WHERE post_id IN (SELECT id FROM sponsored_posts WHERE creator_id = $1)
        AND (caption <> '' OR transcript IS NOT NULL OR evidence_media_ref IS NOT NULL)`,
    [creatorId],
  );
  await run('sponsoredPosts', `UPDATE sponsored_posts SET url = 'erased:' || id::text, url_key = 'erased:' || id::text WHERE creator_id = $1`, [creatorId]);

  // The payout account stays known (transfers and reversals of past payouts name it) but never receives again.
  await run(
    'payoutAccounts',
    `UPDATE payout_accounts SET status = 'DISABLED', disabled_reason = 'account_erased', requirements_due = '{}', updated_at = now() WHERE creator_id = $1`,
    [creatorId],
  );

  if (pattern !== null) await scrubOthersRecords(manager, creatorId, pattern, run);
  return counts;
}

/**
 * Codes are often made from the handle (MAYA15): each gets a random text and key and is
 * revoked, keeping its id (orders, fraud signals and decisions refer to it by id). Orders
 * that carried a code keep it under its new text, so the two still agree.
 */
async function rewriteDiscountCodes(manager: EntityManager, creatorId: string): Promise<number> {
  const codes = (await manager.query(`SELECT id, organization_id, code FROM discount_codes WHERE creator_id = $1 FOR UPDATE`, [creatorId])) as {
    id: string;
    organization_id: string;
    code: string;
  }[];
  for (const row of codes) {
    const replacement = `ERASED${randomSlug(10).toUpperCase()}`;
    await manager.query(
      `UPDATE discount_codes
          SET code = $2, code_key = $2, status = 'REVOKED', revoked_at = coalesce(revoked_at, now()),
              revoked_reason = 'The creator''s account was erased', updated_at = now()
        WHERE id = $1`,
      [row.id, replacement],
    );
    await manager.query(`UPDATE orders SET discount_codes = array_replace(discount_codes, $3, $2) WHERE organization_id = $1 AND $3 = ANY(discount_codes)`, [
      row.organization_id,
      replacement,
      row.code,
    ]);
  }
  return codes.length;
}

/** Text others wrote about the creator's sales and posts, scrubbed of the creator's identifiers only. */
async function scrubOthersRecords(
  manager: EntityManager,
  creatorId: string,
  pattern: string,
  run: (name: string, sql: string, parameters: unknown[]) => Promise<void>,
): Promise<void> {
  const ORDERS = `SELECT id FROM orders WHERE creator_id = $2`;
  await run('orders', `UPDATE orders SET ${scrubText('landing_url')} WHERE creator_id = $2 AND landing_url ~* $1`, [pattern, creatorId]);
  // The inbox keeps each order event's body; the shop's landing URL in it may carry the handle.
  await run(
    'orderEvents',
    `UPDATE order_events e SET ${scrubText('raw_body')}
       FROM orders o WHERE o.creator_id = $2 AND e.integration_id = o.integration_id AND e.order_external_id = o.external_id AND e.raw_body ~* $1`,
    [pattern, creatorId],
  );
  await run(
    'attributionDecisions',
    `UPDATE attribution_decisions SET ${scrubJson('candidates')}, reason = CASE WHEN reason IS NULL THEN NULL ELSE regexp_replace(reason, $1, '${ERASED_TEXT}', 'gi') END
      WHERE (winner_creator_id = $2 OR order_id IN (${ORDERS})) AND (candidates::text ~* $1 OR reason ~* $1)`,
    [pattern, creatorId],
  );
  await run(
    'commissions',
    `UPDATE commissions SET ${scrubArray('explanation')}, review_note = CASE WHEN review_note IS NULL THEN NULL ELSE regexp_replace(review_note, $1, '${ERASED_TEXT}', 'gi') END
      WHERE creator_id = $2 AND (array_to_string(explanation, ' ') ~* $1 OR review_note ~* $1)`,
    [pattern, creatorId],
  );
  await run(
    'commissionAdjustments',
    `UPDATE commission_adjustments SET ${scrubText('reason')} WHERE commission_id IN (SELECT id FROM commissions WHERE creator_id = $2) AND reason ~* $1`,
    [pattern, creatorId],
  );
  await run(
    'fraudSignals',
    `UPDATE fraud_signals SET ${scrubText('reason')}, ${scrubJson('detail')}
      WHERE (creator_id = $2 OR order_id IN (${ORDERS})) AND (reason ~* $1 OR detail::text ~* $1)`,
    [pattern, creatorId],
  );
  await run(
    'payouts',
    `UPDATE payouts SET last_error = CASE WHEN last_error IS NULL THEN NULL ELSE regexp_replace(last_error, $1, '${ERASED_TEXT}', 'gi') END,
                        failure_message = CASE WHEN failure_message IS NULL THEN NULL ELSE regexp_replace(failure_message, $1, '${ERASED_TEXT}', 'gi') END
      WHERE creator_id = $2 AND (last_error ~* $1 OR failure_message ~* $1)`,
    [pattern, creatorId],
  );
  await run(
    'stripeEvents',
    `UPDATE stripe_events SET ${scrubJson('payload')}
      WHERE object_id IN (SELECT stripe_account_id FROM payout_accounts WHERE creator_id = $2 UNION SELECT stripe_transfer_id FROM payouts WHERE creator_id = $2)
        AND payload::text ~* $1`,
    [pattern, creatorId],
  );
}
