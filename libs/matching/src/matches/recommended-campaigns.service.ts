import { type Actor, type AppConfig, assertAnyRole, type ConnectionShape, InjectConfig, type PageArgs, Role } from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CandidateIndexService } from '../index/candidate-index.service.js';
import { MatchingErrorCode, MatchingException } from '../matching.exception.js';
import { PERFORMANCE_SIGNALS, type PerformanceSignal, type PerformanceSignals } from '../performance/performance-signals.js';
import { matchPageRequest, toMatchConnection } from '../ranking/match-page.js';
import { MatchQuery } from '../ranking/match-query.js';
import { scorePair } from '../scoring/match-score.js';
import { openCampaignsFor } from './campaign-reader.js';
import type { CampaignMatch } from './match.model.js';

interface Scored {
  query: MatchQuery;
  score: number;
  account: number;
}

/** Ranks the open campaigns a creator qualifies for, for that creator. */
@Injectable()
export class RecommendedCampaignsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly candidates: CandidateIndexService,
    @Inject(PERFORMANCE_SIGNALS) private readonly performance: PerformanceSignals,
    @InjectConfig() private readonly config: AppConfig,
    private readonly profiles: CreatorProfileService,
  ) {}

  async recommendedCampaigns(actor: Actor, page: PageArgs): Promise<ConnectionShape<CampaignMatch>> {
    assertAnyRole(actor, [Role.CREATOR], 'see recommended campaigns');
    const request = matchPageRequest(page, this.config.graphql);
    const [profile, index] = await Promise.all([
      this.profiles.findByUserId(actor.userId),
      this.candidates.fresh(),
    ]);
    const creatorId = profile?.id;
    if (!creatorId) throw new MatchingException(MatchingErrorCode.NoProfile, 'create your creator profile first');
    const campaigns = await openCampaignsFor(this.db, creatorId);
    const signals = await this.performance.forCreator(creatorId, campaigns);

    const creator = index.findCreator(creatorId);
    const evaluator = this.candidates.evaluator;
    const scored: Scored[] = [];
    if (creator >= 0) {
      for (const campaign of campaigns) {
        const signal = signals.get(campaign.id);
        const query = new MatchQuery(index, campaign, signal ? new Map<number, PerformanceSignal>([[creator, signal]]) : undefined);
        const score = evaluator.score(query, creator);
        if (score >= 0) scored.push({ query, score, account: evaluator.account });
      }
    }
    const after = request.after;
    const ranked = scored
      .filter(({ score, query }) => !after || score < after.score || (score === after.score && query.campaign.id > after.id))
      .sort((a, b) => b.score - a.score || (a.query.campaign.id < b.query.campaign.id ? -1 : 1));
    const nodes = ranked.slice(0, request.first).map(
      ({ query, score, account }): CampaignMatch => ({
        campaignId: query.campaign.id,
        score,
        title: query.campaign.title,
        explanation: scorePair(query.weights, evaluator.facts(query, creator, account)).explanation,
      }),
    );
    return toMatchConnection(nodes, ranked.length > request.first, (node) => ({ score: node.score, id: node.campaignId }));
  }
}
