import { AuditService, systemActor } from '@app/audit';
import { LedgerService } from '@app/ledger';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { transferReversedEntry } from '../runs/payout-ledger.js';
import { PayoutEntity } from '../runs/payout.entity.js';
import { StripeEventHandlers } from '../webhooks/stripe-event-handlers.js';
import { FundingService } from './funding.service.js';

const STRIPE_EVENTS = systemActor('payouts.stripe-webhook');

/** What Stripe tells about money: brands' payments and transfers taken back. */
@Injectable()
export class PaymentEventHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: StripeEventHandlers,
    private readonly funding: FundingService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.handlers.on('payment_intent.succeeded', (manager, event) => this.funding.onSucceeded(manager, event.data.object as Stripe.PaymentIntent));
    this.handlers.on('payment_intent.payment_failed', (manager, event) => this.funding.onFailed(manager, event.data.object as Stripe.PaymentIntent));
    this.handlers.on('transfer.reversed', (manager, event) => this.onTransferReversed(manager, event.data.object as Stripe.Transfer));
  }

  /**
   * Stripe reversed (part of) a payout's transfer. The event carries the cumulative amount
   * reversed, so only the part not yet recorded is booked: a repeated or late event books
   * nothing twice.
   */
  private async onTransferReversed(manager: EntityManager, transfer: Stripe.Transfer): Promise<void> {
    const payout = await manager.createQueryBuilder(PayoutEntity, 'p').where('p.stripeTransferId = :id', { id: transfer.id }).setLock('pessimistic_write').getOne();
    if (!payout) return;
    const reversed = BigInt(transfer.amount_reversed);
    const delta = reversed - payout.reversedMinor;
    if (delta <= 0n) return;
    await manager.update(PayoutEntity, { id: payout.id }, { reversedMinor: reversed });
    const reversalId = transfer.reversals?.data?.at(-1)?.id ?? transfer.id;
    await this.ledger.post(manager, transferReversedEntry(payout.id, payout.creatorId, payout.currency, delta, reversalId));
    await this.audit.record(manager, {
      actor: STRIPE_EVENTS,
      action: 'payout.transfer_reversed',
      entityType: 'payout',
      entityId: payout.id,
      before: { reversedMinor: payout.reversedMinor.toString() },
      after: { reversedMinor: reversed.toString() },
      reason: `transfer ${transfer.id} reversed`,
    });
  }
}
