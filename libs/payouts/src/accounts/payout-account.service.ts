import { AuditService, changedFields, userActor } from '@app/audit';
import { type Actor, type AppConfig, hasAnyRole, InjectConfig, isCountryCode, isUuid, Role } from '@app/core';
import { CreatorProfileService } from '@app/creators';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Stripe from 'stripe';
import { DataSource, type EntityManager, In } from 'typeorm';
import { PayoutsErrorCode, PayoutsException } from '../payouts.exception.js';
import { InjectStripe } from '../stripe/stripe-client.js';
import { callStripe } from '../stripe/stripe-failures.js';
import { PayoutAccountEntity } from './payout-account.entity.js';
import { type PayoutAccount, type PayoutOnboardingLink, toPayoutAccount } from './payout-account.model.js';
import { recordPayoutAccount } from './payout-account.records.js';
import { readyPayoutAccountSql } from './stripe-account-state.js';

/** Who may look at any creator's payout account. */
const PAYOUT_ACCOUNT_READERS: readonly Role[] = [Role.FINANCE, Role.ADMIN];

/**
 * The idempotency key of creating a creator's connected account: the same for every attempt,
 * so concurrent or repeated requests (a double click, a retry after a lost answer) get the
 * one account Stripe created first. Stripe keeps keys for 24 hours; by then the account is
 * recorded, and recorded accounts are never created again.
 */
export function accountCreationKey(creatorId: string): string {
  return `payout-account-create:${creatorId}`;
}

/**
 * The country to open a creator's account in: their profile's, or the one they name when
 * the profile has none. Naming another country than the profile's is refused rather than
 * guessed at: a Stripe account's country never changes.
 */
export function onboardingCountry(profileCountry: string | null, requested: string | null | undefined): string {
  const asked = requested?.trim() ? requested.trim().toUpperCase() : null;
  if (asked !== null && !isCountryCode(asked)) {
    throw new PayoutsException(PayoutsErrorCode.InvalidInput, `country: "${requested}" is not an ISO 3166-1 alpha-2 country code such as US`, { field: 'country' });
  }
  if (profileCountry !== null && asked !== null && asked !== profileCountry) {
    throw new PayoutsException(PayoutsErrorCode.InvalidInput, `country: your creator profile says ${profileCountry}; change it there first, or leave country out`, { field: 'country' });
  }
  const country = profileCountry ?? asked;
  if (country === null) {
    throw new PayoutsException(PayoutsErrorCode.InvalidInput, 'country: your creator profile has no country; name the country you live in and are paid in', { field: 'country' });
  }
  return country;
}

/**
 * Creators' Stripe Connect accounts: onboarding (the account is created once, then each
 * request gets a fresh onboarding link), reading them, and which creators can be paid.
 * Their state after creation comes from Stripe's webhooks (`PayoutAccountSync`).
 */
@Injectable()
export class PayoutAccountService {
  private readonly logger = new Logger(PayoutAccountService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    @InjectStripe() private readonly stripe: Stripe,
    private readonly profiles: CreatorProfileService,
    private readonly audit: AuditService,
  ) {}

