import { AppException, assertCurrency, ErrorCode, type FieldProblem, fromMoneyInput, type MoneyInput } from '@app/core';
import type { CampaignTermsEntity } from './campaign-terms.entity.js';
import type { CampaignEntity } from './campaign.entity.js';

function invalid(problems: FieldProblem[]): AppException {
  return new AppException(ErrorCode.BadUserInput, problems.map((problem) => problem.message).join('; '), { fields: problems });
}

/** Money input in the campaign currency, as minor units; `field` names it in errors. */
export function moneyInCurrency(input: MoneyInput, currency: string, field: string): bigint {
  const money = fromMoneyInput(input, field);
  if (money.currency !== currency) {
    throw invalid([{ field: `${field}.currency`, message: `${field}.currency must be the campaign currency ${currency} (got ${money.currency})` }]);
  }
  return money.amountMinor;
}

export function checkCurrency(currency: string): string {
  return assertCurrency(currency, 'input.currency');
}

/** Rules across fields, checked on the merged campaign before anything is written. */
export function checkCampaignConsistency(campaign: Pick<CampaignEntity, 'minFollowers' | 'maxFollowers' | 'startsAt' | 'endsAt'>): void {
  const problems: FieldProblem[] = [];
  if (campaign.maxFollowers < campaign.minFollowers) {
    problems.push({ field: 'input.maxFollowers', message: `input.maxFollowers (${campaign.maxFollowers}) must be at least input.minFollowers (${campaign.minFollowers})` });
  }
  if (campaign.startsAt && campaign.endsAt && campaign.endsAt <= campaign.startsAt) {
    problems.push({ field: 'input.endsAt', message: 'input.endsAt must be after input.startsAt' });
  }
  if (problems.length > 0) throw invalid(problems);
}

/** Terms need a percentage or a flat amount (or both) to pay anyone. */
export function termsPayCommission(terms: Pick<CampaignTermsEntity, 'commissionRateBps' | 'flatAmountMinor'>): boolean {
  return terms.commissionRateBps !== null || terms.flatAmountMinor !== null;
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
    problems.push({ field: 'terms', message: 'terms need a commissionRateBps or a flatAmount to publish' });
  }
  return problems;
}

export function assertPublishable(campaign: CampaignEntity, terms: CampaignTermsEntity, now: Date): void {
  const problems = publishProblems(campaign, terms, now);
  if (problems.length > 0) {
    throw new AppException(ErrorCode.BadUserInput, `Campaign ${campaign.id} is not ready to publish: ${problems.map((p) => p.message).join('; ')}`, {
      fields: problems,
    });
  }
}
