import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type PayoutAccountEntity, PayoutAccountStatus } from './payout-account.entity.js';
import { isPayoutAccountReady } from './stripe-account-state.js';

registerEnumType(PayoutAccountStatus, {
  name: 'PayoutAccountStatus',
  description: 'ONBOARDING until Stripe has what it needs, ACTIVE while transfers can be made, RESTRICTED when Stripe needs more, DISABLED when rejected.',
});

@ObjectType('PayoutAccount', { description: "A creator's Stripe account, where their earnings are paid." })
export class PayoutAccount {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  creatorId!: string;

  @Field(() => PayoutAccountStatus)
  status!: PayoutAccountStatus;

  @Field({ description: 'Stripe pays the balance out to the bank account.' })
  payoutsEnabled!: boolean;

  @Field({ description: 'Transfers can be made to this account now: commissions are not held back for it.' })
  ready!: boolean;

  @Field(() => [String], { description: 'What Stripe needs now (Stripe requirement names); finish onboarding to provide it.' })
  requirementsDue!: string[];

  @Field(() => String, { nullable: true, description: "Stripe's reason the account cannot be paid, e.g. requirements.past_due." })
  disabledReason!: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2.' })
  country!: string;

  @Field()
  updatedAt!: Date;
}

@ObjectType('PayoutOnboardingLink', { description: "A one-time link to Stripe's onboarding for the payout account." })
export class PayoutOnboardingLink {
  @Field({ description: 'Send the creator here now: the link works once and expires within minutes.' })
  url!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => PayoutAccount)
  payoutAccount!: PayoutAccount;
}

export function toPayoutAccount(row: PayoutAccountEntity): PayoutAccount {
  return {
    id: row.id,
    creatorId: row.creatorId,
    status: row.status,
    payoutsEnabled: row.payoutsEnabled,
    ready: isPayoutAccountReady(row),
    requirementsDue: row.requirementsDue,
    disabledReason: row.disabledReason,
    country: row.country,
    updatedAt: row.updatedAt,
  };
}
