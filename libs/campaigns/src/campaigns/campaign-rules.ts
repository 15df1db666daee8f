import { assertCurrency, type FieldProblem, fromMoneyInput, InputProblems, type MoneyInput } from '@app/core';
import type { CampaignTermsEntity } from './campaign-terms.entity.js';
import type { CampaignEntity } from './campaign.entity.js';

/** Money input in the campaign currency, as minor units; `field` names it in errors. */
export function moneyInCurrency(input: MoneyInput, currency: string, field: string): bigint {
  const money = fromMoneyInput(input, field);
  if (money.currency !== currency) {
    const problems = new InputProblems();
    problems.add(`${field}.currency`, `${field}.currency must be the campaign currency ${currency} (got ${money.currency})`);
    problems.throwIfAny();
  }
  return money.amountMinor;
}

export function checkCurrency(currency: string): string {
  return assertCurrency(currency, 'input.currency');
}

/** Rules across fields, checked on the merged campaign before anything is written. */
export function checkCampaignConsistency(campaign: Pick<CampaignEntity, 'minFollowers' | 'maxFollowers' | 'startsAt' | 'endsAt'>): void {
  const problems = new InputProblems();
  if (campaign.maxFollowers < campaign.minFollowers) {
    problems.add('input.maxFollowers', `input.maxFollowers (${campaign.maxFollowers}) must be at least input.minFollowers (${campaign.minFollowers})`);
  }
  if (campaign.startsAt && campaign.endsAt && campaign.endsAt <= campaign.startsAt) {
    problems.add('input.endsAt', 'input.endsAt must be after input.startsAt');
  }
  problems.throwIfAny();
}

/** Terms need a percentage, a flat amount, tiers or overrides to pay anyone. */
export function termsPayCommission(terms: Pick<CampaignTermsEntity, 'commissionRateBps' | 'flatAmountMinor' | 'tiers' | 'overrides'>): boolean {
  return terms.commissionRateBps !== null || terms.flatAmountMinor !== null || terms.tiers.length > 0 || terms.overrides.length > 0;
}

/** What a draft still lacks before it can be published; empty when it is complete. */
export function publishProblems(campaign: CampaignEntity, terms: CampaignTermsEntity, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!campaign.landingUrl) problems.push({ field: 'landingUrl', message: 'landingUrl is required to publish' });
  if (campaign.platforms.length === 0) problems.push({ field: 'platforms', message: 'platforms must name at least one platform to publish' });
  if (!campaign.startsAt) problems.push({ field: 'startsAt', message: 'startsAt is required to publish' });
  if (!campaign.endsAt) problems.push({ field: 'endsAt', message: 'endsAt is required to publish' });
  else if (campaign.endsAt <= now) problems.push({ field: 'endsAt', message: 'endsAt must be in the future to publish' });
  if (!termsPayCommission(terms)) {
    problems.push({ field: 'terms', message: 'terms need a commissionRateBps, a flatAmount, tiers or overrides to publish' });
  }
  return problems;
}

export function assertPublishable(campaign: CampaignEntity, terms: CampaignTermsEntity, now: Date): void {
  const problems = new InputProblems();
  for (const { field, message } of publishProblems(campaign, terms, now)) problems.add(field, message);
  problems.throwIfAny(`Campaign ${campaign.id} is not ready to publish`);
}
