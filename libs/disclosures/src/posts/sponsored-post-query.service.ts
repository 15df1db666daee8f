import { type Actor, type AppConfig, type ConnectionShape, InjectConfig, mapConnection, paginate, pageRequest, type PageArgs, pagesByParent, type ParentPageKey } from '@app/core';
import { CreatorProfileEntity } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { assertCampaignInOrganization } from '../compliance/campaign-scope.js';
import { sponsoredPostNotFound } from '../disclosures.exception.js';
import { DisclosureOverrideEntity } from './disclosure-override.entity.js';
import { applyPostScope, postScope, type PostScope } from './post-scope.js';
import { SponsoredPostRevisionEntity } from './sponsored-post-revision.entity.js';
import { PostStatusSource, SponsoredPostEntity } from './sponsored-post.entity.js';
import type { SponsoredPostFilter } from './sponsored-post.inputs.js';
import { toPost, toRevision } from './sponsored-post.mappers.js';
import type { SponsoredPost, SponsoredPostRevision } from './sponsored-post.model.js';

/** Reading sponsored posts: a brand its organization's, a creator their own, platform staff all. Anything else is NOT_FOUND. */
@Injectable()
export class SponsoredPostQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  scopeOf(actor: Actor): Promise<PostScope> {
    return postScope(actor, async (userId) => (await this.db.getRepository(CreatorProfileEntity).findOne({ where: { userId }, select: { id: true } }))?.id ?? null);
  }

  async get(actor: Actor, id: string): Promise<SponsoredPost> {
    const scope = await this.scopeOf(actor);
    const row = await applyPostScope(this.db.getRepository(SponsoredPostEntity).createQueryBuilder('p').where('p.id = :id', { id }), scope).getOne();
    if (!row) throw sponsoredPostNotFound(id);
    return (await this.present(this.db.manager, [row], scope))[0]!;
  }

  /** Newest first. A brand filtering by another organization's campaign gets NOT_FOUND for the campaign. */
  async list(actor: Actor, filter: SponsoredPostFilter = {}, args: PageArgs): Promise<ConnectionShape<SponsoredPost>> {
    const scope = await this.scopeOf(actor);
    const page = pageRequest(args, this.config.graphql);
    if (filter.campaignId && scope.kind === 'organization') await assertCampaignInOrganization(this.db.manager, scope.organizationId, filter.campaignId);
    const query = applyPostScope(this.db.getRepository(SponsoredPostEntity).createQueryBuilder('p'), scope);
    if (filter.campaignId) query.andWhere('p.campaignId = :campaignId', { campaignId: filter.campaignId });
    if (filter.enrollmentId) query.andWhere('p.enrollmentId = :enrollmentId', { enrollmentId: filter.enrollmentId });
    if (filter.creatorId) query.andWhere('p.creatorId = :creatorId', { creatorId: filter.creatorId });
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    if (filter.platform) query.andWhere('p.platform = :platform', { platform: filter.platform });
    const connection = await paginate(query, page, { direction: 'DESC' });
    const posts = await this.present(this.db.manager, connection.edges.map((edge) => edge.node), scope);
    return { pageInfo: connection.pageInfo, edges: connection.edges.map((edge, i) => ({ cursor: edge.cursor, node: posts[i]! })) };
  }

  /** One page of revisions, oldest first, for each of several posts the caller was already allowed to see: one query. */
  async revisionPages(keys: readonly ParentPageKey[]): Promise<ConnectionShape<SponsoredPostRevision>[]> {
    const pages = await pagesByParent(this.db, SponsoredPostRevisionEntity, 'postId', keys);
    return pages.map((page) => mapConnection(page, toRevision));
  }

  /** Posts with their current revision and the override in force on it: two queries, whatever the number of posts. */
  async present(manager: EntityManager, rows: readonly SponsoredPostEntity[], scope: PostScope): Promise<SponsoredPost[]> {
    if (rows.length === 0) return [];
    const revisionIds = rows.map((row) => row.revisionId);
    const revisions = await manager.getRepository(SponsoredPostRevisionEntity).findBy({ id: In(revisionIds) });
    const overridden = rows.filter((row) => row.statusSource === PostStatusSource.OVERRIDE).map((row) => row.revisionId);
    const overrides: DisclosureOverrideEntity[] = overridden.length
      ? await manager
          .getRepository(DisclosureOverrideEntity)
          .createQueryBuilder('o')
          .distinctOn(['o.revisionId'])
          .where('o.revisionId IN (:...overridden)', { overridden })
          .orderBy('o.revisionId')
          .addOrderBy('o.id', 'DESC')
          .getMany()
      : [];
    const revisionById = new Map(revisions.map((revision) => [revision.id, revision]));
    const overrideByRevision = new Map(overrides.map((override) => [override.revisionId, override]));
    // Creators see the decision and its note; which brand or finance user made it stays with them.
    const showDecider = scope.kind !== 'creator';
    return rows.map((row) => toPost(row, revisionById.get(row.revisionId)!, overrideByRevision.get(row.revisionId) ?? null, showDecider));
  }
}
