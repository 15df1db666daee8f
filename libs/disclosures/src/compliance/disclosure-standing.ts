import { registerEnumType } from '@nestjs/graphql';
import type { EntityManager } from 'typeorm';

/** Where an enrollment stands on disclosure, over all its posts. */
export enum DisclosureStanding {
  /** At least one compliant post (by its check or an override), and none found non-compliant. */
  COMPLIANT = 'COMPLIANT',
  /** A post is non-compliant: approvals wait until it is fixed (revised or overridden). */
  NON_COMPLIANT = 'NON_COMPLIANT',
  /** Posts recorded, each waiting for a person to judge it. */
  NEEDS_REVIEW = 'NEEDS_REVIEW',
  /** No post recorded. */
  MISSING = 'MISSING',
}

registerEnumType(DisclosureStanding, { name: 'DisclosureStanding', description: 'Where an enrollment stands on disclosure, over all its posts.' });

export interface PostStatusCounts {
  compliant: number;
  nonCompliant: number;
  needsReview: number;
}

export function standingOf(counts: PostStatusCounts): DisclosureStanding {
  if (counts.nonCompliant > 0) return DisclosureStanding.NON_COMPLIANT;
  if (counts.compliant > 0) return DisclosureStanding.COMPLIANT;
  return counts.needsReview > 0 ? DisclosureStanding.NEEDS_REVIEW : DisclosureStanding.MISSING;
}

/**
 * The disclosure standing of each enrollment, in one query, read in `manager`'s transaction:
 * what the commission gate asks before an approval. Every requested id is a key.
 */
export async function disclosureStandings(manager: EntityManager, enrollmentIds: readonly string[]): Promise<Map<string, DisclosureStanding>> {
  const ids = [...new Set(enrollmentIds)];
  const standings = new Map(ids.map((id) => [id, DisclosureStanding.MISSING]));
  if (ids.length === 0) return standings;
  const rows: { enrollment_id: string; compliant: number; non_compliant: number; needs_review: number }[] = await manager.query(
    `SELECT enrollment_id,
            count(*) FILTER (WHERE status = 'COMPLIANT')::int AS compliant,
            count(*) FILTER (WHERE status = 'NON_COMPLIANT')::int AS non_compliant,
            count(*) FILTER (WHERE status = 'NEEDS_REVIEW')::int AS needs_review
       FROM sponsored_posts WHERE enrollment_id = ANY($1::uuid[]) GROUP BY enrollment_id`,
    [ids],
  );
  for (const row of rows) standings.set(row.enrollment_id, standingOf({ compliant: row.compliant, nonCompliant: row.non_compliant, needsReview: row.needs_review }));
  return standings;
}
