import { type Actor, DomainEvents } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThanOrEqual, In } from 'typeorm';
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
    const result = await this.db
      .createQueryBuilder()
      .update(CampaignEntity)
      .set({ status: CampaignStatus.ENDED, endedAt: now })
      .where({ status: In([CampaignStatus.ACTIVE, CampaignStatus.PAUSED]), endsAt: LessThanOrEqual(now) })
      .returning(['id'])
      .execute();
    const campaignIds = (result.raw as { id: string }[]).map((row) => row.id);
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
      return toCampaign({ ...row, ...changes, updatedAt: now });
    });
    this.events.emit(CampaignsChanged, { campaignIds: [id] });
    return campaign;
  }
}
