import { type Actor, type AppConfig, type ConnectionShape, InjectConfig, mapConnection, paginate, pageRequest, Role } from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { CampaignErrorCode, CampaignException, campaignNotFound } from '../campaigns.exception.js';
import { EnrollmentEntity } from '../enrollments/enrollment.entity.js';
import { isPlatformStaff } from './campaign-access.js';
import { CampaignStatus } from './campaign-status.js';
import { CampaignEntity } from './campaign.entity.js';
import type { CampaignsArgs } from './campaign.inputs.js';
import { toCampaign } from './campaign.mappers.js';
import { type Campaign, CampaignVisibility } from './campaign.model.js';

/**
 * Who sees which campaign: a brand team its own (drafts included), platform staff all, a
 * creator the published OPEN ones and any they are enrolled in. Anything else is NOT_FOUND.
 */
@Injectable()
export class CampaignService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly profiles: CreatorProfileService,
  ) {}

  async get(actor: Actor, id: string): Promise<Campaign> {
    const query = this.db.getRepository(CampaignEntity).createQueryBuilder('c').where('c.id = :id', { id });
    await this.scopeToActor(query, actor);
    const row = await query.getOne();
    if (!row) throw campaignNotFound(id);
    return toCampaign(row);
  }

  async list(actor: Actor, args: CampaignsArgs): Promise<ConnectionShape<Campaign>> {
    const page = pageRequest(args, this.config.graphql);
    const filter = args.filter ?? {};
    const query = this.db.getRepository(CampaignEntity).createQueryBuilder('c');
    if (filter.organizationId) {
      if (!isPlatformStaff(actor)) {
        throw new CampaignException(CampaignErrorCode.NotAllowed, 'Only platform staff may filter campaigns by organizationId', { field: 'filter.organizationId' });
      }
      query.andWhere('c.organizationId = :organizationId', { organizationId: filter.organizationId });
    }
    await this.scopeToActor(query, actor);
    if (filter.status?.length) query.andWhere('c.status IN (:...statuses)', { statuses: filter.status });
    if (filter.visibility) query.andWhere('c.visibility = :visibility', { visibility: filter.visibility });
    return mapConnection(await paginate(query, page, { direction: 'DESC' }), toCampaign);
  }

  /** Campaigns by id with no access check: for field resolvers whose parent was already checked. */
  async findByIds(ids: readonly string[]): Promise<Map<string, Campaign>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.getRepository(CampaignEntity).createQueryBuilder('c').whereInIds([...ids]).getMany();
    return new Map(rows.map((row) => [row.id, toCampaign(row)]));
  }

  private async scopeToActor(query: SelectQueryBuilder<CampaignEntity>, actor: Actor): Promise<void> {
    if (isPlatformStaff(actor)) return;
    if (actor.organizationId) {
      query.andWhere('c.organizationId = :scopeOrganizationId', { scopeOrganizationId: actor.organizationId });
      return;
    }
    if (!actor.roles.includes(Role.CREATOR)) {
      query.andWhere('false');
      return;
    }
    const profile = await this.profiles.findByUserId(actor.userId);
    query.andWhere(
      new Brackets((visible) => {
        visible.where('c.status = :scopeActive AND c.visibility = :scopeOpen', { scopeActive: CampaignStatus.ACTIVE, scopeOpen: CampaignVisibility.OPEN });
        if (profile) {
          visible.orWhere(
            `c.status <> :scopeDraft AND EXISTS (SELECT 1 FROM ${this.db.getMetadata(EnrollmentEntity).tableName} e WHERE e.campaign_id = c.id AND e.creator_id = :scopeCreatorId)`,
            { scopeDraft: CampaignStatus.DRAFT, scopeCreatorId: profile.id },
          );
        }
      }),
    );
  }
}
