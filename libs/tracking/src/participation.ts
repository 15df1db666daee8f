import { campaignStillRunning, EnrollmentStatus } from '@app/campaigns';
import type { DataSource } from 'typeorm';

/** Where an enrollment and its campaign stand: links and codes attribute only while both go on. */
export interface Participation {
  enrollmentStatus: string;
  campaignStatus: string;
  campaignEndsAt: Date | null;
}

export function participationEnded(participation: Participation, now = new Date()): boolean {
  return (
    participation.enrollmentStatus !== EnrollmentStatus.APPROVED ||
    !campaignStillRunning({ status: participation.campaignStatus, endsAt: participation.campaignEndsAt }, now)
  );
}

/** Participation of several enrollments in one query, by enrollment id. */
export async function participationOf(db: DataSource, enrollmentIds: readonly string[]): Promise<Map<string, Participation>> {
  if (enrollmentIds.length === 0) return new Map();
  const rows: { id: string; enrollment_status: string; campaign_status: string; ends_at: Date | null }[] = await db.query(
    `SELECT e.id, e.status AS enrollment_status, c.status AS campaign_status, c.ends_at
       FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id
      WHERE e.id = ANY($1::uuid[])`,
    [[...new Set(enrollmentIds)]],
  );
  return new Map(rows.map((row) => [row.id, { enrollmentStatus: row.enrollment_status, campaignStatus: row.campaign_status, campaignEndsAt: row.ends_at }]));
}
