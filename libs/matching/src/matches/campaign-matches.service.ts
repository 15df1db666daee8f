import { type Actor, type AppConfig, assertAnyRole, type ConnectionShape, InjectConfig, type PageArgs, Role } from '@app/core';
import { Platform, PLATFORMS } from '@app/creators';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CandidateIndex } from '../index/candidate-index.js';
import { CandidateIndexService } from '../index/candidate-index.service.js';
import { readUuid } from '../index/uuid-words.js';
import { MatchingErrorCode, MatchingException } from '../matching.exception.js';
import { PERFORMANCE_SIGNALS, type PerformanceSignal, type PerformanceSignals } from '../performance/performance-signals.js';
import { rankCreators } from '../ranking/creator-ranker.js';
import { type MatchPageRequest, matchPageRequest, toMatchConnection } from '../ranking/match-page.js';
import { type CampaignCriteria, MatchQuery } from '../ranking/match-query.js';
import { scorePair } from '../scoring/match-score.js';
import { excludedCreatorIds, findCampaignCriteria } from './campaign-reader.js';
import type { CreatorMatch } from './match.model.js';

/** Deleted creators found on a page are dropped and the page ranked again, at most this often. */
const MAX_RERANKS = 3;

/** Ranks creators for a campaign, for the brand that owns it (and platform admins). */
@Injectable()
export class CampaignMatchesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly candidates: CandidateIndexService,
    @Inject(PERFORMANCE_SIGNALS) private readonly performance: PerformanceSignals,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async campaignMatches(actor: Actor, campaignId: string, page: PageArgs): Promise<ConnectionShape<CreatorMatch>> {
    assertAnyRole(actor, [Role.BRAND_ADMIN, Role.BRAND_MEMBER, Role.ADMIN], 'see the matches of a campaign');
    const request = matchPageRequest(page, this.config.graphql);
    const id = campaignId.toLowerCase();
    const [campaign, excludedIds, index] = await Promise.all([
      findCampaignCriteria(this.db, id),
      excludedCreatorIds(this.db, id),
      this.candidates.fresh(),
    ]);
    const isAdmin = actor.roles.includes(Role.ADMIN);
    if (!campaign || (!isAdmin && campaign.organizationId !== actor.organizationId)) {
      throw new MatchingException(MatchingErrorCode.NotFound, `Campaign ${campaignId} not found`);
    }
    const signals = await this.performance.forCampaign(campaign);
    for (let attempt = 1; ; attempt += 1) {
      const connection = this.rank(index, campaign, signals, excludedIds, request);
      const ids = connection.edges.map((edge) => edge.node.creatorId);
      const missing = await this.deletedCreators(ids);
      if (missing.length === 0 || attempt >= MAX_RERANKS) return connection;
      this.candidates.forget(missing);
    }
  }

  /** Ranks and explains one page synchronously, so the index cannot change in between. */
  private rank(
    index: CandidateIndex,
    campaign: CampaignCriteria,
    signals: ReadonlyMap<string, PerformanceSignal>,
    excludedIds: readonly string[],
    request: MatchPageRequest,
  ): ConnectionShape<CreatorMatch> {
    const bySlot = new Map<number, PerformanceSignal>();
    for (const [creatorId, signal] of signals) {
      const slot = index.findCreator(creatorId);
      if (slot >= 0) bySlot.set(slot, signal);
    }
    const q = new MatchQuery(index, campaign, bySlot);
    const excluded = new Uint8Array(index.creatorSlots);
    for (const creatorId of excludedIds) {
      const slot = index.findCreator(creatorId);
      if (slot >= 0) excluded[slot] = 1;
    }
    const evaluator = this.candidates.evaluator;
    const ranked = rankCreators(index, evaluator, q, excluded, request.first + 1, request.after);
    const nodes = ranked.slice(0, request.first).map(
      ({ score, creator, account }): CreatorMatch => ({
        creatorId: readUuid(index.creatorIds, creator),
        score,
        explanation: scorePair(q.weights, evaluator.facts(q, creator, account)).explanation,
        socialAccountId: readUuid(index.accountIds, account),
        platform: PLATFORMS[index.accountPlatform[account]!] as Platform,
        followers: index.accountFollowers[account]!,
      }),
    );
    return toMatchConnection(nodes, ranked.length > request.first, (node) => ({ score: node.score, id: node.creatorId }));
  }

  private async deletedCreators(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ id: string }[]>(`SELECT id FROM creator_profiles WHERE id = ANY($1::uuid[])`, [ids]);
    const present = new Set(rows.map((row) => row.id));
    return ids.filter((id) => !present.has(id));
  }
}
