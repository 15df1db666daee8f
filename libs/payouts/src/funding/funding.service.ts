import { AuditService, systemActor, userActor } from '@app/audit';
import { type Actor, isUuid, newId } from '@app/core';
import { LedgerService } from '@app/ledger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Stripe from 'stripe';
import { DataSource, type EntityManager } from 'typeorm';
import { PayoutsErrorCode, PayoutsException } from '../payouts.exception.js';
import { brandFundedEntry } from '../runs/payout-ledger.js';
import { InjectStripe } from '../stripe/stripe-client.js';
import { stripeFailureForCaller } from '../stripe/stripe-failures.js';
import { FundingRequestEntity, FundingRequestStatus } from './funding-request.entity.js';
import { unfundedBalances } from './unfunded-balances.js';

const STRIPE_EVENTS = systemActor('payouts.stripe-webhook');

export interface CreatedFundingRequest {
  request: FundingRequestEntity;
  /** For the brand's checkout (Stripe.js `confirmPayment`); shown once, never stored. */
  clientSecret: string | null;
}

/**
 * Brand funding: finance asks a brand to pay what it owes for approved commissions and
 * fees (its payable less the funding it already holds and payments already requested),
 * through a PaymentIntent; the money counts as funding when Stripe says it succeeded.
 */
@Injectable()
export class FundingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectStripe() private readonly stripe: Stripe,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  /** What the brand owes and has not paid or been asked to pay yet, in minor units. */
  async unfundedMinor(manager: EntityManager, organizationId: string, currency: string): Promise<bigint> {
    const [balance] = await unfundedBalances(manager, { organizationId, currency });
    return balance?.unfundedMinor ?? 0n;
  }

  async create(actor: Actor, organizationId: string, currencyInput: string): Promise<CreatedFundingRequest> {
    const currency = currencyInput.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw new PayoutsException(PayoutsErrorCode.InvalidInput, `currency: must be an ISO 4217 code such as USD (got "${currencyInput}")`, { field: 'currency' });
    if (!isUuid(organizationId)) throw new PayoutsException(PayoutsErrorCode.NotFound, `Organization ${organizationId} not found`);
    const request = await this.db.transaction(async (manager) => {
      const [organization] = await manager.query<{ id: string }[]>(`SELECT id FROM organizations WHERE id = $1`, [organizationId]);
      if (!organization) throw new PayoutsException(PayoutsErrorCode.NotFound, `Organization ${organizationId} not found`);
      // One request at a time per brand and currency, so two clicks never ask twice.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`funding:${organizationId}:${currency}`]);
      const amount = await this.unfundedMinor(manager, organizationId, currency);
      if (amount <= 0n) {
        throw new PayoutsException(PayoutsErrorCode.StateConflict, `organizationId: the brand owes nothing unfunded in ${currency} (approved commissions and fees are covered by its funding and open requests)`, {
          field: 'organizationId',
        });
      }
      const row = manager.create(FundingRequestEntity, {
        id: newId(),
        organizationId,
        currency,
        amountMinor: amount,
        status: FundingRequestStatus.REQUIRES_PAYMENT,
        stripePaymentIntentId: null,
        createdBy: actor.userId,
        failureMessage: null,
        succeededAt: null,
      });
      await manager.insert(FundingRequestEntity, row);
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId,
        action: 'funding_request.created',
        entityType: 'funding_request',
        entityId: row.id,
        after: { currency, amountMinor: amount.toString(), status: row.status },
      });
      return row;
    });
    // Outside the transaction: a Stripe call never sits inside one that might roll back.
    // The request id is the idempotency key, so a retry makes no second PaymentIntent.
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.stripe.paymentIntents.create(
        {
          amount: Number(request.amountMinor),
          currency: currency.toLowerCase(),
          description: `Commission funding ${request.id}`,
          metadata: { funding_request_id: request.id, organization_id: organizationId },
          automatic_payment_methods: { enabled: true },
        },
        { idempotencyKey: `funding:${request.id}` },
      );
    } catch (error) {
      await this.db.query(`UPDATE funding_requests SET status = 'CANCELED', failure_message = $2, updated_at = now() WHERE id = $1`, [request.id, String((error as Error).message).slice(0, 1_000)]);
      throw stripeFailureForCaller(error);
    }
    await this.db.query(`UPDATE funding_requests SET stripe_payment_intent_id = $2, updated_at = now() WHERE id = $1`, [request.id, intent.id]);
    request.stripePaymentIntentId = intent.id;
    return { request, clientSecret: intent.client_secret };
  }

  /** `payment_intent.succeeded`: the brand paid; its funding account is credited once. */
  async onSucceeded(manager: EntityManager, intent: Stripe.PaymentIntent): Promise<void> {
    const request = await this.lockFor(manager, intent);
    if (!request || request.status === FundingRequestStatus.SUCCEEDED) return;
    const received = BigInt(intent.amount_received || intent.amount);
    await manager.update(FundingRequestEntity, { id: request.id }, { status: FundingRequestStatus.SUCCEEDED, succeededAt: new Date(), failureMessage: null });
    await this.ledger.post(manager, brandFundedEntry(request.id, request.organizationId, request.currency, received));
    await this.audit.record(manager, {
      actor: STRIPE_EVENTS,
      organizationId: request.organizationId,
      action: 'funding_request.status_changed',
      entityType: 'funding_request',
      entityId: request.id,
      before: { status: request.status },
      after: { status: FundingRequestStatus.SUCCEEDED, receivedMinor: received.toString() },
      reason: `payment intent ${intent.id} succeeded`,
    });
  }

  /** `payment_intent.payment_failed`: the brand can try again with the same request; a late failure never undoes a success. */
  async onFailed(manager: EntityManager, intent: Stripe.PaymentIntent): Promise<void> {
    const request = await this.lockFor(manager, intent);
    if (!request || request.status !== FundingRequestStatus.REQUIRES_PAYMENT) return;
    const message = intent.last_payment_error?.message ?? 'payment failed';
    await manager.update(FundingRequestEntity, { id: request.id }, { failureMessage: message.slice(0, 1_000) });
    await this.audit.record(manager, {
      actor: STRIPE_EVENTS,
      organizationId: request.organizationId,
      action: 'funding_request.payment_failed',
      entityType: 'funding_request',
      entityId: request.id,
      reason: message,
    });
  }

  private async lockFor(manager: EntityManager, intent: Stripe.PaymentIntent): Promise<FundingRequestEntity | null> {
    const id = intent.metadata?.funding_request_id;
    const query = manager.createQueryBuilder(FundingRequestEntity, 'f').setLock('pessimistic_write');
    if (id && isUuid(id)) query.where('f.id = :id', { id });
    else query.where('f.stripePaymentIntentId = :pi', { pi: intent.id });
    return query.getOne();
  }
}
