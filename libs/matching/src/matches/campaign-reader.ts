import { CampaignEntity } from '@app/campaigns';
import type { DataSource } from 'typeorm';
import type { CampaignCriteria } from '../ranking/match-query.js';

const CRITERIA_COLUMNS: (keyof CampaignEntity)[] = [
  'id',
  'organizationId',
  'title',
  'niches',
  'platforms',
  'targetCountries',
  'minFollowers',
  'maxFollowers',
  'minEngagementRate',
  'matchWeights',
];

function toCriteria(row: CampaignEntity): CampaignCriteria {
  return {
    id: row.id,
    organizationId: row.organizationId,
    title: row.title,
    niches: row.niches,
    platforms: row.platforms,
    targetCountries: row.targetCountries,
    minFollowers: row.minFollowers,
    maxFollowers: row.maxFollowers,
    minEngagementRate: row.minEngagementRate,
    matchWeights: row.matchWeights,
  };
}

/** A campaign's matching criteria, whatever its status, or null. */
export async function findCampaignCriteria(db: DataSource, campaignId: string): Promise<CampaignCriteria | null> {
  const row = await db.getRepository(CampaignEntity).findOne({ select: Object.fromEntries(CRITERIA_COLUMNS.map((column) => [column, true])), where: { id: campaignId } });
  return row ? toCriteria(row) : null;
}

/** Creators a campaign's matches leave out: any enrollment in it (whatever its status), any ban by its brand. */
export async function excludedCreatorIds(db: DataSource, campaignId: string): Promise<string[]> {
  const rows = await db.query<{ creator_id: string }[]>(
    `SELECT e.creator_id FROM enrollments e WHERE e.campaign_id = $1
     UNION
     SELECT b.creator_id FROM creator_bans b JOIN campaigns c ON c.organization_id = b.organization_id WHERE c.id = $1`,
    [campaignId],
  );
  return rows.map((row) => row.creator_id);
}

/** ACTIVE, OPEN campaigns not past their end date, that the creator is not enrolled in and not banned from. */
export async function openCampaignsFor(db: DataSource, creatorId: string): Promise<CampaignCriteria[]> {
  const rows = await db
    .getRepository(CampaignEntity)
    .createQueryBuilder('c')
    .select(CRITERIA_COLUMNS.map((column) => `c.${column}`))
    .where(`c.status = 'ACTIVE' AND c.visibility = 'OPEN' AND (c.ends_at IS NULL OR c.ends_at > now())`)
    .andWhere('NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.campaign_id = c.id AND e.creator_id = :creatorId)', { creatorId })
    .andWhere('NOT EXISTS (SELECT 1 FROM creator_bans b WHERE b.organization_id = c.organization_id AND b.creator_id = :creatorId)', { creatorId })
    .getMany();
  return rows.map(toCriteria);
}
