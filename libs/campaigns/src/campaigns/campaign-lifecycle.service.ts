import { AuditService, changedFields, systemActor, userActor } from '@app/audit';
import { type Actor, DomainEvents } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, LessThanOrEqual } from 'typeorm';
import { CampaignsChanged } from '../campaigns.events.js';
import { brandOrganization, lockOwnCampaign } from './campaign-access.js';
import { assertPublishable } from './campaign-rules.js';
import { CampaignAction, CampaignStatus, campaignTransition } from './campaign-status.js';
import { CampaignTermsService } from './campaign-terms.service.js';
import { CampaignEntity } from './campaign.entity.js';
import { toCampaign } from './campaign.mappers.js';
import type { Campaign } from './campaign.model.js';

/** Publishing, pausing, resuming and ending campaigns, through the one transition table. */
@Injectable()
export class CampaignLifecycleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly terms: CampaignTermsService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  publish(actor: Actor, id: string): Promise<Campaign> {
    return this.transition(actor, id, CampaignAction.PUBLISH);
  }

  pause(actor: Actor, id: string): Promise<Campaign> {
    return this.transition(actor, id, CampaignAction.PAUSE);
  }

  resume(actor: Actor, id: string): Promise<Campaign> {
    return this.transition(actor, id, CampaignAction.RESUME);
  }

  end(actor: Actor, id: string): Promise<Campaign> {
    return this.transition(actor, id, CampaignAction.END);
  }

  /** Ends every ACTIVE or PAUSED campaign whose end date has passed; returns how many. Safe to run twice. */
  async endExpired(now: Date = new Date()): Promise<number> {
    const campaignIds = await this.db.transaction(async (manager) => {
      // Locked first, so each ended campaign's entry names the status it really left.
      const due = await manager
        .createQueryBuilder(CampaignEntity, 'c')
        .select(['c.id', 'c.organizationId', 'c.status', 'c.endedAt'])
        .where({ status: In([CampaignStatus.ACTIVE, CampaignStatus.PAUSED]), endsAt: LessThanOrEqual(now) })
        .orderBy('c.id')
        .setLock('pessimistic_write')
        .getMany();
      if (due.length === 0) return [];
      const ids = due.map((row) => row.id);
      await manager.update(CampaignEntity, { id: In(ids) }, { status: CampaignStatus.ENDED, endedAt: now });
      await this.audit.recordMany(
        manager,
        due.map((row) => ({
          actor: systemActor(CAMPAIGN_EXPIRY_JOB),
          organizationId: row.organizationId,
          action: 'campaign.status_changed',
          entityType: 'campaign',
          entityId: row.id,
          ...changedFields(row, { status: CampaignStatus.ENDED, endedAt: now }),
          reason: 'end date passed',
        })),
      );
      return ids;
    });
    if (campaignIds.length > 0) this.events.emit(CampaignsChanged, { campaignIds });
    return campaignIds.length;
  }

  private async transition(actor: Actor, id: string, action: CampaignAction): Promise<Campaign> {
    const organizationId = brandOrganization(actor, `${action} campaigns`);
    const campaign = await this.db.transaction(async (manager) => {
      const row = await lockOwnCampaign(manager, organizationId, id);
      const next = campaignTransition(id, row.status as CampaignStatus, action)!;
      const now = new Date();
      const changes: Partial<CampaignEntity> = { status: next };
      if (action === CampaignAction.PUBLISH) {
        const terms = await this.terms.latest(manager, id);
        assertPublishable(row, terms, now);
        await this.terms.markEffective(manager, terms.id, now);
        changes.publishedAt = now;
      }
      if (next === CampaignStatus.ENDED) changes.endedAt = now;
      await manager.update(CampaignEntity, { id }, changes);
      await this.recordChange(manager, actor, row, changes);
      return toCampaign({ ...row, ...changes, updatedAt: now });
    });
    this.events.emit(CampaignsChanged, { campaignIds: [id] });
    return campaign;
  }

  private recordChange(manager: EntityManager, actor: Actor, row: CampaignEntity, changes: Partial<CampaignEntity>): Promise<void> {
    return this.audit.record(manager, {
      actor: userActor(actor.userId),
      organizationId: row.organizationId,
      action: 'campaign.status_changed',
      entityType: 'campaign',
      entityId: row.id,
      ...changedFields(row, changes),
    });
  }
}

/** How the audit log names the scheduled job that ends campaigns past their end date. */
export const CAMPAIGN_EXPIRY_JOB = 'campaigns.end-expired';
