import { type Actor, type ConnectionShape, isUuid, mapConnection, newId, type ParentPageKey, pagesByParent } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { moneyInCurrency, termsPayCommission } from './campaign-rules.js';
import { CampaignStatus, termsEditableInPlace } from './campaign-status.js';
import { CampaignTermsEntity } from './campaign-terms.entity.js';
import { CampaignEntity } from './campaign.entity.js';
import type { CampaignTermsInput } from './campaign.inputs.js';
import { toCampaignTerms } from './campaign.mappers.js';
import type { CampaignTerms } from './campaign.model.js';
import { CampaignErrorCode, CampaignException, campaignNotFound } from '../campaigns.exception.js';
import { AttributionRule, overridesFromInput, tiersFromInput } from './commission-structure.js';

type TermsValues = Pick<
  CampaignTermsEntity,
  'commissionRateBps' | 'flatAmountMinor' | 'tiers' | 'overrides' | 'capPerOrderMinor' | 'attributionRule' | 'attributionWindowDays' | 'holdDays' | 'disclosureRequired' | 'platformFeeBps'
>;

const DEFAULT_TERMS: TermsValues = {
  commissionRateBps: null,
  flatAmountMinor: null,
  tiers: [],
  overrides: [],
  capPerOrderMinor: null,
  attributionRule: AttributionRule.CODE_WINS,
  attributionWindowDays: 30,
  holdDays: 30,
  disclosureRequired: true,
  platformFeeBps: 0,
};

function mergeTerms(base: TermsValues, input: CampaignTermsInput | undefined, currency: string): TermsValues {
  if (!input) return { ...base };
  return {
    commissionRateBps: input.commissionRateBps === undefined ? base.commissionRateBps : input.commissionRateBps,
    flatAmountMinor:
      input.flatAmount === undefined ? base.flatAmountMinor : input.flatAmount === null ? null : moneyInCurrency(input.flatAmount, currency, 'input.terms.flatAmount'),
    tiers: input.tiers === undefined || input.tiers === null ? base.tiers : tiersFromInput(input.tiers, currency, 'input.terms.tiers'),
    overrides: input.overrides === undefined || input.overrides === null ? base.overrides : overridesFromInput(input.overrides, currency, 'input.terms.overrides'),
    capPerOrderMinor:
      input.capPerOrder === undefined ? base.capPerOrderMinor : input.capPerOrder === null ? null : positive(moneyInCurrency(input.capPerOrder, currency, 'input.terms.capPerOrder'), 'input.terms.capPerOrder'),
    attributionRule: input.attributionRule ?? base.attributionRule,
    attributionWindowDays: input.attributionWindowDays ?? base.attributionWindowDays,
    holdDays: input.holdDays ?? base.holdDays,
    disclosureRequired: input.disclosureRequired ?? base.disclosureRequired,
    // The platform's fee is the platform's to set (`setPlatformFee`), never the brand's.
    platformFeeBps: base.platformFeeBps,
  };
}

function termsValuesOf(terms: CampaignTermsEntity): TermsValues {
  return {
    commissionRateBps: terms.commissionRateBps,
    flatAmountMinor: terms.flatAmountMinor,
    tiers: terms.tiers,
    overrides: terms.overrides,
    capPerOrderMinor: terms.capPerOrderMinor,
    attributionRule: terms.attributionRule,
    attributionWindowDays: terms.attributionWindowDays,
    holdDays: terms.holdDays,
    disclosureRequired: terms.disclosureRequired,
    platformFeeBps: terms.platformFeeBps,
  };
}

/** Whether `a` rather than `b` is the version in force at `at`: the latest effective one, else the first. */
function termsBetterAt(a: CampaignTermsEntity, b: CampaignTermsEntity, at: Date): boolean {
  const aEffective = a.effectiveFrom <= at;
  const bEffective = b.effectiveFrom <= at;
  if (aEffective !== bEffective) return aEffective;
  if (!aEffective) return a.version < b.version;
  if (a.effectiveFrom.getTime() !== b.effectiveFrom.getTime()) return a.effectiveFrom > b.effectiveFrom;
  return a.version > b.version;
}

