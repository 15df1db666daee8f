import { AuditService, changedFields, userActor } from '@app/audit';
import { type Actor, type AppConfig, cleanText, type ConnectionShape, DomainEvents, InjectConfig, isUniqueViolation, mapConnection, newId, type PageArgs, paginate, pageRequest } from '@app/core';
import { CreatorProfileEntity, creatorNotFound } from '@app/creators';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { brandOrganization } from '../campaigns/campaign-access.js';
import { EnrollmentsChanged } from '../campaigns.events.js';
import { CampaignErrorCode, CampaignException } from '../campaigns.exception.js';
import { CreatorBanEntity } from './creator-ban.entity.js';
import { EnrollmentStatus, OPEN_ENROLLMENT_STATUSES, RemovalReason } from './enrollment-status.js';
import { EnrollmentEntity } from './enrollment.entity.js';
import { toCreatorBan } from './enrollment.mappers.js';
import type { CreatorBan } from './enrollment.model.js';

/** A brand's list of creators it does not work with. */
@Injectable()
export class CreatorBanService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  /** Bans a creator from the brand: open enrollments in its campaigns end as REMOVED (BANNED), in the same transaction. */
  async ban(actor: Actor, creatorId: string, reasonInput: string): Promise<CreatorBan> {
    const organizationId = brandOrganization(actor, 'ban creators');
    const reason = cleanText(reasonInput, 'reason', { max: 1000, required: true })!;
    const { ban, removed } = await this.db.transaction(async (manager) => {
      if (!(await manager.existsBy(CreatorProfileEntity, { id: creatorId }))) {
        throw creatorNotFound(creatorId);
      }
      const existing = await manager.findOneBy(CreatorBanEntity, { organizationId, creatorId });
      if (existing) return { ban: toCreatorBan(existing), removed: [] };
      const row = manager.create(CreatorBanEntity, { id: newId(), organizationId, creatorId, reason, bannedByUserId: actor.userId });
      try {
        await manager.insert(CreatorBanEntity, row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new CampaignException(CampaignErrorCode.AlreadyExists, `Creator ${creatorId} is already banned`);
        throw error;
      }
      const now = new Date();
      const open = await manager
        .createQueryBuilder(EnrollmentEntity, 'e')
        .where({ organizationId, creatorId, status: In([...OPEN_ENROLLMENT_STATUSES]) })
        .setLock('pessimistic_write')
        .getMany();
      const changes = { status: EnrollmentStatus.REMOVED, reasonCode: RemovalReason.BANNED, reasonNote: reason, decidedByUserId: actor.userId, decidedAt: now, endedAt: now };
      const removed = open.map((enrollment) => enrollment.id);
      if (removed.length > 0) await manager.update(EnrollmentEntity, { id: In(removed) }, changes);
      await this.audit.recordMany(
        manager,
        open.map((enrollment) => ({
          actor: userActor(actor.userId),
          organizationId,
          action: 'enrollment.status_changed',
          entityType: 'enrollment',
          entityId: enrollment.id,
          ...changedFields(enrollment, changes),
          reason,
        })),
      );
      return { ban: toCreatorBan(await manager.findOneByOrFail(CreatorBanEntity, { id: row.id })), removed };
    });
    if (removed.length > 0) this.events.emit(EnrollmentsChanged, { enrollmentIds: removed });
    return ban;
  }

  /** Lifts a ban. Enrollments it ended stay ended; the creator may apply or be invited again to other campaigns. */
  async unban(actor: Actor, creatorId: string): Promise<CreatorBan> {
    const organizationId = brandOrganization(actor, 'unban creators');
    const row = await this.db.getRepository(CreatorBanEntity).findOneBy({ organizationId, creatorId });
    if (!row) throw new CampaignException(CampaignErrorCode.NotFound, `Creator ${creatorId} is not banned by your organization`);
    await this.db.getRepository(CreatorBanEntity).delete({ id: row.id });
    return toCreatorBan(row);
  }

  async list(actor: Actor, args: PageArgs): Promise<ConnectionShape<CreatorBan>> {
    const organizationId = brandOrganization(actor, 'see banned creators');
    const query = this.db.getRepository(CreatorBanEntity).createQueryBuilder('b').where('b.organizationId = :organizationId', { organizationId });
    return mapConnection(await paginate(query, pageRequest(args, this.config.graphql), { direction: 'DESC' }), toCreatorBan);
  }

  isBanned(manager: EntityManager, organizationId: string, creatorId: string): Promise<boolean> {
    return manager.existsBy(CreatorBanEntity, { organizationId, creatorId });
  }
}
