import { type Actor, type AppConfig, type ConnectionShape, InjectConfig, InputProblems, isCountryCode, mapConnection, type PageArgs, pageRequest, paginate } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { Niche, NICHES, Platform, PLATFORMS } from '../vocabulary.js';
import { assertCreatorReader } from './creator-access.js';
import { CreatorProfileEntity } from './creator-profile.entity.js';
import { toCreatorProfile } from './creator.mappers.js';
import type { CreatorProfile } from './creator.model.js';

export const SEARCH_QUERY_MAX_LENGTH = 200;

/** What brands search creators by. Account conditions must hold on one and the same account. */
export interface CreatorSearchFilter {
  platform?: Platform | null;
  niche?: Niche | null;
  country?: string | null;
  minFollowers?: number | null;
  maxFollowers?: number | null;
  minEngagementRate?: number | null;
  audienceCountry?: string | null;
  query?: string | null;
}

/** Escapes LIKE's wildcards so user text matches literally (backslash is Postgres's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Brand search over creator profiles, keyset-paginated on the profile id. The filters are
 * plain SQL over indexed columns; ranking creators for a campaign is matching's job.
 */
@Injectable()
export class CreatorSearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async search(actor: Actor, filter: CreatorSearchFilter, page: PageArgs): Promise<ConnectionShape<CreatorProfile>> {
    assertCreatorReader(actor, 'search creators');
    const checked = checkFilter(filter);
    const request = pageRequest(page, this.config.graphql);
    const query = this.db.getRepository(CreatorProfileEntity).createQueryBuilder('p');
    applyFilter(query, checked);
    return mapConnection(await paginate(query, request), toCreatorProfile);
  }
}

interface CheckedFilter extends CreatorSearchFilter {
  text?: string;
  handlePrefix?: string;
}

/** Checks the filter (naming `filter.<field>`) and normalizes codes and text. */
export function checkFilter(filter: CreatorSearchFilter, prefix = 'filter'): CheckedFilter {
  const problems = new InputProblems();
  const field = (name: string) => `${prefix}.${name}`;
  const checked: CheckedFilter = { ...filter };

  if (given(filter.platform) && !PLATFORMS.includes(filter.platform)) problems.add(field('platform'), `${field('platform')} must be one of ${PLATFORMS.join(', ')}`);
  if (given(filter.niche) && !NICHES.includes(filter.niche)) problems.add(field('niche'), `${field('niche')} must be a value of the Niche enum`);
  for (const name of ['country', 'audienceCountry'] as const) {
    const value = filter[name];
    if (!given(value)) continue;
    checked[name] = value.trim().toUpperCase();
    if (!isCountryCode(checked[name])) problems.add(field(name), `${field(name)} must be an ISO 3166-1 alpha-2 country code such as US (got "${value}")`);
  }
  for (const name of ['minFollowers', 'maxFollowers'] as const) {
    const value = filter[name];
    if (given(value) && (!Number.isInteger(value) || value < 0)) problems.add(field(name), `${field(name)} must be a whole number, 0 or more (got ${value})`);
  }
  if (given(filter.minFollowers) && given(filter.maxFollowers) && filter.minFollowers > filter.maxFollowers) {
    problems.add(field('maxFollowers'), `${field('maxFollowers')} must not be below ${field('minFollowers')}`);
  }
  if (given(filter.minEngagementRate) && !(Number.isFinite(filter.minEngagementRate) && filter.minEngagementRate >= 0)) {
    problems.add(field('minEngagementRate'), `${field('minEngagementRate')} must be a fraction, 0 or more: 0.03 is 3% (got ${filter.minEngagementRate})`);
  }
  if (given(filter.query)) {
    const text = filter.query.trim();
    if (text.length > SEARCH_QUERY_MAX_LENGTH) {
      problems.add(field('query'), `${field('query')} must be at most ${SEARCH_QUERY_MAX_LENGTH} characters`);
    } else if (text.length > 0) {
      checked.text = text;
      const handle = text.replace(/^@/, '').toLowerCase();
      if (handle.length > 0) checked.handlePrefix = `${escapeLike(handle)}%`;
    }
  }
  problems.throwIfAny();
  return checked;
}

function given<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

function applyFilter(query: SelectQueryBuilder<CreatorProfileEntity>, filter: CheckedFilter): void {
  // Parameter names carry a prefix: TypeORM would read `::text` in a cast as a parameter `text`.
  if (given(filter.niche)) query.andWhere('p.niches @> ARRAY[:filterNiche]::text[]', { filterNiche: filter.niche });
  if (given(filter.country)) query.andWhere('p.country = :filterCountry', { filterCountry: filter.country });

  const account: string[] = [];
  const params: Record<string, unknown> = {};
  if (given(filter.platform)) {
    account.push('sa.platform = :filterPlatform');
    params.filterPlatform = filter.platform;
  }
  if (given(filter.minFollowers)) {
    account.push('sa.followers >= :filterMinFollowers');
    params.filterMinFollowers = filter.minFollowers;
  }
  if (given(filter.maxFollowers)) {
    account.push('sa.followers <= :filterMaxFollowers');
    params.filterMaxFollowers = filter.maxFollowers;
  }
  if (given(filter.minEngagementRate)) {
    account.push('sa.engagement_rate >= :filterMinEngagementRate');
    params.filterMinEngagementRate = filter.minEngagementRate;
  }
  if (given(filter.audienceCountry)) {
    account.push('sa.audience_country_codes @> ARRAY[:filterAudienceCountry]::text[]');
    params.filterAudienceCountry = filter.audienceCountry;
  }
  if (account.length > 0) {
    query.andWhere(`EXISTS (SELECT 1 FROM social_accounts sa WHERE sa.creator_id = p.id AND ${account.join(' AND ')})`, params);
  }

  if (filter.text !== undefined) {
    // The expression is the one `ix_creator_profiles_search` indexes, so the index serves it; a
    // UNION rather than an OR with the handle test keeps the planner able to use it.
    const words = `SELECT t.id FROM creator_profiles t WHERE to_tsvector('simple', t.display_name || ' ' || t.bio) @@ plainto_tsquery('simple', :filterText)`;
    const handles = 'SELECT h.creator_id FROM social_accounts h WHERE lower(h.handle) LIKE :filterHandlePrefix';
    query.andWhere(`p.id IN (${filter.handlePrefix ? `${words} UNION ${handles}` : words})`, {
      filterText: filter.text,
      filterHandlePrefix: filter.handlePrefix,
    });
  }
}