function positive(amountMinor: bigint, field: string): bigint {
  if (amountMinor <= 0n) throw new CampaignException(CampaignErrorCode.InvalidInput, `${field} must be more than zero`, { field });
  return amountMinor;
}

function sameTerms(a: TermsValues, b: TermsValues): boolean {
  return (
    a.commissionRateBps === b.commissionRateBps &&
    a.flatAmountMinor === b.flatAmountMinor &&
    JSON.stringify(a.tiers) === JSON.stringify(b.tiers) &&
    JSON.stringify(a.overrides) === JSON.stringify(b.overrides) &&
    a.capPerOrderMinor === b.capPerOrderMinor &&
    a.attributionRule === b.attributionRule &&
    a.attributionWindowDays === b.attributionWindowDays &&
    a.holdDays === b.holdDays &&
    a.disclosureRequired === b.disclosureRequired &&
    a.platformFeeBps === b.platformFeeBps
  );
}

/**
 * Versioned commercial terms. While a campaign is a draft its single version is edited in
 * place; afterwards each change is a new version effective from the moment it is made, so
 * a sale is always paid under the terms in effect when it happened.
 */
@Injectable()
export class CampaignTermsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Version 1 of a new draft. */
  async createInitial(manager: EntityManager, actor: Actor, campaign: CampaignEntity, input: CampaignTermsInput | undefined): Promise<CampaignTermsEntity> {
    const values = mergeTerms(DEFAULT_TERMS, input, campaign.currency);
    const row = manager.create(CampaignTermsEntity, {
      id: newId(),
      campaignId: campaign.id,
      version: 1,
      ...values,
      effectiveFrom: new Date(),
      createdByUserId: actor.userId,
    });
    await manager.insert(CampaignTermsEntity, row);
    return row;
  }

  /** The latest version, read inside the caller's transaction (the campaign row is locked). */
  async latest(manager: EntityManager, campaignId: string): Promise<CampaignTermsEntity> {
    return manager.findOneOrFail(CampaignTermsEntity, { where: { campaignId }, order: { version: 'DESC' } });
  }

  /** Applies a terms change: in place for a draft, else a new version effective now (if anything changed). */
  async change(manager: EntityManager, actor: Actor, campaign: CampaignEntity, input: CampaignTermsInput): Promise<CampaignTermsEntity> {
    const current = await this.latest(manager, campaign.id);
    const next = mergeTerms(current, input, campaign.currency);
    if (campaign.status !== CampaignStatus.DRAFT && !termsPayCommission(next)) {
      throw new CampaignException(CampaignErrorCode.InvalidInput, 'input.terms need a commissionRateBps, a flatAmount, tiers or overrides', { field: 'input.terms' });
    }
    return this.write(manager, actor, campaign, current, next);
  }

  /** `setPlatformFee` for a campaign of any organization, in a transaction of its own (platform staff). */
  async setPlatformFeeOf(actor: Actor, campaignId: string, platformFeeBps: number): Promise<CampaignTermsEntity> {
    return this.db.transaction(async (manager) => {
      const campaign = isUuid(campaignId)
        ? await manager.createQueryBuilder(CampaignEntity, 'c').where('c.id = :campaignId', { campaignId }).setLock('pessimistic_write').getOne()
        : null;
      if (!campaign) throw campaignNotFound(campaignId);
      return this.setPlatformFee(manager, actor, campaign, platformFeeBps);
    });
  }

  /**
   * Platform staff set the fee the platform charges a brand on top of each commission of the
   * campaign: a new terms version effective now (in place for a draft), so sales already made
   * keep the fee they were made under. The campaign row must be locked by the caller.
   */
  async setPlatformFee(manager: EntityManager, actor: Actor, campaign: CampaignEntity, platformFeeBps: number): Promise<CampaignTermsEntity> {
    if (!Number.isInteger(platformFeeBps) || platformFeeBps < 0 || platformFeeBps > 10_000) {
      throw new CampaignException(CampaignErrorCode.InvalidInput, `platformFeeBps: must be a whole number of basis points from 0 to 10000 (got ${platformFeeBps})`, {
        field: 'platformFeeBps',
      });
    }
    if (campaign.status === CampaignStatus.ENDED) {
      throw new CampaignException(CampaignErrorCode.IllegalTransition, `Campaign ${campaign.id} is ENDED and its terms cannot change`);
    }
    const current = await this.latest(manager, campaign.id);
    return this.write(manager, actor, campaign, current, { ...termsValuesOf(current), platformFeeBps });
  }

  private async write(manager: EntityManager, actor: Actor, campaign: CampaignEntity, current: CampaignTermsEntity, next: TermsValues): Promise<CampaignTermsEntity> {
    if (sameTerms(current, next)) return current;
    if (termsEditableInPlace(campaign.status as CampaignStatus)) {
      await manager.update(CampaignTermsEntity, { id: current.id }, next);
      return { ...current, ...next };
    }
    const row = manager.create(CampaignTermsEntity, {
      id: newId(),
      campaignId: campaign.id,
      version: current.version + 1,
      ...next,
      effectiveFrom: new Date(),
      createdByUserId: actor.userId,
    });
    await manager.insert(CampaignTermsEntity, row);
    return row;
  }

  /** On publishing, version 1 takes effect from the publication time. */
  async markEffective(manager: EntityManager, termsId: string, at: Date): Promise<void> {
    await manager.update(CampaignTermsEntity, { id: termsId }, { effectiveFrom: at });
  }

  /** The current terms of several campaigns in one query. */
  async currentFor(campaigns: readonly { id: string; currency: string }[]): Promise<Map<string, CampaignTerms>> {
    if (campaigns.length === 0) return new Map();
    const rows = await this.db
      .getRepository(CampaignTermsEntity)
      .createQueryBuilder('t')
      .distinctOn(['t.campaignId'])
      .where({ campaignId: In(campaigns.map((c) => c.id)) })
      .orderBy('t.campaignId')
      .addOrderBy('t.version', 'DESC')
      .getMany();
    const currency = new Map(campaigns.map((c) => [c.id, c.currency]));
    return new Map(rows.map((row) => [row.campaignId, toCampaignTerms(row, currency.get(row.campaignId)!)]));
  }

  /**
   * The terms a sale made at `at` is paid under: the latest version effective at that time
   * (version 1 for anything before publication).
   */
  async termsAt(campaignId: string, at: Date): Promise<CampaignTermsEntity> {
    const terms = (await this.termsAtMany(this.db.manager, [campaignId], at)).get(campaignId);
    if (!terms) throw new CampaignException(CampaignErrorCode.NotFound, `Campaign ${campaignId} has no terms`);
    return terms;
  }

  /**
   * The terms in force at `at` for several campaigns in one query (version 1 for a time
   * before publication), read through `manager` so it sees the caller's transaction.
   */
  async termsAtMany(manager: EntityManager, campaignIds: readonly string[], at: Date): Promise<Map<string, CampaignTermsEntity>> {
    if (campaignIds.length === 0) return new Map();
    // Campaigns have a handful of versions: read them all and pick here, exactly as termsAt does.
    const rows = await manager.getRepository(CampaignTermsEntity).find({ where: { campaignId: In([...new Set(campaignIds)]) } });
    const picked = new Map<string, CampaignTermsEntity>();
    for (const row of rows) {
      const current = picked.get(row.campaignId);
      if (!current || termsBetterAt(row, current, at)) picked.set(row.campaignId, row);
    }
    return picked;
  }

  /** Pages of term versions, newest first, for several campaigns in one query. */
  async versionPages(keys: readonly ParentPageKey[], currencies: ReadonlyMap<string, string>): Promise<ConnectionShape<CampaignTerms>[]> {
    const pages = await pagesByParent(this.db, CampaignTermsEntity, 'campaignId', keys, { direction: 'DESC' });
    return pages.map((page) => mapConnection(page, (row) => toCampaignTerms(row, currencies.get(row.campaignId)!)));
  }
}
