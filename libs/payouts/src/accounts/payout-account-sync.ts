import { AuditService, changedFields, systemActor } from '@app/audit';
import { isUuid } from '@app/core';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { StripeEventHandlers, type StripeEventOf } from '../webhooks/stripe-event-handlers.js';
import { PayoutAccountEntity } from './payout-account.entity.js';
import { lockPayoutAccountByStripeId, recordPayoutAccount } from './payout-account.records.js';
import { payoutAccountStatus, stateOfAccount, type StripeAccountState } from './stripe-account-state.js';

const WEBHOOK_ACTOR = systemActor('payouts.stripe-webhook');

/** The event was created before the newest one applied to the account: applying it would roll the account back. */
export function isStaleEvent(account: Pick<PayoutAccountEntity, 'lastStripeEventAt'>, event: Pick<Stripe.Event, 'created'>): boolean {
  return account.lastStripeEventAt !== null && event.created * 1000 < account.lastStripeEventAt.getTime();
}

function stateOfRow(row: PayoutAccountEntity): StripeAccountState {
  return {
    detailsSubmitted: row.detailsSubmitted,
    payoutsEnabled: row.payoutsEnabled,
    transfersCapability: row.transfersCapability,
    requirementsDue: row.requirementsDue,
    disabledReason: row.disabledReason,
  };
}

/**
 * Keeps payout accounts as Stripe reports them, from `account.updated` (the whole account)
 * and `capability.updated` (the transfers capability).
 *
 * Stripe does not promise to deliver events in order. Each event is applied only if it is
 * not older than the newest one applied to the account (`last_stripe_event_at`), so a late
 * event never rolls the state back; that costs no call to Stripe while the webhook waits.
 * Event times are whole seconds: two events of one second apply in the order they arrive,
 * which is also the order Stripe sent them unless one of them was retried.
 */
@Injectable()
export class PayoutAccountSync implements OnModuleInit {
  private readonly logger = new Logger(PayoutAccountSync.name);

  constructor(
    private readonly stripeEvents: StripeEventHandlers,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.stripeEvents.on('account.updated', (manager, event) => this.accountUpdated(manager, event));
    this.stripeEvents.on('capability.updated', (manager, event) => this.capabilityUpdated(manager, event));
  }

  async accountUpdated(manager: EntityManager, event: StripeEventOf<'account.updated'>): Promise<void> {
    const account = event.data.object;
    const row = (await lockPayoutAccountByStripeId(manager, account.id)) ?? (await this.recordFromEvent(manager, account));
    if (!row) return;
    if (isStaleEvent(row, event)) {
      this.logger.log({ eventId: event.id, accountId: account.id }, 'Skipped an account event older than the state it would overwrite');
      return;
    }
    await this.apply(manager, row, stateOfAccount(account), event);
  }

  async capabilityUpdated(manager: EntityManager, event: StripeEventOf<'capability.updated'>): Promise<void> {
    const capability = event.data.object;
    if (capability.id !== 'transfers') return;
    const accountId = typeof capability.account === 'string' ? capability.account : capability.account.id;
    const row = await lockPayoutAccountByStripeId(manager, accountId);
    // Not recorded yet: its account.updated events carry the capability too.
    if (!row) return;
    if (isStaleEvent(row, event)) {
      this.logger.log({ eventId: event.id, accountId }, 'Skipped a capability event older than the state it would overwrite');
      return;
    }
    await this.apply(manager, row, { ...stateOfRow(row), transfersCapability: capability.status }, event);
  }

  /**
   * An event about an account we have not recorded. If Stripe opened it for one of our
   * creators (its metadata says which), its creation is still being recorded, or was
   * interrupted after Stripe answered: record it now. Anything else is not ours to keep.
   */
  private async recordFromEvent(manager: EntityManager, account: Stripe.Account): Promise<PayoutAccountEntity | null> {
    const creatorId = account.metadata?.creator_id;
    const known = creatorId && isUuid(creatorId) ? await manager.query(`SELECT 1 FROM creator_profiles WHERE id = $1`, [creatorId]) : [];
    if (!creatorId || known.length === 0 || !account.country) {
      this.logger.warn({ accountId: account.id }, 'A Stripe account event for an account of no creator here; stored and ignored');
      return null;
    }
    const { row } = await recordPayoutAccount(manager, creatorId, account, account.country);
    if (row.stripeAccountId !== account.id) {
      this.logger.error({ creatorId, recorded: row.stripeAccountId, other: account.id }, 'A Stripe account event for a second account of a creator; ignored');
      return null;
    }
    return lockPayoutAccountByStripeId(manager, account.id);
  }

  private async apply(manager: EntityManager, row: PayoutAccountEntity, state: StripeAccountState, event: Stripe.Event): Promise<void> {
    const next = { status: payoutAccountStatus(state), ...state };
    await manager.update(PayoutAccountEntity, { id: row.id }, { ...next, lastStripeEventAt: new Date(event.created * 1000), updatedAt: () => 'clock_timestamp()' });
    const changes = changedFields({ ...row }, next);
    if (Object.keys(changes.after ?? {}).length === 0) return;
    await this.audit.record(manager, {
      actor: WEBHOOK_ACTOR,
      action: 'payout_account.updated',
      entityType: 'payout_account',
      entityId: row.id,
      ...changes,
      reason: `${event.type} ${event.id}`,
    });
  }
}
