import type { AddressInfo } from 'node:net';
import { errorCode, errorFields, type MadeCreator, StripeFake } from '@app/testing';
import request from 'supertest';
import Stripe from 'stripe';
import { creatorToken, MY_COMMISSIONS, simpleOrder, tokenOf } from '../support/sales-api.js';
import { postGeneric, type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

const ACCOUNT_FIELDS = 'id creatorId status payoutsEnabled ready requirementsDue disabledReason country updatedAt';
const START = `mutation Start($country: String) { startPayoutOnboarding(country: $country) { url expiresAt payoutAccount { ${ACCOUNT_FIELDS} } } }`;
const MINE = `query { payoutAccount { ${ACCOUNT_FIELDS} } }`;
const OF_CREATOR = `query Of($creatorId: ID!) { creatorPayoutAccount(creatorId: $creatorId) { ${ACCOUNT_FIELDS} } }`;

describe('payout onboarding and Stripe webhooks', () => {
  let fake: StripeFake;
  let stack: SalesStack;
  let financeToken: string;

  /** A creator with a profile (US unless said otherwise) and their access token. */
  const creator = async (country: string | null = 'US'): Promise<MadeCreator & { token: string }> => {
    const made = await stack.make.creatorProfile({ country });
    return { ...made, token: await tokenOf(stack, made.user) };
  };
  const start = async (token: string, country?: string) => (await stack.gql.as(token).ok(START, { country })).startPayoutOnboarding;
  const mine = async (token: string) => (await stack.gql.as(token).ok(MINE)).payoutAccount;
  const accountsAtStripeOf = (creatorId: string) => fake.accounts().filter((account) => account.metadata?.creator_id === creatorId);
  const stripeAccountOf = async (creatorId: string): Promise<string> =>
    (await stack.db.query(`SELECT stripe_account_id FROM payout_accounts WHERE creator_id = $1`, [creatorId]))[0].stripe_account_id;
  const storedEvents = async (id: string) => stack.db.query(`SELECT id, type, object_id, processed_at FROM stripe_events WHERE id = $1`, [id]);
  const auditOf = (payoutAccountId: string) =>
    stack.db.query(`SELECT action, actor_type, actor_id, before, after, reason FROM audit_log WHERE entity_id = $1 ORDER BY created_at, id`, [payoutAccountId]);
  /** Posts `raw` to the webhook endpoint as Stripe would, signed with `secret` (the app's by default). */
  const postStripe = (raw: string, signature: string | null = Stripe.webhooks.generateTestHeaderString({ payload: raw, secret: fake.webhookSecret })) => {
    const call = request(stack.server).post('/webhooks/stripe').set('content-type', 'application/json');
    return (signature === null ? call : call.set('stripe-signature', signature)).send(raw);
  };
  /** Stripe's current account, as an `account.updated` event would carry it. */
  const accountNow = (id: string) => fake.account(id)!;

  beforeAll(async () => {
    fake = await StripeFake.start();
    stack = await startSalesStack({ env: { ...fake.env(), STRIPE_PLATFORM_COUNTRY: 'US' } });
    await stack.api.listen(0, '127.0.0.1');
    fake.deliverWebhooksTo(`http://127.0.0.1:${(stack.server.address() as AddressInfo).port}/webhooks/stripe`);
    financeToken = await tokenOf(stack, await stack.make.finance());
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  describe('startPayoutOnboarding', () => {
    it('opens one Stripe account for a creator however often they start, and answers a fresh onboarding link each time', async () => {
      const maya = await creator('US');
      const first = await start(maya.token);
      const second = await start(maya.token);

      expect(first.payoutAccount).toMatchObject({ creatorId: maya.creatorId, status: 'ONBOARDING', payoutsEnabled: false, ready: false, country: 'US' });
      expect(second.payoutAccount.id).toBe(first.payoutAccount.id);
      expect(first.url).toMatch(/^https:\/\//);
      expect(second.url).not.toBe(first.url);
      expect(new Date(first.expiresAt).getTime()).toBeGreaterThan(Date.now());

      const [account, ...others] = accountsAtStripeOf(maya.creatorId);
      expect(others).toEqual([]);
      expect(account).toMatchObject({
        country: 'US',
        controller: { stripe_dashboard: { type: 'express' }, requirement_collection: 'stripe', fees: { payer: 'application' }, losses: { payments: 'application' } },
        tos_acceptance: { service_agreement: 'full' },
        metadata: { creator_id: maya.creatorId },
      });
      expect(account!.capabilities?.transfers).toBeDefined();
      const links = fake.accountLinks().filter((link) => link.account === account!.id);
      expect(links.map((link) => link.type)).toEqual(['account_onboarding', 'account_onboarding']);
      expect(await stripeAccountOf(maya.creatorId)).toBe(account!.id);
      expect(await auditOf(first.payoutAccount.id)).toEqual([
        expect.objectContaining({ action: 'payout_account.created', actor_type: 'USER', after: { stripeAccountId: account!.id, country: 'US', status: 'ONBOARDING' } }),
      ]);
    });

    it('creates one account when a creator starts several times at once, with one idempotency key', async () => {
      const sam = await creator('US');
      const answers = await Promise.all([1, 2, 3, 4, 5].map(() => stack.gql.as(sam.token).send(START, {})));
      const succeeded = answers.filter((answer) => !answer.errors);
      expect(succeeded.length).toBeGreaterThan(0);
      // A request that met another still in flight at Stripe is told to try again.
      for (const answer of answers.filter((a) => a.errors)) expect(errorCode(answer)).toBe('CONFLICT');
      expect(new Set(succeeded.map((answer) => answer.data!.startPayoutOnboarding.payoutAccount.id)).size).toBe(1);
      expect(accountsAtStripeOf(sam.creatorId)).toHaveLength(1);
      // However many reached Stripe before the account was recorded, they all carried the same key.
      const keys = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/accounts' && r.idempotencyKey?.includes(sam.creatorId)).map((r) => r.idempotencyKey);
      expect(keys.length).toBeGreaterThan(0);
      expect(new Set(keys).size).toBe(1);
    });

    it('onboards a creator outside the platform country under the recipient service agreement', async () => {
      const lena = await creator('GB');
      const { payoutAccount } = await start(lena.token);
      expect(payoutAccount.country).toBe('GB');
      expect(accountsAtStripeOf(lena.creatorId)[0]).toMatchObject({ country: 'GB', tos_acceptance: { service_agreement: 'recipient' } });
    });

    it('asks for the country when the profile has none, and refuses a country that is not one or contradicts the profile', async () => {
      const noCountry = await creator(null);
      const missing = await stack.gql.as(noCountry.token).send(START, {});
      expect({ code: errorCode(missing), fields: errorFields(missing) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['country'] });
      const bogus = await stack.gql.as(noCountry.token).send(START, { country: 'XX' });
      expect({ code: errorCode(bogus), fields: errorFields(bogus) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['country'] });
      expect(accountsAtStripeOf(noCountry.creatorId)).toEqual([]);

      const { payoutAccount } = await start(noCountry.token, 'ca');
      expect(payoutAccount.country).toBe('CA');
      expect(accountsAtStripeOf(noCountry.creatorId)[0]).toMatchObject({ country: 'CA', tos_acceptance: { service_agreement: 'recipient' } });

      const american = await creator('US');
      const contradicting = await stack.gql.as(american.token).send(START, { country: 'DE' });
      expect({ code: errorCode(contradicting), fields: errorFields(contradicting) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['country'] });
      expect(accountsAtStripeOf(american.creatorId)).toEqual([]);
    });

    it('is for creators only; finance and admins read any creator\'s account, creators only their own', async () => {
      const brand = await stack.make.brand();
      const brandToken = await tokenOf(stack, brand.admin);
      expect(errorCode(await stack.gql.as(brandToken).send(START, {}))).toBe('FORBIDDEN');
      expect(errorCode(await stack.gql.as(brandToken).send(MINE))).toBe('FORBIDDEN');
      expect(errorCode(await stack.gql.as(financeToken).send(START, {}))).toBe('FORBIDDEN');

      const ana = await creator('US');
      expect(await mine(ana.token)).toBeNull();
      await start(ana.token);
      expect(errorCode(await stack.gql.as(ana.token).send(OF_CREATOR, { creatorId: ana.creatorId }))).toBe('FORBIDDEN');
      expect(errorCode(await stack.gql.as(brandToken).send(OF_CREATOR, { creatorId: ana.creatorId }))).toBe('FORBIDDEN');
      const { creatorPayoutAccount } = await stack.gql.as(financeToken).ok(OF_CREATOR, { creatorId: ana.creatorId });
      expect(creatorPayoutAccount).toEqual(await mine(ana.token));

      const without = await stack.make.creatorProfile();
      expect((await stack.gql.as(financeToken).ok(OF_CREATOR, { creatorId: without.creatorId })).creatorPayoutAccount).toBeNull();
      expect(errorCode(await stack.gql.as(financeToken).send(OF_CREATOR, { creatorId: '0190d6a1-0000-7000-8000-00000000dead' }))).toBe('NOT_FOUND');
    });
  });

  describe('Stripe webhooks', () => {
    it('makes the account ACTIVE when Stripe reports onboarding finished, and RESTRICTED when requirements fall past due', async () => {
      const maya = await creator('US');
      const { payoutAccount } = await start(maya.token);
      const accountId = await stripeAccountOf(maya.creatorId);

      await fake.completeOnboarding(accountId);
      expect(fake.deliveries.slice(-2).map((d) => [d.type, d.status])).toEqual([
        ['account.updated', 200],
        ['capability.updated', 200],
      ]);
      expect(await mine(maya.token)).toMatchObject({ status: 'ACTIVE', payoutsEnabled: true, ready: true, requirementsDue: [], disabledReason: null });

      await fake.restrictAccount(accountId);
      expect(await mine(maya.token)).toMatchObject({
        status: 'RESTRICTED',
        payoutsEnabled: false,
        ready: false,
        disabledReason: 'requirements.past_due',
        requirementsDue: ['individual.verification.document'],
      });

      const updates = (await auditOf(payoutAccount.id)).filter((entry: { action: string }) => entry.action === 'payout_account.updated');
      expect(updates.map((entry: { before: { status?: string }; after: { status?: string } }) => [entry.before.status, entry.after.status]).filter(([from]: unknown[]) => from)).toEqual([
        ['ONBOARDING', 'ACTIVE'],
        ['ACTIVE', 'RESTRICTED'],
      ]);
      expect(updates.every((entry: { actor_type: string; reason: string }) => entry.actor_type === 'SYSTEM' && /^(account|capability)\.updated evt_/.test(entry.reason))).toBe(true);
    });

    it('answers 400 to a missing, forged or stale signature and stores nothing; 413 to a body over 1 MB', async () => {
      const maya = await creator('US');
      await start(maya.token);
      const event = fake.buildEvent('account.updated', accountNow(await stripeAccountOf(maya.creatorId)));
      const raw = JSON.stringify(event);
      const forged = Stripe.webhooks.generateTestHeaderString({ payload: raw, secret: 'whsec_someone_else_entirely' });
      const stale = Stripe.webhooks.generateTestHeaderString({ payload: raw, secret: fake.webhookSecret, timestamp: Math.floor(Date.now() / 1000) - 3600 });
      const otherBody = Stripe.webhooks.generateTestHeaderString({ payload: `${raw} `, secret: fake.webhookSecret });

      for (const signature of [null, '', forged, stale, otherBody, 't=1,v1=00']) {
        const response = await postStripe(raw, signature);
        expect({ signature, status: response.status, error: response.body.error }).toEqual({ signature, status: 400, error: 'invalid_signature' });
      }
      expect(await storedEvents(event.id)).toEqual([]);

      const big = await postStripe(JSON.stringify({ ...event, padding: 'x'.repeat(1024 * 1024) }));
      expect(big.status).toBe(413);
      expect(await storedEvents(event.id)).toEqual([]);

      // The same bytes, properly signed, are accepted: the refusals were about the signatures.
      expect((await postStripe(raw)).status).toBe(200);
      expect(await storedEvents(event.id)).toHaveLength(1);
    });

    it('applies an event delivered twice once: one row, one change', async () => {
      const maya = await creator('US');
      const { payoutAccount } = await start(maya.token);
      const accountId = await stripeAccountOf(maya.creatorId);
      const finished = { ...accountNow(accountId), details_submitted: true, payouts_enabled: true, capabilities: { transfers: 'active' as const } };
      finished.requirements = { ...finished.requirements!, currently_due: [], past_due: [], disabled_reason: null };
      const event = fake.buildEvent('account.updated', finished);

      expect(await fake.sendEvent(event)).toBe(200);
      const again = await postStripe(JSON.stringify(event));
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: { received: true, duplicate: true, handled: true } });

      expect(await storedEvents(event.id)).toEqual([{ id: event.id, type: 'account.updated', object_id: accountId, processed_at: expect.any(Date) }]);
      expect(await mine(maya.token)).toMatchObject({ status: 'ACTIVE', ready: true });
      const changes = (await auditOf(payoutAccount.id)).filter((entry: { reason: string | null }) => entry.reason?.includes(event.id));
      expect(changes).toHaveLength(1);
    });

    it('does not let an older event arriving late roll the account back', async () => {
      const maya = await creator('US');
      await start(maya.token);
      const accountId = await stripeAccountOf(maya.creatorId);
      const before = accountNow(accountId);
      await fake.completeOnboarding(accountId);

      const late = fake.buildEvent('account.updated', before);
      late.created -= 120;
      expect(await fake.sendEvent(late)).toBe(200);
      const lateCapability = fake.buildEvent('capability.updated', { id: 'transfers', object: 'capability', account: accountId, requested: true, requested_at: late.created, status: 'pending' });
      lateCapability.created -= 120;
      expect(await fake.sendEvent(lateCapability)).toBe(200);

      expect(await mine(maya.token)).toMatchObject({ status: 'ACTIVE', payoutsEnabled: true, ready: true });
      // Stored and looked at (so not delivered again), and deliberately not applied.
      expect(await storedEvents(late.id)).toEqual([expect.objectContaining({ processed_at: expect.any(Date) })]);

      // A newer event still applies.
      await fake.restrictAccount(accountId);
      expect((await mine(maya.token)).status).toBe('RESTRICTED');
    });

    it('stores and acknowledges event types nothing handles, and events about accounts of no creator here', async () => {
      const unhandled = fake.buildEvent('payout.paid', { id: 'po_123', object: 'payout' } as Stripe.Payout);
      expect(await fake.sendEvent(unhandled)).toBe(200);
      expect(await storedEvents(unhandled.id)).toEqual([{ id: unhandled.id, type: 'payout.paid', object_id: 'po_123', processed_at: null }]);

      const stranger = fake.buildEvent('account.updated', { ...accountNow((await fake.client().accounts.create({ country: 'US' })).id), metadata: {} });
      expect(await fake.sendEvent(stranger)).toBe(200);
      const [row] = await stack.db.query(`SELECT count(*)::int AS n FROM payout_accounts WHERE stripe_account_id = $1`, [stranger.data.object.id]);
      expect(row.n).toBe(0);
    });

    it('records an account Stripe reports before its creation was recorded, from the creator in its metadata', async () => {
      const kai = await creator('US');
      const opened = await fake.client().accounts.create({ country: 'US', metadata: { creator_id: kai.creatorId }, capabilities: { transfers: { requested: true } } });
      expect(await fake.sendEvent(fake.buildEvent('account.updated', accountNow(opened.id)))).toBe(200);
      expect(await mine(kai.token)).toMatchObject({ status: 'ONBOARDING', country: 'US' });
      expect(await stripeAccountOf(kai.creatorId)).toBe(opened.id);
    });
  });

  describe('commission gates', () => {
    it('lifts NO_PAYOUT_ACCOUNT from the creator\'s commissions once their account can receive transfers', async () => {
      const seller = await sellingCreator(stack);
      await stack.sales.discountCode(seller, 'PAYME15');
      const shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
      expect((await postGeneric(stack, shop.id, shop.signingSecret, simpleOrder({ orderId: 'payout-gate-1', codes: ['PAYME15'] }))).status).toBe(202);
      await stack.settled();
      const token = await creatorToken(stack, seller.creatorId);
      const reasons = async () =>
        (await stack.gql.as(token).ok(MY_COMMISSIONS)).myCommissions.edges.flatMap((edge: any) => edge.node.blockedBy.map((blocker: any) => blocker.reason));

      expect(await reasons()).toContain('NO_PAYOUT_ACCOUNT');
      await start(token);
      expect(await reasons()).toContain('NO_PAYOUT_ACCOUNT');
      await fake.completeOnboarding(await stripeAccountOf(seller.creatorId));
      const after = await reasons();
      expect(after.length).toBeGreaterThan(0);
      expect(after).not.toContain('NO_PAYOUT_ACCOUNT');

      await fake.restrictAccount(await stripeAccountOf(seller.creatorId));
      expect(await reasons()).toContain('NO_PAYOUT_ACCOUNT');
    });
  });
});
