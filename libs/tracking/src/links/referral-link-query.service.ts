import { type Actor, type AppConfig, type ConnectionShape, InjectConfig, paginate, pageRequest, type PageArgs } from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { participationOf } from '../participation.js';
import { referralLinkNotFound } from '../tracking.exception.js';
import { applyScope, assertCampaignInScope, trackingScope } from '../tracking-scope.js';
import { ReferralLinkStatsEntity } from './referral-link-stats.entity.js';
import { ReferralLinkEntity } from './referral-link.entity.js';
import type { ReferralLinkFilter } from './referral-link.inputs.js';
import { toReferralLink } from './referral-link.mappers.js';
import type { ReferralLink } from './referral-link.model.js';

export interface LinkClickCounts {
  clicks: number;
  uniqueClicks: number;
  lastClickAt: Date | null;
}

const NO_CLICKS: LinkClickCounts = { clicks: 0, uniqueClicks: 0, lastClickAt: null };

/** Reading links: a brand its organization's, a creator their own, platform staff all. Anything else is NOT_FOUND. */
@Injectable()
export class ReferralLinkQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly profiles: CreatorProfileService,
  ) {}

  async get(actor: Actor, id: string): Promise<ReferralLink> {
    const scope = await trackingScope(actor, this.profiles);
    const row = await applyScope(this.db.getRepository(ReferralLinkEntity).createQueryBuilder('l').where('l.id = :id', { id }), scope).getOne();
    if (!row) throw referralLinkNotFound(id);
    return (await this.present([row]))[0]!;
  }

  async list(actor: Actor, filter: ReferralLinkFilter = {}, args: PageArgs): Promise<ConnectionShape<ReferralLink>> {
    const scope = await trackingScope(actor, this.profiles);
    const page = pageRequest(args, this.config.graphql);
    if (filter.campaignId) await assertCampaignInScope(this.db, scope, filter.campaignId);
    const query = applyScope(this.db.getRepository(ReferralLinkEntity).createQueryBuilder('l'), scope);
    if (filter.campaignId) query.andWhere('l.campaignId = :campaignId', { campaignId: filter.campaignId });
    if (filter.enrollmentId) query.andWhere('l.enrollmentId = :enrollmentId', { enrollmentId: filter.enrollmentId });
    if (filter.creatorId) query.andWhere('l.creatorId = :creatorId', { creatorId: filter.creatorId });
    const connection = await paginate(query, page, { direction: 'DESC' });
    const links = await this.present(connection.edges.map((edge) => edge.node));
    return { pageInfo: connection.pageInfo, edges: connection.edges.map((edge, i) => ({ cursor: edge.cursor, node: links[i]! })) };
  }

  /** Click counts of several links, in one query; a link never clicked has zeros. */
  async clickCounts(linkIds: readonly string[]): Promise<Map<string, LinkClickCounts>> {
    const rows = linkIds.length === 0 ? [] : await this.db.getRepository(ReferralLinkStatsEntity).createQueryBuilder('s').where('s.linkId IN (:...linkIds)', { linkIds }).getMany();
    const found = new Map(rows.map((row) => [row.linkId, { clicks: row.clicks, uniqueClicks: row.uniqueClicks, lastClickAt: row.lastClickAt }]));
    return new Map(linkIds.map((id) => [id, found.get(id) ?? NO_CLICKS]));
  }

  private async present(rows: ReferralLinkEntity[]): Promise<ReferralLink[]> {
    const participation = await participationOf(this.db, rows.map((row) => row.enrollmentId));
    return rows.map((row) => toReferralLink(row, participation.get(row.enrollmentId), this.config.tracking.redirectorPublicUrl));
  }
}