  /** The caller's payout account (created at Stripe on the first call) and a link to Stripe's onboarding for it. */
  async startOnboarding(actor: Actor, country?: string | null): Promise<PayoutOnboardingLink> {
    if (!actor.roles.includes(Role.CREATOR)) throw new PayoutsException(PayoutsErrorCode.NotAllowed, 'Only a CREATOR may set up payouts');
    const profile = await this.profiles.findByUserId(actor.userId);
    if (!profile) throw new PayoutsException(PayoutsErrorCode.StateConflict, 'Create your creator profile before setting up payouts');
    let account = await this.db.getRepository(PayoutAccountEntity).findOneBy({ creatorId: profile.id });
    if (account) {
      const asked = country?.trim().toUpperCase();
      if (asked && asked !== account.country) {
        throw new PayoutsException(PayoutsErrorCode.InvalidInput, `country: your payout account is in ${account.country}, and a Stripe account's country cannot change`, { field: 'country' });
      }
    } else {
      account = await this.createAccount(actor, profile.id, onboardingCountry(profile.country, country));
    }
    const link = await callStripe(() =>
      this.stripe.accountLinks.create({
        account: account.stripeAccountId,
        type: 'account_onboarding',
        return_url: this.config.stripe.onboardingReturnUrl,
        refresh_url: this.config.stripe.onboardingRefreshUrl,
      }),
    );
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000), payoutAccount: toPayoutAccount(account) };
  }

  /** The caller's payout account, or null before onboarding started. */
  async mine(actor: Actor): Promise<PayoutAccount | null> {
    if (!actor.roles.includes(Role.CREATOR)) throw new PayoutsException(PayoutsErrorCode.NotAllowed, 'Only a CREATOR has a payout account');
    const profile = await this.profiles.findByUserId(actor.userId);
    if (!profile) return null;
    const row = await this.db.getRepository(PayoutAccountEntity).findOneBy({ creatorId: profile.id });
    return row ? toPayoutAccount(row) : null;
  }

  /** A creator's payout account for finance and admins; null when the creator has none, NOT_FOUND when there is no such creator. */
  async ofCreator(actor: Actor, creatorId: string): Promise<PayoutAccount | null> {
    if (!hasAnyRole(actor, PAYOUT_ACCOUNT_READERS)) {
      throw new PayoutsException(PayoutsErrorCode.NotAllowed, `Only ${PAYOUT_ACCOUNT_READERS.join(' or ')} may read a creator's payout account`);
    }
    if (!isUuid(creatorId) || !(await this.profiles.findByIds([creatorId])).has(creatorId)) {
      throw new PayoutsException(PayoutsErrorCode.NotFound, `Creator ${creatorId} not found`);
    }
    return (await this.findByCreatorIds([creatorId])).get(creatorId) ?? null;
  }

  /** Payout accounts by creator id, for batch loaders. One query whatever the count; no access check. */
  async findByCreatorIds(creatorIds: readonly string[]): Promise<Map<string, PayoutAccount>> {
    const ids = [...new Set(creatorIds)].filter(isUuid);
    if (ids.length === 0) return new Map();
    const rows = await this.db.getRepository(PayoutAccountEntity).findBy({ creatorId: In(ids) });
    return new Map(rows.map((row) => [row.creatorId, toPayoutAccount(row)]));
  }

  /**
   * The creators among `creatorIds` who can be paid now (an ACTIVE account whose transfers
   * capability is active), read through `manager` so a payout run sees its own transaction.
   */
  async readyCreators(manager: EntityManager | undefined, creatorIds: readonly string[]): Promise<Set<string>> {
    return new Set((await this.readyAccounts(manager, creatorIds)).keys());
  }

  /** The connected account of each creator whose account can receive transfers, keyed by creator id. */
  async readyAccounts(manager: EntityManager | undefined, creatorIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(creatorIds)].filter(isUuid);
    if (ids.length === 0) return new Map();
    const rows: { creator_id: string; stripe_account_id: string }[] = await (manager ?? this.db.manager).query(
      `SELECT a.creator_id, a.stripe_account_id FROM payout_accounts a WHERE a.creator_id = ANY($1::uuid[]) AND ${readyPayoutAccountSql('a')}`,
      [ids],
    );
    return new Map(rows.map((row) => [row.creator_id, row.stripe_account_id]));
  }

  /**
   * Opens the creator's connected account at Stripe and records it. Nothing is held open
   * while Stripe answers: the idempotency key makes concurrent calls get one account, and the
   * unique index on the creator records it once.
   */
  private async createAccount(actor: Actor, creatorId: string, country: string): Promise<PayoutAccountEntity> {
    const params: Stripe.AccountCreateParams = {
      country,
      controller: {
        stripe_dashboard: { type: 'express' },
        requirement_collection: 'stripe',
        fees: { payer: 'application' },
        losses: { payments: 'application' },
      },
      capabilities: { transfers: { requested: true } },
      metadata: { creator_id: creatorId },
      // The platform pays creators abroad without processing their payments: Stripe allows
      // that only under the recipient service agreement.
      ...(country === this.config.stripe.platformCountry ? {} : { tos_acceptance: { service_agreement: 'recipient' } }),
    };
    const account = await callStripe(() => this.stripe.accounts.create(params, { idempotencyKey: accountCreationKey(creatorId) }));
    return this.db.transaction(async (manager) => {
      const { row, created } = await recordPayoutAccount(manager, creatorId, account, country);
      if (created) {
        await this.audit.record(manager, {
          actor: userActor(actor.userId),
          action: 'payout_account.created',
          entityType: 'payout_account',
          entityId: row.id,
          ...changedFields(null, { stripeAccountId: row.stripeAccountId, country: row.country, status: row.status }),
        });
      } else if (row.stripeAccountId !== account.id) {
        this.logger.error({ creatorId, recorded: row.stripeAccountId, orphan: account.id }, 'Stripe opened a second account for a creator who has one; the second is unused');
      }
      return row;
    });
  }
}
