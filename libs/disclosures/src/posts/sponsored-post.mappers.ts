import type { Platform } from '@app/creators';
import {
  DISCLOSURE_REASON_MESSAGES,
  DISCLOSURE_WARNING_MESSAGES,
  type DisclosureCheck,
  type DisclosureMethod,
  type DisclosureReason,
  type DisclosureWarning,
} from '../rules/check-disclosure.js';
import type { DisclosureOverrideEntity } from './disclosure-override.entity.js';
import type { SponsoredPostRevisionEntity } from './sponsored-post-revision.entity.js';
import type { SponsoredPostEntity } from './sponsored-post.entity.js';
import type { DisclosureCheckModel, DisclosureOverride, SponsoredPost, SponsoredPostRevision } from './sponsored-post.model.js';

export function toCheck(check: DisclosureCheck): DisclosureCheckModel {
  return { ...check, messages: messagesOf(check.reasons, check.warnings) };
}

/**
 * The reasons, then the warnings, in words. Reasons and warnings stored by an older rule set
 * may have been renamed since; they keep their code and have no message.
 */
function messagesOf(reasons: readonly DisclosureReason[], warnings: readonly DisclosureWarning[]): string[] {
  return [...reasons.map((reason) => DISCLOSURE_REASON_MESSAGES[reason]), ...warnings.map((warning) => DISCLOSURE_WARNING_MESSAGES[warning])].filter(
    (message): message is string => message !== undefined,
  );
}

export function toRevision(row: SponsoredPostRevisionEntity): SponsoredPostRevision {
  const reasons = row.checkReasons as DisclosureReason[];
  const warnings = row.checkWarnings as DisclosureWarning[];
  return {
    id: row.id,
    postId: row.postId,
    revision: row.revision,
    postedAt: row.postedAt,
    caption: row.caption,
    transcript: row.transcript,
    disclosureMethods: row.disclosureMethods as DisclosureMethod[],
    verbalAtSeconds: row.verbalAtSeconds,
    jurisdictions: row.jurisdictions,
    jurisdictionSource: row.jurisdictionSource,
    evidence: row.evidenceSha256 && row.evidenceMediaRef ? { sha256: row.evidenceSha256, mediaRef: row.evidenceMediaRef } : null,
    check: { result: row.checkResult, reasons, warnings, messages: messagesOf(reasons, warnings), rulesetVersion: row.rulesetVersion },
    createdAt: row.createdAt,
  };
}

export function toOverride(row: DisclosureOverrideEntity, revision: number, showDecider: boolean): DisclosureOverride {
  return { id: row.id, revision, decision: row.decision, note: row.note, decidedById: showDecider ? row.decidedByUserId : null, createdAt: row.createdAt };
}

export function toPost(row: SponsoredPostEntity, current: SponsoredPostRevisionEntity, override: DisclosureOverrideEntity | null, showDecider: boolean): SponsoredPost {
  return {
    id: row.id,
    enrollmentId: row.enrollmentId,
    campaignId: row.campaignId,
    creatorId: row.creatorId,
    organizationId: row.organizationId,
    platform: row.platform as Platform,
    url: row.url,
    status: row.status,
    statusSource: row.statusSource,
    current: toRevision(current),
    override: override ? toOverride(override, current.revision, showDecider) : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
