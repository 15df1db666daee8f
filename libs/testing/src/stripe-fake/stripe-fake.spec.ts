import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { parseFormBody } from './form-body.js';
import { StripeFake } from './stripe-fake.js';

interface Receiver {
  url: string;
  received: { body: string; signature: string }[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['stripe-signature']) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks/stripe`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('StripeFake', () => {
  let fake: StripeFake;
  let stripe: Stripe;

  beforeEach(async () => {
    fake = await StripeFake.start({ balances: { usd: 100_000 } });
    stripe = fake.client({ maxNetworkRetries: 0 });
  });

  afterEach(() => fake.close());

  async function recipient(): Promise<Stripe.Account> {
    return stripe.accounts.create({
      country: 'US',
      email: 'ada@creators.test',
      controller: { fees: { payer: 'application' }, losses: { payments: 'application' }, requirement_collection: 'stripe', stripe_dashboard: { type: 'express' } },
      capabilities: { transfers: { requested: true } },
      tos_acceptance: { service_agreement: 'recipient' },
      metadata: { creator_id: 'cr_42' },
    });
  }

  async function onboarded(): Promise<string> {
    const account = await recipient();
    await fake.completeOnboarding(account.id);
    return account.id;
  }

  function transferTo(destination: string, amount = 2_500, extra: Partial<Stripe.TransferCreateParams> = {}): Stripe.TransferCreateParams {
    return { amount, currency: 'usd', destination, transfer_group: 'run_1', metadata: { payout_id: 'po_1' }, description: 'Creator payout', ...extra };
  }

  it('parses Stripe form bodies: brackets, indexed and empty-bracket arrays, escapes', () => {
    expect(parseFormBody('metadata[payout_id]=p%201&capabilities[transfers][requested]=true&expand[0]=a&expand[1]=b&x%5By%5D=z&list[]=1&list[]=2&unset=')).toEqual({
      metadata: { payout_id: 'p 1' },
      capabilities: { transfers: { requested: 'true' } },
      expand: ['a', 'b'],
      x: { y: 'z' },
      list: ['1', '2'],
      unset: '',
    });
    expect(() => parseFormBody('amount=%E0%A4%A')).toThrow(expect.objectContaining({ status: 400, code: 'parameter_invalid_string' }));
  });

  it('creates a Connect account with controller properties, requested capabilities and an onboarding link', async () => {
    const env = fake.env();
    const sdk = new Stripe(env.STRIPE_SECRET_KEY!, { host: env.STRIPE_API_HOST, port: Number(env.STRIPE_API_PORT), protocol: 'http', maxNetworkRetries: 0 });
    const created = await sdk.accounts.create({
      controller: { fees: { payer: 'application' }, losses: { payments: 'application' }, requirement_collection: 'stripe', stripe_dashboard: { type: 'express' } },
      capabilities: { transfers: { requested: true } },
      tos_acceptance: { service_agreement: 'recipient' },
      metadata: { creator_id: 'cr_42' },
    });
    expect(created.id).toMatch(/^acct_1[0-9A-Za-z]{15}$/);
    const account = await sdk.accounts.retrieve(created.id);
    expect(account).toMatchObject({
      type: 'express',
      controller: { type: 'application', fees: { payer: 'application' }, losses: { payments: 'application' }, requirement_collection: 'stripe', stripe_dashboard: { type: 'express' } },
      capabilities: { transfers: 'pending' },
      tos_acceptance: { service_agreement: 'recipient' },
      requirements: { disabled_reason: 'requirements.past_due' },
      details_submitted: false,
      payouts_enabled: false,
      charges_enabled: false,
      default_currency: 'usd',
      metadata: { creator_id: 'cr_42' },
    });
    expect(account.requirements?.currently_due).toEqual(expect.arrayContaining(['external_account', 'tos_acceptance.date']));

    const link = await sdk.accountLinks.create({ account: created.id, type: 'account_onboarding', refresh_url: 'http://app.test/expired', return_url: 'http://app.test/done' });
    expect(link.url).toMatch(new RegExp(`^https://connect\\.stripe\\.test/setup/e/${created.id}/[0-9A-Za-z]+$`));
    expect(link.expires_at).toBeGreaterThan(link.created);
    await expect(sdk.accountLinks.create({ account: 'acct_1Missing000000', type: 'account_onboarding' })).rejects.toMatchObject({ code: 'account_invalid', statusCode: 400 });
  });

  it('finishes onboarding: capability active, payouts enabled, nothing due', async () => {
    const id = await onboarded();
    const account = await stripe.accounts.retrieve(id);
    expect(account).toMatchObject({ capabilities: { transfers: 'active' }, payouts_enabled: true, details_submitted: true, requirements: { currently_due: [], disabled_reason: null } });
    const capability = await stripe.accounts.retrieveCapability(id, 'transfers');
    expect(capability).toMatchObject({ id: 'transfers', account: id, status: 'active', requested: true });

    await fake.restrictAccount(id);
    expect(fake.account(id)).toMatchObject({ capabilities: { transfers: 'inactive' }, payouts_enabled: false, requirements: { disabled_reason: 'requirements.past_due' } });
  });

  it('moves money to an onboarded account and takes it from the platform balance', async () => {
    const destination = await onboarded();
    const transfer = await stripe.transfers.create({ ...transferTo(destination), currency: 'USD' });
    expect(transfer).toMatchObject({ object: 'transfer', amount: 2_500, currency: 'usd', destination, transfer_group: 'run_1', metadata: { payout_id: 'po_1' }, description: 'Creator payout', reversed: false, amount_reversed: 0 });
    expect(transfer.id).toMatch(/^tr_1[0-9A-Za-z]{23}$/);
    expect(fake.balance('usd')).toBe(97_500);
    const balance = await stripe.balance.retrieve();
    expect(balance.available).toEqual([expect.objectContaining({ amount: 97_500, currency: 'usd' })]);
    expect((await stripe.transfers.retrieve(transfer.id)).id).toBe(transfer.id);
  });

  it('refuses transfers as Stripe does: no balance, capability not active, account deleted, unknown parameter', async () => {
    const destination = await onboarded();
    const refused = stripe.transfers.create(transferTo(destination, 100_001));
    await expect(refused).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(refused).rejects.toMatchObject({ code: 'balance_insufficient', statusCode: 400, type: 'StripeInvalidRequestError' });

    const pending = await recipient();
    await expect(stripe.transfers.create(transferTo(pending.id))).rejects.toMatchObject({ code: 'insufficient_capabilities_for_transfer', param: 'destination' });
    fake.deleteAccount(destination);
    await expect(stripe.transfers.create(transferTo(destination))).rejects.toMatchObject({ code: 'account_invalid', param: 'destination' });
    await expect(stripe.transfers.create({ ...transferTo(pending.id), destinaton: 'typo' } as Stripe.TransferCreateParams)).rejects.toMatchObject({ code: 'parameter_unknown', param: 'destinaton' });
    expect(fake.transfers()).toEqual([]);
    expect(fake.balance('usd')).toBe(100_000);
  });

  it('replays a POST with the same idempotency key and parameters instead of applying it twice', async () => {
    const destination = await onboarded();
    const first = await stripe.transfers.create(transferTo(destination), { idempotencyKey: 'payout-po_1' });
    const again = await stripe.transfers.create(transferTo(destination), { idempotencyKey: 'payout-po_1' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(fake.transfers()).toHaveLength(1);
    expect(fake.balance('usd')).toBe(97_500);
  });

  it('stores a refusal under its key as Stripe does: the same key keeps failing after the balance is topped up', async () => {
    const destination = await onboarded();
    fake.setBalance('usd', 1_000);
    await expect(stripe.transfers.create(transferTo(destination), { idempotencyKey: 'po-6' })).rejects.toMatchObject({ code: 'balance_insufficient' });
    fake.setBalance('usd', 10_000);
    const replayed = stripe.transfers.create(transferTo(destination), { idempotencyKey: 'po-6' });
    await expect(replayed).rejects.toMatchObject({ code: 'balance_insufficient', headers: { 'idempotent-replayed': 'true' } });
    expect((await stripe.transfers.create(transferTo(destination), { idempotencyKey: 'po-6-retry-1' })).amount).toBe(2_500);
    expect(fake.balance('usd')).toBe(7_500);
  });

  it('refuses the same idempotency key with other parameters, and a key still in flight', async () => {
    const destination = await onboarded();
    await stripe.transfers.create(transferTo(destination), { idempotencyKey: 'payout-po_2' });
    const mismatch = stripe.transfers.create(transferTo(destination, 999), { idempotencyKey: 'payout-po_2' });
    await expect(mismatch).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(mismatch).rejects.toMatchObject({ rawType: 'idempotency_error', statusCode: 400 });

    const slow = await StripeFake.start({ balances: { usd: 10_000 }, latencyMs: 300 });
    try {
      const client = slow.client({ maxNetworkRetries: 0 });
      const account = await client.accounts.create({ capabilities: { transfers: { requested: true } } });
      await slow.completeOnboarding(account.id);
      const [winner, loser] = await Promise.allSettled([
        client.transfers.create(transferTo(account.id), { idempotencyKey: 'same' }),
        client.transfers.create(transferTo(account.id), { idempotencyKey: 'same' }),
      ]);
      expect(winner.status).toBe('fulfilled');
      expect(loser).toMatchObject({ status: 'rejected', reason: { statusCode: 409, code: 'idempotency_key_in_use' } });
      expect(slow.transfers()).toHaveLength(1);
    } finally {
      await slow.close();
    }
    expect(fake.transfers()).toHaveLength(1);
  });

  it('applies the request, answers 500, and the SDK retry with the same key gets the stored transfer', async () => {
    const destination = await onboarded();
    const retrying = fake.client({ maxNetworkRetries: 2 });
    fake.failNext({ method: 'POST', path: '/v1/transfers' }, { kind: 'server_error_after_apply' });
    const transfer = await retrying.transfers.create(transferTo(destination), { idempotencyKey: 'payout-po_3' });
    const attempts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/transfers');
    expect(attempts.map((r) => [r.status, r.idempotencyKey])).toEqual([
      [500, 'payout-po_3'],
      [200, 'payout-po_3'],
    ]);
    expect(fake.transfers().map((t) => t.id)).toEqual([transfer.id]);
    expect(fake.balance('usd')).toBe(97_500);
  });

  it('reuses its own generated idempotency key when the SDK retries a POST', async () => {
    const destination = await onboarded();
    fake.failNext({ path: /^\/v1\/transfers$/ }, { kind: 'server_error_after_apply' });
    await fake.client({ maxNetworkRetries: 1 }).transfers.create(transferTo(destination));
    const keys = fake.requests.filter((r) => r.path === '/v1/transfers').map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^stripe-node-retry-[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(fake.transfers()).toHaveLength(1);
  });

  it('answers 429 without applying, from an injected failure and from the rate limiter', async () => {
    const destination = await onboarded();
    fake.failNext({ method: 'POST', path: '/v1/transfers' }, { kind: 'rate_limit' });
    const limited = fake.client({ maxNetworkRetries: 2 }).transfers.create(transferTo(destination));
    await expect(limited).rejects.toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    await expect(limited.catch((error: Stripe.errors.StripeError) => [error.statusCode, error.code])).resolves.toEqual([429, 'rate_limit']);
    expect(fake.transfers()).toEqual([]);

    const throttled = await StripeFake.start({ rateLimitPerSecond: 2 });
    try {
      const client = throttled.client({ maxNetworkRetries: 0 });
      const results = await Promise.allSettled([client.balance.retrieve(), client.balance.retrieve(), client.balance.retrieve()]);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect(throttled.rateLimitedCount).toBe(1);
      expect(throttled.requests.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    } finally {
      await throttled.close();
    }
  });

  it('leaves the client to time out; after timeout_after_apply the transfer exists and a retry with the key finds it', async () => {
    const destination = await onboarded();
    const impatient = fake.client({ maxNetworkRetries: 0, timeout: 200 });
    fake.failNext({ path: '/v1/transfers' }, { kind: 'timeout' });
    await expect(impatient.transfers.create(transferTo(destination), { idempotencyKey: 'po-4' })).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(fake.transfers()).toEqual([]);

    fake.failNext({ path: '/v1/transfers' }, { kind: 'timeout_after_apply' });
    await expect(impatient.transfers.create(transferTo(destination), { idempotencyKey: 'po-4' })).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
    const [stored] = fake.transfers();
    expect(stored).toMatchObject({ amount: 2_500, destination });
    const retried = await impatient.transfers.create(transferTo(destination), { idempotencyKey: 'po-4' });
    expect(retried.id).toBe(stored!.id);
    expect(fake.transfers()).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path === '/v1/transfers').map((r) => r.status)).toEqual([0, 0, 200]);
  });

  it('drops the connection after applying; the SDK retries a reset connection once even with retries off', async () => {
    const destination = await onboarded();
    fake.failNext({ path: '/v1/transfers' }, { kind: 'timeout_after_apply', ms: 20 });
    const transfer = await fake.client({ maxNetworkRetries: 0, timeout: 2_000 }).transfers.create(transferTo(destination));
    expect(fake.transfers().map((t) => t.id)).toEqual([transfer.id]);
    const attempts = fake.requests.filter((r) => r.path === '/v1/transfers');
    expect(attempts.map((r) => r.status)).toEqual([0, 200]);
    expect(attempts[1]!.idempotencyKey).toBe(attempts[0]!.idempotencyKey);
  });

  it('answers an injected Stripe error without applying or storing it under the key', async () => {
    const destination = await onboarded();
    fake.failNext({ method: 'POST', path: '/v1/transfers' }, { kind: 'stripe_error', code: 'balance_insufficient' });
    await expect(stripe.transfers.create(transferTo(destination), { idempotencyKey: 'po-5' })).rejects.toMatchObject({ code: 'balance_insufficient', statusCode: 400 });
    expect(fake.transfers()).toEqual([]);
    expect((await stripe.transfers.create(transferTo(destination), { idempotencyKey: 'po-5' })).amount).toBe(2_500);
  });

  it('lists transfers of a transfer group newest first, page by page', async () => {
    const destination = await onboarded();
    const ids: string[] = [];
    for (const group of ['run_a', 'run_a', 'run_b', 'run_a']) ids.push((await stripe.transfers.create(transferTo(destination, 100, { transfer_group: group }))).id);
    const first = await stripe.transfers.list({ transfer_group: 'run_a', limit: 2 });
    expect(first.data.map((t) => t.id)).toEqual([ids[3], ids[1]]);
    expect(first.has_more).toBe(true);
    const second = await stripe.transfers.list({ transfer_group: 'run_a', limit: 2, starting_after: first.data[1]!.id });
    expect(second.data.map((t) => t.id)).toEqual([ids[0]]);
    expect(second.has_more).toBe(false);
    const byDestination = await stripe.transfers.list({ destination, created: { gte: Math.floor(Date.now() / 1000) - 60 } });
    expect(byDestination.data).toHaveLength(4);
  });

  it('reverses transfers through the API and from Stripe\'s side, giving the balance back', async () => {
    const destination = await onboarded();
    const transfer = await stripe.transfers.create(transferTo(destination, 1_000));
    const partial = await stripe.transfers.createReversal(transfer.id, { amount: 300 });
    expect(partial).toMatchObject({ object: 'transfer_reversal', amount: 300, transfer: transfer.id });
    expect(partial.id).toMatch(/^trr_/);
    expect(await stripe.transfers.retrieve(transfer.id)).toMatchObject({ amount_reversed: 300, reversed: false });
    await expect(stripe.transfers.createReversal(transfer.id, { amount: 701 })).rejects.toMatchObject({ param: 'amount', statusCode: 400 });

    const rest = await fake.reverseTransfer(transfer.id);
    expect(rest.amount).toBe(700);
    expect(await stripe.transfers.retrieve(transfer.id)).toMatchObject({ amount_reversed: 1_000, reversed: true });
    expect((await stripe.transfers.listReversals(transfer.id)).data.map((r) => r.amount)).toEqual([700, 300]);
    expect(fake.balance('usd')).toBe(100_000);
  });

  it('takes a payment: the intent succeeds and the platform balance grows; a paid intent cannot be canceled', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 5_000, currency: 'usd', metadata: { funding_request_id: 'fr_1' } });
    expect(intent).toMatchObject({ status: 'requires_payment_method', amount: 5_000, currency: 'usd', metadata: { funding_request_id: 'fr_1' } });
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    await fake.succeedPaymentIntent(intent.id);
    expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'succeeded', amount_received: 5_000 });
    expect(fake.balance('usd')).toBe(105_000);
    await expect(stripe.paymentIntents.cancel(intent.id)).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });

    const other = await stripe.paymentIntents.create({ amount: 700, currency: 'eur' });
    await fake.failPaymentIntent(other.id);
    expect(fake.paymentIntents()[1]).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } });
    expect(await stripe.paymentIntents.cancel(other.id)).toMatchObject({ status: 'canceled' });
  });

  it('sends signed webhooks the SDK verifies, and keeps the events retrievable', async () => {
    const receiver = await startReceiver();
    try {
      fake.deliverWebhooksTo(receiver.url);
      const account = await recipient();
      await fake.completeOnboarding(account.id);
      const events = receiver.received.map(({ body, signature }) => stripe.webhooks.constructEvent(body, signature, fake.webhookSecret));
      expect(events.map((e) => e.type)).toEqual(['account.updated', 'capability.updated']);
      const [updated, capability] = events;
      expect(updated).toMatchObject({ account: account.id, livemode: false, api_version: Stripe.API_VERSION, data: { object: { id: account.id, capabilities: { transfers: 'active' } }, previous_attributes: { capabilities: { transfers: 'pending' } } } });
      expect(capability).toMatchObject({ account: account.id, data: { object: { object: 'capability', id: 'transfers', status: 'active' } } });
      expect(() => stripe.webhooks.constructEvent(receiver.received[0]!.body, receiver.received[0]!.signature, 'whsec_other')).toThrow(Stripe.errors.StripeSignatureVerificationError);

      expect(await fake.sendEvent(updated!)).toBe(200);
      expect(JSON.parse(receiver.received[2]!.body).id).toBe(updated!.id);
      expect((await stripe.events.retrieve(updated!.id)).type).toBe('account.updated');
      expect(fake.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    } finally {
      await receiver.close();
    }
  });

  it('answers 401 to a wrong API key and 404 to unknown objects and URLs', async () => {
    const stranger = new Stripe('sk_test_someone_else_000000', { host: '127.0.0.1', port: new URL(fake.url).port, protocol: 'http', maxNetworkRetries: 0 });
    await expect(stranger.balance.retrieve()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    await expect(stripe.transfers.retrieve('tr_1Missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    await expect(stripe.rawRequest('GET', '/v1/nothing_here', {})).rejects.toMatchObject({ statusCode: 404 });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/v1/balance', status: 401 });

    const account = await recipient();
    expect(await stripe.accounts.del(account.id)).toEqual({ id: account.id, object: 'account', deleted: true });
    const gone = stripe.accounts.retrieve(account.id);
    await expect(gone).rejects.toBeInstanceOf(Stripe.errors.StripePermissionError);
    await expect(gone).rejects.toMatchObject({ statusCode: 403, code: 'account_invalid' });
    expect(fake.account(account.id)).toBeUndefined();
  });
});
