import type { AddressInfo } from 'node:net';
import { userActor } from '@app/audit';
import { CommissionEntity, CommissionStatus, CommissionTransitions } from '@app/commissions';
import { newId, Role } from '@app/core';
import { StripeFake, type StripeFakeOptions, type MadeBrand, type Participation } from '@app/testing';
import { In } from 'typeorm';
import { creatorToken, tokenOf } from './sales-api.js';
import { type SalesStack, sellingCreator, startSalesStack } from './sales-stack.js';

export interface PayoutsStack extends SalesStack {
  fake: StripeFake;
  finance: { id: string; token: string };
}

/** Everything payouts need: the API (listening, so the Stripe fake can deliver webhooks), the worker, and the fake. */
export async function startPayoutsStack({ env = {}, fake: fakeOptions = {}, worker = true }: { env?: Record<string, string>; fake?: StripeFakeOptions; worker?: boolean } = {}): Promise<PayoutsStack> {
  const fake = await StripeFake.start(fakeOptions);
  const stack = await startSalesStack({ env: { APPROVAL_SECOND_REVIEW_ABOVE_MINOR: '100000000', ...fake.env(), ...env }, worker });
  await stack.api.listen(0, '127.0.0.1');
  fake.deliverWebhooksTo(`http://127.0.0.1:${(stack.server.address() as AddressInfo).port}/webhooks/stripe`);
  const user = await stack.make.user({ roles: [Role.FINANCE] });
  const finance = { id: user.id, token: await tokenOf(stack, user) };
  const close = stack.close.bind(stack);
  return Object.assign(stack, {
    fake,
    finance,
    async close() {
      await close();
      await fake.close();
    },
  });
}

/** Polls `check` until it returns something truthy. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type PayableCreator = Participation & { brand: MadeBrand; stripeAccountId: string };

/** A selling creator (disclosure not required) whose Stripe account finished onboarding at the fake. */
export async function payableCreator(stack: PayoutsStack, brand?: MadeBrand, spec: Parameters<typeof sellingCreator>[1] = {}): Promise<PayableCreator> {
  const seller = await sellingCreator(stack, { ...spec, terms: { disclosureRequired: false, ...spec.terms } }, brand);
  const stripeAccountId = await onboard(stack, seller.creatorId);
  return { ...seller, stripeAccountId };
}

/** Starts onboarding as the creator and finishes it at the fake; resolves once the account can receive transfers. */
export async function onboard(stack: PayoutsStack, creatorId: string): Promise<string> {
  const token = await creatorToken(stack, creatorId);
  await stack.gql.as(token).ok(`mutation { startPayoutOnboarding { url } }`);
  const [row] = await stack.db.query(`SELECT stripe_account_id FROM payout_accounts WHERE creator_id = $1`, [creatorId]);
  await stack.fake.completeOnboarding(row.stripe_account_id);
  await eventually(async () => {
    const [account] = await stack.db.query(`SELECT status, transfers_capability FROM payout_accounts WHERE creator_id = $1`, [creatorId]);
    return account?.status === 'ACTIVE' && account.transfers_capability === 'active';
  }, `creator ${creatorId}'s payout account`);
  return row.stripe_account_id;
}

/** Commissions of `seller`, ELIGIBLE, then approved by finance through the transition table (which books them). */
export async function approvedCommissions(stack: PayoutsStack, seller: Participation, amounts: readonly number[], currency = 'USD'): Promise<string[]> {
  const [terms] = await stack.db.query(`SELECT id FROM campaign_terms WHERE campaign_id = $1 ORDER BY version DESC LIMIT 1`, [seller.campaign.campaignId]);
  const past = new Date(Date.now() - 40 * 86_400_000);
  const ids = amounts.map(() => newId());
  await stack.db.getRepository(CommissionEntity).insert(
    amounts.map((amount, i) => ({
      id: ids[i]!,
      organizationId: seller.campaign.organizationId,
      campaignId: seller.campaign.campaignId,
      enrollmentId: seller.enrollmentId,
      creatorId: seller.creatorId,
      orderId: newId(),
      kind: 'SALE' as never,
      correctsCommissionId: null,
      termsId: terms.id,
      currency,
      amountMinor: BigInt(amount),
      quotedAmountMinor: BigInt(amount),
      basisNetMinor: BigInt(amount) * 10n,
      tierBasisMinor: 0n,
      status: CommissionStatus.ELIGIBLE,
      holdReasons: [],
      orderedAt: past,
      eligibleAt: past,
      explanation: ['10% of the order'],
      approvedAt: null,
      paidAt: null,
      reversedAt: null,
    })),
  );
  const transitions = stack.api.get(CommissionTransitions);
  await stack.db.transaction(async (manager) => {
    const rows = await manager.find(CommissionEntity, { where: { id: In(ids) } });
    for (const row of rows) await transitions.apply(manager, row, { to: CommissionStatus.APPROVED, reason: 'checked', actor: userActor(stack.finance.id) });
  });
  return ids;
}

/** Finance asks the brand for what it owes; the brand pays at the fake; resolves once the funding is booked. */
export async function fund(stack: PayoutsStack, organizationId: string, currency = 'USD'): Promise<{ id: string; amountMinor: string }> {
  const { createFundingRequest: request } = await stack.gql
    .as(stack.finance.token)
    .ok(`mutation Fund($organizationId: ID!, $currency: String!) { createFundingRequest(organizationId: $organizationId, currency: $currency) { id stripePaymentIntentId clientSecret amount { amountMinor } } }`, {
      organizationId,
      currency,
    });
  await stack.fake.succeedPaymentIntent(request.stripePaymentIntentId);
  await eventually(async () => {
    const [row] = await stack.db.query(`SELECT status FROM funding_requests WHERE id = $1`, [request.id]);
    return row?.status === 'SUCCEEDED';
  }, 'the brand funding');
  return { id: request.id, amountMinor: request.amount.amountMinor };
}

export const CREATE_RUN = `mutation Run($input: CreatePayoutRunInput!) {
  createPayoutRun(input: $input) { id status payoutCount total { amountMinor currency }
    exclusions(first: 50) { edges { node { creatorId reason amount { amountMinor } commissionCount } } } } }`;

/** Creates a payout run as finance and waits until every payout in it is SENT or FAILED. */
export async function runPayouts(stack: PayoutsStack, currency = 'USD', timeoutMs = 60_000) {
  const { createPayoutRun: run } = await stack.gql.as(stack.finance.token).ok(CREATE_RUN, { input: { currency } });
  await eventually(async () => {
    const [row] = await stack.db.query(`SELECT status FROM payout_runs WHERE id = $1`, [run.id]);
    return row?.status === 'COMPLETED';
  }, `payout run ${run.id}`, timeoutMs);
  const payouts: { id: string; creator_id: string; status: string; amount_minor: string; stripe_transfer_id: string | null; failure_code: string | null; attempts: number }[] =
    await stack.db.query(`SELECT id, creator_id, status, amount_minor, stripe_transfer_id, failure_code, attempts FROM payouts WHERE run_id = $1 ORDER BY id`, [run.id]);
  return { run, payouts };
}
