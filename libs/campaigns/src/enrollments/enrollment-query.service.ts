import { type Actor, type AppConfig, type ConnectionShape, InjectConfig, mapConnection, paginate, pageRequest, Role } from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { isPlatformStaff } from '../campaigns/campaign-access.js';
import { CampaignErrorCode, CampaignException, enrollmentNotFound } from '../campaigns.exception.js';
import { EnrollmentEntity } from './enrollment.entity.js';
import type { EnrollmentsArgs } from './enrollment.inputs.js';
import { toEnrollment } from './enrollment.mappers.js';
import type { Enrollment } from './enrollment.model.js';

/** Reading enrollments: a brand its organization's, a creator their own, platform staff all. */
@Injectable()
export class EnrollmentQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly profiles: CreatorProfileService,
  ) {}

  async get(actor: Actor, id: string): Promise<Enrollment> {
    const query = this.db.getRepository(EnrollmentEntity).createQueryBuilder('e').where('e.id = :id', { id });
    await this.scope(query, actor);
    const row = await query.getOne();
    if (!row) throw enrollmentNotFound(id);
    return toEnrollment(row);
  }

  async list(actor: Actor, args: EnrollmentsArgs): Promise<ConnectionShape<Enrollment>> {
    const page = pageRequest(args, this.config.graphql);
    const filter = args.filter ?? {};
    const query = this.db.getRepository(EnrollmentEntity).createQueryBuilder('e');
    await this.scope(query, actor);
    if (filter.campaignId) query.andWhere('e.campaignId = :campaignId', { campaignId: filter.campaignId });
    if (filter.creatorId) query.andWhere('e.creatorId = :creatorId', { creatorId: filter.creatorId });
    if (filter.status?.length) query.andWhere('e.status IN (:...statuses)', { statuses: filter.status });
    return mapConnection(await paginate(query, page, { direction: 'DESC' }), toEnrollment);
  }

  /** Enrollments by id with no access check: for field resolvers whose parent the caller was allowed to see. */
  async findByIds(ids: readonly string[]): Promise<Map<string, Enrollment>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.getRepository(EnrollmentEntity).createQueryBuilder('e').whereInIds([...ids]).getMany();
    return new Map(rows.map((row) => [row.id, toEnrollment(row)]));
  }

  private async scope(query: SelectQueryBuilder<EnrollmentEntity>, actor: Actor): Promise<void> {
    if (isPlatformStaff(actor)) return;
    if (actor.organizationId) {
      query.andWhere('e.organizationId = :scopeOrganizationId', { scopeOrganizationId: actor.organizationId });
      return;
    }
    if (!actor.roles.includes(Role.CREATOR)) throw new CampaignException(CampaignErrorCode.NotAllowed, 'Only brands, creators and platform staff see enrollments');
    const profile = await this.profiles.findByUserId(actor.userId);
    if (profile) query.andWhere('e.creatorId = :scopeCreatorId', { scopeCreatorId: profile.id });
    else query.andWhere('false');
  }
}
