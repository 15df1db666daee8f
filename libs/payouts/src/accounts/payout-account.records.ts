import { newId } from '@app/core';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { PayoutAccountEntity } from './payout-account.entity.js';
import { payoutAccountStatus, stateOfAccount } from './stripe-account-state.js';

/** The payout account of a Stripe account, locked for the rest of the transaction (events of one account apply one at a time). */
export function lockPayoutAccountByStripeId(manager: EntityManager, stripeAccountId: string): Promise<PayoutAccountEntity | null> {
  return manager.createQueryBuilder(PayoutAccountEntity, 'a').where('a.stripeAccountId = :stripeAccountId', { stripeAccountId }).setLock('pessimistic_write').getOne();
}

/**
 * Records the Stripe account of a creator, in the state Stripe reported it, unless the
 * creator has an account already (the unique index on the creator decides, so concurrent
 * callers record one). Answers the creator's account, whichever was recorded, and whether
 * this call recorded it.
 */
export async function recordPayoutAccount(
  manager: EntityManager,
  creatorId: string,
  account: Stripe.Account,
  fallbackCountry: string,
): Promise<{ row: PayoutAccountEntity; created: boolean }> {
  const state = stateOfAccount(account);
  const id = newId();
  await manager
    .createQueryBuilder()
    .insert()
    .into(PayoutAccountEntity)
    .values({
      id,
      creatorId,
      stripeAccountId: account.id,
      status: payoutAccountStatus(state),
      ...state,
      country: (account.country ?? fallbackCountry).toUpperCase(),
      lastStripeEventAt: null,
    })
    .orIgnore()
    .execute();
  const row = await manager.findOneBy(PayoutAccountEntity, { creatorId });
  if (!row) throw new Error(`Stripe account ${account.id} is recorded for another creator than ${creatorId}`);
  return { row, created: row.id === id };
}
