import { AuditService, changedFields, userActor } from '@app/audit';
import { type Actor, DomainEvents, InputProblems, isUniqueViolation, newId } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CampaignsChanged } from '../campaigns.events.js';
import { CampaignErrorCode, CampaignException } from '../campaigns.exception.js';
import { OrganizationDomainService } from '../domains/organization-domain.service.js';
import { brandOrganization, lockOwnCampaign } from './campaign-access.js';
import { discountFromInput } from './campaign-discount.js';
import { checkCampaignConsistency, checkCurrency, moneyInCurrency } from './campaign-rules.js';
import { checkSlug, firstFreeSlug, slugFromTitle } from './campaign-slug.js';
import { CampaignAction, CampaignStatus, campaignTransition } from './campaign-status.js';
import { CampaignTermsService } from './campaign-terms.service.js';
import { CampaignEntity } from './campaign.entity.js';
import type { CreateCampaignInput, MatchWeightInput, UpdateCampaignInput } from './campaign.inputs.js';
import { toCampaign } from './campaign.mappers.js';
import { type Campaign, CampaignVisibility } from './campaign.model.js';
import { MICRO_FOLLOWER_BAND } from '@app/creators';

/** Fields that are fixed once a campaign is published. */
const DRAFT_ONLY_FIELDS = ['currency', 'startsAt', 'slug'] as const;

function weightsFrom(input: MatchWeightInput[] | undefined, base: Record<string, number> | null): Record<string, number> | null {
  if (input === undefined) return base;
  const factors = input.map((item) => item.factor);
  if (new Set(factors).size !== factors.length) {
    throw new CampaignException(CampaignErrorCode.InvalidInput, 'input.matchWeights must name each factor at most once', { field: 'input.matchWeights' });
  }
  return input.length === 0 ? null : Object.fromEntries(input.map((item) => [item.factor, item.weight]));
}

/**
 * Fields every campaign has. GraphQL lets a client send null for any optional input field;
 * for these, null is no value at all, so it is refused by name rather than reaching a NOT
 * NULL column as a server error.
 */
const REQUIRED_WHEN_GIVEN = ['title', 'slug', 'brief', 'niches', 'platforms', 'targetCountries', 'minFollowers', 'maxFollowers', 'minEngagementRate', 'currency', 'visibility', 'autoApprove', 'maxLinksPerCreator', 'terms'] as const;

function refuseNulls(input: UpdateCampaignInput): void {
  const problems = new InputProblems();
  for (const field of REQUIRED_WHEN_GIVEN) {
    if ((input as Record<string, unknown>)[field] === null) problems.add(`input.${field}`, `input.${field} cannot be null; leave it out to keep the current value`);
  }
  problems.throwIfAny();
}

