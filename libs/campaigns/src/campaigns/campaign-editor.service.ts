import { type Actor, newId } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CampaignErrorCode, CampaignException } from '../campaigns.exception.js';
import { OrganizationDomainService } from '../domains/organization-domain.service.js';
import { brandOrganization, lockOwnCampaign } from './campaign-access.js';
import { checkCampaignConsistency, checkCurrency, moneyInCurrency } from './campaign-rules.js';
import { CampaignAction, CampaignStatus, campaignTransition } from './campaign-status.js';
import { CampaignTermsService } from './campaign-terms.service.js';
import { CampaignEntity } from './campaign.entity.js';
import type { CreateCampaignInput, MatchWeightInput, UpdateCampaignInput } from './campaign.inputs.js';
import { toCampaign } from './campaign.mappers.js';
import { type Campaign, CampaignVisibility } from './campaign.model.js';
import { MICRO_FOLLOWER_BAND } from '@app/creators';

/** Fields that are fixed once a campaign is published. */
const DRAFT_ONLY_FIELDS = ['currency', 'startsAt'] as const;

function weightsFrom(input: MatchWeightInput[] | undefined, base: Record<string, number> | null): Record<string, number> | null {
  if (input === undefined) return base;
  const factors = input.map((item) => item.factor);
  if (new Set(factors).size !== factors.length) {
    throw new CampaignException(CampaignErrorCode.InvalidInput, 'input.matchWeights must name each factor at most once', { field: 'input.matchWeights' });
  }
  return input.length === 0 ? null : Object.fromEntries(input.map((item) => [item.factor, item.weight]));
}

/** Creating, editing and deleting campaigns. Status changes live in {@link CampaignLifecycleService}. */
@Injectable()
export class CampaignEditorService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly terms: CampaignTermsService,
    private readonly domains: OrganizationDomainService,
  ) {}

  async create(actor: Actor, input: CreateCampaignInput): Promise<Campaign> {
    const organizationId = brandOrganization(actor, 'create campaigns');
    const currency = checkCurrency(input.currency);
    return this.db.transaction(async (manager) => {
      const row = manager.create(CampaignEntity, {
        id: newId(),
        organizationId,
        status: CampaignStatus.DRAFT,
        title: '',
        brief: '',
        landingUrl: null,
        niches: [],
        platforms: [],
        targetCountries: [],
        minFollowers: MICRO_FOLLOWER_BAND.min,
        maxFollowers: MICRO_FOLLOWER_BAND.max,
        minEngagementRate: 0,
        startsAt: null,
        endsAt: null,
        budgetMinor: null,
        currency,
        visibility: CampaignVisibility.OPEN,
        autoApprove: false,
        matchWeights: null,
        createdByUserId: actor.userId,
        publishedAt: null,
        endedAt: null,
      });
      await this.apply(manager, row, input);
      await manager.insert(CampaignEntity, row);
      await this.terms.createInitial(manager, actor, row, input.terms);
      return toCampaign(await manager.findOneByOrFail(CampaignEntity, { id: row.id }));
    });
  }

  async update(actor: Actor, id: string, input: UpdateCampaignInput): Promise<Campaign> {
    const organizationId = brandOrganization(actor, 'edit campaigns');
    return this.db.transaction(async (manager) => {
      const row = await lockOwnCampaign(manager, organizationId, id);
      if (row.status === CampaignStatus.ENDED) {
        throw new CampaignException(CampaignErrorCode.IllegalTransition, `Campaign ${id} is ENDED and cannot be changed`);
      }
      if (row.status !== CampaignStatus.DRAFT) {
        for (const field of DRAFT_ONLY_FIELDS) {
          if (input[field] !== undefined) {
            throw new CampaignException(CampaignErrorCode.IllegalTransition, `input.${field} can change only while the campaign is a DRAFT (it is ${row.status})`, {
              field: `input.${field}`,
            });
          }
        }
      }
      if (input.currency !== undefined && input.currency !== row.currency) await this.assertAmountsRestated(manager, row, input);
      if (input.currency !== undefined) row.currency = checkCurrency(input.currency);
      await this.apply(manager, row, input);
      if (row.status !== CampaignStatus.DRAFT && row.endsAt && row.endsAt <= new Date()) {
        throw new CampaignException(CampaignErrorCode.InvalidInput, 'input.endsAt must be in the future; end the campaign with endCampaign instead', {
          field: 'input.endsAt',
        });
      }
      await manager.save(CampaignEntity, row);
      if (input.terms) await this.terms.change(manager, actor, row, input.terms);
      return toCampaign(await manager.findOneByOrFail(CampaignEntity, { id }));
    });
  }

  /** Deletes a draft; anything published is kept (end it instead). */
  async delete(actor: Actor, id: string): Promise<Campaign> {
    const organizationId = brandOrganization(actor, 'delete campaigns');
    return this.db.transaction(async (manager) => {
      const row = await lockOwnCampaign(manager, organizationId, id);
      campaignTransition(id, row.status as CampaignStatus, CampaignAction.DELETE);
      await manager.delete(CampaignEntity, { id });
      return toCampaign(row);
    });
  }

  /** A draft changing currency must restate its amounts: 5000 USD cents are not 5000 yen. */
  private async assertAmountsRestated(manager: EntityManager, row: CampaignEntity, input: UpdateCampaignInput): Promise<void> {
    const restate = (field: string) =>
      new CampaignException(CampaignErrorCode.InvalidInput, `${field} must be given again in ${input.currency} when the currency changes`, { field });
    if (row.budgetMinor !== null && input.budget === undefined) throw restate('input.budget');
    const terms = await this.terms.latest(manager, row.id);
    if (terms.flatAmountMinor !== null && input.terms?.flatAmount === undefined) throw restate('input.terms.flatAmount');
  }

  /** Copies the given input fields onto the row and checks rules across fields. */
  private async apply(manager: EntityManager, row: CampaignEntity, input: UpdateCampaignInput): Promise<void> {
    if (input.title !== undefined) row.title = input.title.trim();
    if (input.brief !== undefined) row.brief = input.brief;
    if (input.landingUrl !== undefined) {
      row.landingUrl = input.landingUrl === null ? null : await this.domains.checkLandingUrl(manager, row.organizationId, input.landingUrl, 'input.landingUrl');
    }
    if (input.niches !== undefined) row.niches = input.niches;
    if (input.platforms !== undefined) row.platforms = input.platforms;
    if (input.targetCountries !== undefined) row.targetCountries = input.targetCountries;
    if (input.minFollowers !== undefined) row.minFollowers = input.minFollowers;
    if (input.maxFollowers !== undefined) row.maxFollowers = input.maxFollowers;
    if (input.minEngagementRate !== undefined) row.minEngagementRate = input.minEngagementRate;
    if (input.startsAt !== undefined) row.startsAt = input.startsAt;
    if (input.endsAt !== undefined) row.endsAt = input.endsAt;
    if (input.budget !== undefined) row.budgetMinor = input.budget === null ? null : moneyInCurrency(input.budget, row.currency, 'input.budget');
    if (input.visibility !== undefined) row.visibility = input.visibility;
    if (input.autoApprove !== undefined) row.autoApprove = input.autoApprove;
    row.matchWeights = weightsFrom(input.matchWeights, row.matchWeights);
    checkCampaignConsistency(row);
  }
}