/** Creating, editing and deleting campaigns. Status changes live in {@link CampaignLifecycleService}. */
@Injectable()
export class CampaignEditorService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly terms: CampaignTermsService,
    private readonly domains: OrganizationDomainService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
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
        slug: '',
        brief: '',
        landingUrl: null,
        fallbackUrl: null,
        maxLinksPerCreator: 5,
        discountType: null,
        discountPercentBps: null,
        discountAmountMinor: null,
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
      row.slug = input.slug !== undefined ? checkSlug(input.slug, 'input.slug') : await this.freeSlug(manager, organizationId, slugFromTitle(row.title));
      await this.insertOrConflict(manager, row);
      await this.terms.createInitial(manager, actor, row, input.terms);
      return toCampaign(await manager.findOneByOrFail(CampaignEntity, { id: row.id }));
    });
  }

  async update(actor: Actor, id: string, input: UpdateCampaignInput): Promise<Campaign> {
    const organizationId = brandOrganization(actor, 'edit campaigns');
    const updated = await this.db.transaction(async (manager) => {
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
      if (input.slug !== undefined) row.slug = checkSlug(input.slug, 'input.slug');
      await this.saveOrConflict(manager, row);
      if (input.terms) await this.terms.change(manager, actor, row, input.terms);
      return toCampaign(await manager.findOneByOrFail(CampaignEntity, { id }));
    });
    this.events.emit(CampaignsChanged, { campaignIds: [id] });
    return updated;
  }

  /** Deletes a draft; anything published is kept (end it instead). */
  async delete(actor: Actor, id: string): Promise<Campaign> {
    const organizationId = brandOrganization(actor, 'delete campaigns');
    return this.db.transaction(async (manager) => {
      const row = await lockOwnCampaign(manager, organizationId, id);
      campaignTransition(id, row.status as CampaignStatus, CampaignAction.DELETE);
      await manager.delete(CampaignEntity, { id });
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId,
        action: 'campaign.deleted',
        entityType: 'campaign',
        entityId: id,
        ...changedFields({ status: row.status, title: row.title }, null),
      });
      return toCampaign(row);
    });
  }

  /** `base`, or `base-2`, `base-3`, … whichever the organization has not used. */
  private async freeSlug(manager: EntityManager, organizationId: string, base: string): Promise<string> {
    const rows: { slug: string }[] = await manager
      .createQueryBuilder(CampaignEntity, 'c')
      .select('c.slug', 'slug')
      .where('c.organizationId = :organizationId', { organizationId })
      // A numbered slug of a long base is the base cut short before its suffix ("…-tra-2"), so
      // look for every slug sharing the part of the base that no suffix ever cuts away.
      .andWhere('c.slug LIKE :prefix', { prefix: `${base.slice(0, 50)}%` })
      .getRawMany();
    return firstFreeSlug(base, new Set(rows.map((row) => row.slug)));
  }

  private async insertOrConflict(manager: EntityManager, row: CampaignEntity): Promise<void> {
    try {
      await manager.insert(CampaignEntity, row);
    } catch (error) {
      throw this.slugConflict(error, row.slug);
    }
  }

  private async saveOrConflict(manager: EntityManager, row: CampaignEntity): Promise<void> {
    try {
      await manager.save(CampaignEntity, row);
    } catch (error) {
      throw this.slugConflict(error, row.slug);
    }
  }

  private slugConflict(error: unknown, slug: string): unknown {
    if (!isUniqueViolation(error, 'uq_campaigns_organization_slug')) return error;
    return new CampaignException(CampaignErrorCode.AlreadyExists, `Another of your campaigns already uses the slug ${slug}`, { field: 'input.slug' });
  }

  /** A draft changing currency must restate its amounts: 5000 USD cents are not 5000 yen. */
  private async assertAmountsRestated(manager: EntityManager, row: CampaignEntity, input: UpdateCampaignInput): Promise<void> {
    const restate = (field: string) =>
      new CampaignException(CampaignErrorCode.InvalidInput, `${field} must be given again in ${input.currency} when the currency changes`, { field });
    if (row.budgetMinor !== null && input.budget === undefined) throw restate('input.budget');
    if (row.discountAmountMinor !== null && input.discount === undefined) throw restate('input.discount');
    const terms = await this.terms.latest(manager, row.id);
    if (terms.flatAmountMinor !== null && input.terms?.flatAmount === undefined) throw restate('input.terms.flatAmount');
  }

  /** Copies the given input fields onto the row and checks rules across fields. */
  private async apply(manager: EntityManager, row: CampaignEntity, input: UpdateCampaignInput): Promise<void> {
    refuseNulls(input);
    if (input.title !== undefined) row.title = input.title.trim();
    if (input.brief !== undefined) row.brief = input.brief;
    if (input.landingUrl !== undefined) {
      row.landingUrl = input.landingUrl === null ? null : await this.domains.checkLandingUrl(manager, row.organizationId, input.landingUrl, 'input.landingUrl');
    }
    if (input.fallbackUrl !== undefined) {
      row.fallbackUrl = input.fallbackUrl === null ? null : await this.domains.checkLandingUrl(manager, row.organizationId, input.fallbackUrl, 'input.fallbackUrl');
    }
    if (typeof input.maxLinksPerCreator === 'number') row.maxLinksPerCreator = input.maxLinksPerCreator;
    if (input.discount !== undefined) {
      const discount = input.discount === null ? null : discountFromInput(input.discount, row.currency, 'input.discount');
      row.discountType = discount?.type ?? null;
      row.discountPercentBps = discount?.percentBps ?? null;
      row.discountAmountMinor = discount?.amountMinor ?? null;
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
