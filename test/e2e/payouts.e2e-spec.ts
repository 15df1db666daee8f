import { errorCode } from '@app/testing';
import { creatorToken, simpleOrder, simpleRefund } from '../support/sales-api.js';
import { postGeneric } from '../support/sales-stack.js';
import { expectLedgerBalanced } from '../support/ledger.js';
import { approvedCommissions, CREATE_RUN, eventually, fund, payableCreator, type PayoutsStack, runPayouts, startPayoutsStack } from '../support/payouts-stack.js';

const MY_PAYOUTS = `query { myPayouts(first: 10) { edges { node { id status amount { amountMinor currency } gross { amountMinor } clawbacks { amountMinor } stripeTransferId
  commissions(first: 20) { edges { node { id status kind amount { amountMinor } } } } } } } }`;
const MY_EARNINGS = `query { myEarnings { currency pending { amountMinor } eligible { amountMinor } approved { amountMinor } paid { amountMinor } clawbackOutstanding { amountMinor } } }`;

describe('payout runs', () => {
  let stack: PayoutsStack;

  beforeAll(async () => {
    stack = await startPayoutsStack({ env: { MINIMUM_PAYOUT_MINOR: '1000' } });
  }, 120_000);
  afterAll(() => stack.close());
  afterEach(() => expectLedgerBalanced(stack.db));

  it('pays each funded creator once, with the right amount, and tells the creator', async () => {
    const ann = await payableCreator(stack);
    const bob = await payableCreator(stack, ann.brand);
    const annIds = await approvedCommissions(stack, ann, [1_500, 2_250]);
    await approvedCommissions(stack, bob, [4_000]);
    const funding = await fund(stack, ann.campaign.organizationId);
    expect(funding.amountMinor).toBe('7750');

    const { run, payouts } = await runPayouts(stack);
    expect(run).toMatchObject({ status: 'SENDING', payoutCount: 2, total: { amountMinor: '7750', currency: 'USD' } });
    expect(payouts.map((p) => [p.creator_id, p.status, p.amount_minor]).sort()).toEqual(
      [
        [ann.creatorId, 'SENT', '3750'],
        [bob.creatorId, 'SENT', '4000'],
      ].sort(),
    );
    const transfers = stack.fake.transfers().filter((t) => t.transfer_group === run.id);
    expect(transfers.map((t) => [t.destination, t.amount, t.metadata.payout_id]).sort()).toEqual(payouts.map((p) => [p.creator_id === ann.creatorId ? ann.stripeAccountId : bob.stripeAccountId, Number(p.amount_minor), p.id]).sort());

    const [paid] = await stack.db.query(`SELECT count(*)::int AS n FROM commissions WHERE id = ANY($1) AND status = 'PAID' AND paid_at IS NOT NULL`, [annIds]);
    expect(paid.n).toBe(2);
    const token = await creatorToken(stack, ann.creatorId);
    const { myPayouts } = await stack.gql.as(token).ok(MY_PAYOUTS);
    expect(myPayouts.edges).toHaveLength(1);
    expect(myPayouts.edges[0].node).toMatchObject({ status: 'SENT', amount: { amountMinor: '3750', currency: 'USD' }, clawbacks: { amountMinor: '0' } });
    expect(myPayouts.edges[0].node.commissions.edges.map((e: any) => e.node.id).sort()).toEqual([...annIds].sort());
    expect((await stack.gql.as(token).ok(MY_EARNINGS)).myEarnings).toEqual([
      { currency: 'USD', pending: { amountMinor: '0' }, eligible: { amountMinor: '0' }, approved: { amountMinor: '0' }, paid: { amountMinor: '3750' }, clawbackOutstanding: { amountMinor: '0' } },
    ]);

    // A second run finds nothing left to pay.
    const again = await stack.gql.as(stack.finance.token).ok(CREATE_RUN, { input: { currency: 'USD' } });
    expect(again.createPayoutRun).toMatchObject({ status: 'COMPLETED', payoutCount: 0 });
    expect(stack.fake.transfers().filter((t) => t.destination === ann.stripeAccountId)).toHaveLength(1);
  });

  it('leaves out unfunded brands, creators without an account and nets under the minimum, and says why', async () => {
    const funded = await payableCreator(stack);
    const unfunded = await payableCreator(stack);
    const small = await payableCreator(stack, funded.brand);
    const noAccount = await stack.make.creatorProfile();
    const seller = { ...funded, creatorId: noAccount.creatorId, enrollmentId: await stack.make.enrollment(funded.campaign, noAccount, 'APPROVED') };
    await approvedCommissions(stack, funded, [5_000]);
    await approvedCommissions(stack, small, [999]);
    await approvedCommissions(stack, seller, [2_000]);
    await approvedCommissions(stack, unfunded, [3_000]);
    await fund(stack, funded.campaign.organizationId);

    const { run, payouts } = await runPayouts(stack);
    expect(payouts.map((p) => [p.creator_id, p.amount_minor])).toEqual([[funded.creatorId, '5000']]);
    const reasons = run.exclusions.edges.map((e: any) => [e.node.creatorId, e.node.reason, e.node.amount.amountMinor]);
    expect(reasons.sort()).toEqual(
      [
        [unfunded.creatorId, 'AWAITING_BRAND_FUNDING', '3000'],
        [small.creatorId, 'BELOW_MINIMUM', '999'],
        [noAccount.creatorId, 'NO_PAYOUT_ACCOUNT', '2000'],
      ].sort(),
    );
    const [left] = await stack.db.query(`SELECT count(*)::int AS n FROM commissions WHERE creator_id = ANY($1) AND status = 'APPROVED'`, [[unfunded.creatorId, small.creatorId, noAccount.creatorId]]);
    expect(left.n).toBe(3);
  });

  it('nets a refund after payout against the next payout', async () => {
    const seller = await payableCreator(stack, undefined, { terms: { holdDays: 0 } });
    await stack.sales.discountCode(seller, 'NETME10');
    const shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
    const approveAll = async () => {
      const rows: { id: string }[] = await stack.db.query(`SELECT id FROM commissions WHERE creator_id = $1 AND status = 'ELIGIBLE'`, [seller.creatorId]);
      await stack.gql.as(stack.finance.token).ok(`mutation A($ids: [ID!]!) { approveCommissions(ids: $ids, note: "ok") { approved } }`, { ids: rows.map((r) => r.id) });
    };
    expect((await postGeneric(stack, shop.id, shop.signingSecret, simpleOrder({ orderId: 'net-1', codes: ['NETME10'], subtotal: '200.00' }))).status).toBe(202);
    await stack.settled();
    await approveAll();
    await fund(stack, seller.campaign.organizationId);
    const first = await runPayouts(stack);
    expect(first.payouts.filter((p) => p.creator_id === seller.creatorId).map((p) => p.amount_minor)).toEqual(['3000']);

    // Half the first order is refunded after it was paid: 15.00 is owed back.
    expect((await postGeneric(stack, shop.id, shop.signingSecret, simpleRefund('net-1', 'refund-1', '100.00'))).status).toBe(202);
    await stack.settled();
    const token = await creatorToken(stack, seller.creatorId);
    expect((await stack.gql.as(token).ok(MY_EARNINGS)).myEarnings[0]).toMatchObject({ clawbackOutstanding: { amountMinor: '1500' }, paid: { amountMinor: '3000' } });

    expect((await postGeneric(stack, shop.id, shop.signingSecret, simpleOrder({ orderId: 'net-2', codes: ['NETME10'], subtotal: '300.00' }))).status).toBe(202);
    await stack.settled();
    await approveAll();
    await fund(stack, seller.campaign.organizationId);
    const second = await runPayouts(stack);
    const payout = second.payouts.find((p) => p.creator_id === seller.creatorId)!;
    expect(payout.amount_minor).toBe('3000');
    const [row] = await stack.db.query(`SELECT gross_minor, clawback_minor FROM payouts WHERE id = $1`, [payout.id]);
    expect(row).toEqual({ gross_minor: '4500', clawback_minor: '1500' });
    expect((await stack.gql.as(token).ok(MY_EARNINGS)).myEarnings[0]).toMatchObject({ clawbackOutstanding: { amountMinor: '0' }, paid: { amountMinor: '6000' } });
  });

  it('books brand funding once however often Stripe says so, and a reversed transfer back to the creator', async () => {
    const seller = await payableCreator(stack);
    await approvedCommissions(stack, seller, [2_000]);
    const funding = await fund(stack, seller.campaign.organizationId);
    const [request] = await stack.db.query(`SELECT stripe_payment_intent_id FROM funding_requests WHERE id = $1`, [funding.id]);
    const succeeded = stack.fake.events().find((event) => event.type === 'payment_intent.succeeded' && (event.data.object as { id: string }).id === request.stripe_payment_intent_id)!;
    expect(await stack.fake.sendEvent(succeeded)).toBe(200);
    const funded = await stack.db.query(`SELECT count(*)::int AS n FROM journal_entries WHERE kind = 'BRAND_FUNDED' AND reference_id = $1`, [funding.id]);
    expect(funded).toEqual([{ n: 1 }]);

    const { payouts } = await runPayouts(stack);
    const payout = payouts.find((p) => p.creator_id === seller.creatorId)!;
    await stack.fake.reverseTransfer(payout.stripe_transfer_id!, 500);
    await eventually(async () => (await stack.db.query(`SELECT reversed_minor FROM payouts WHERE id = $1`, [payout.id]))[0].reversed_minor === '500', 'the reversal');
    const reversed = stack.fake.events().find((event) => event.type === 'transfer.reversed')!;
    expect(await stack.fake.sendEvent(reversed)).toBe(200);
    const entries: { kind: string }[] = await stack.db.query(`SELECT kind FROM journal_entries WHERE reference_type = 'payout' AND reference_id = $1 ORDER BY created_at, id`, [payout.id]);
    expect(entries.map((entry) => entry.kind)).toEqual(['PAYOUT_INITIATED', 'PAYOUT_SENT', 'TRANSFER_REVERSED']);
    const token = await creatorToken(stack, seller.creatorId);
    const { myPayouts } = await stack.gql.as(token).ok(`query { myPayouts(first: 1) { edges { node { reversed { amountMinor } } } } }`);
    expect(myPayouts.edges[0].node.reversed.amountMinor).toBe('500');
  });

  it('refuses bad input by field, and other roles', async () => {
    const bad = await stack.gql.as(stack.finance.token).send(CREATE_RUN, { input: { currency: 'DOLLARS' } });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const future = await stack.gql.as(stack.finance.token).send(CREATE_RUN, { input: { currency: 'USD', cutoff: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(errorCode(future)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(future.errors)).toContain('input.cutoff');
    const brand = await stack.make.brand();
    const { tokenOf } = await import('../support/sales-api.js');
    expect(errorCode(await stack.gql.as(await tokenOf(stack, brand.admin)).send(CREATE_RUN, { input: { currency: 'USD' } }))).toBe('FORBIDDEN');
    const nothing = await stack.gql.as(stack.finance.token).send(`mutation { createFundingRequest(organizationId: "${brand.organizationId}", currency: "USD") { id } }`);
    expect(errorCode(nothing)).toBe('CONFLICT');
  });
});

describe('payout transfers when Stripe misbehaves', () => {
  let stack: PayoutsStack;

  beforeAll(async () => {
    stack = await startPayoutsStack({ env: { STRIPE_TIMEOUT_MS: '400', MINIMUM_PAYOUT_MINOR: '100' } });
  }, 120_000);
  afterAll(() => stack.close());
  afterEach(() => expectLedgerBalanced(stack.db));

  const transferPosts = (payoutId: string) => stack.fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/transfers' && r.idempotencyKey === payoutId);

  async function oneCreatorRun(amount = 2_500) {
    const seller = await payableCreator(stack);
    const ids = await approvedCommissions(stack, seller, [amount]);
    await fund(stack, seller.campaign.organizationId);
    return { seller, ids };
  }

  it('retries a 500 that came after the transfer was made with the same key: one transfer', async () => {
    const { seller } = await oneCreatorRun();
    stack.fake.failNext({ method: 'POST', path: '/v1/transfers' }, { kind: 'server_error_after_apply' });
    const { payouts } = await runPayouts(stack);
    const payout = payouts.find((p) => p.creator_id === seller.creatorId)!;
    expect(payout.status).toBe('SENT');
    expect(stack.fake.transfers().filter((t) => t.destination === seller.stripeAccountId)).toHaveLength(1);
    expect(transferPosts(payout.id).map((r) => r.status)).toEqual([500, 200]);
  });

  it('looks a timed-out transfer up instead of sending it again', async () => {
    const { seller } = await oneCreatorRun();
    stack.fake.failNext({ method: 'POST', path: '/v1/transfers' }, { kind: 'timeout_after_apply', ms: 2_000 });
    const { payouts } = await runPayouts(stack);
    const payout = payouts.find((p) => p.creator_id === seller.creatorId)!;
    expect(payout.status).toBe('SENT');
    expect(stack.fake.transfers().filter((t) => t.destination === seller.stripeAccountId)).toHaveLength(1);
    expect(transferPosts(payout.id)).toHaveLength(1);
    expect(stack.fake.requests.some((r) => r.method === 'GET' && r.path.startsWith('/v1/transfers'))).toBe(true);
  });

  it('backs off after 429 and sends once Stripe lets it', async () => {
    const { seller } = await oneCreatorRun();
    stack.fake.failNext({ method: 'POST', path: '/v1/transfers' }, { kind: 'rate_limit' }, 2);
    const { payouts } = await runPayouts(stack);
    const payout = payouts.find((p) => p.creator_id === seller.creatorId)!;
    expect(payout.status).toBe('SENT');
    expect(transferPosts(payout.id).map((r) => r.status)).toEqual([429, 429, 200]);
    expect(payout.attempts).toBe(3);
  });

  it('fails a payout Stripe refuses for insufficient balance, and gives its commissions back', async () => {
    const { seller, ids } = await oneCreatorRun(3_300);
    const approvedBefore = await stack.db.query(`SELECT approved_at, approved_by_user_id FROM commissions WHERE id = ANY($1)`, [ids]);
    stack.fake.failNext({ method: 'POST', path: '/v1/transfers' }, { kind: 'stripe_error', code: 'balance_insufficient', message: 'Your balance is too low' });
    const { payouts } = await runPayouts(stack);
    const payout = payouts.find((p) => p.creator_id === seller.creatorId)!;
    expect(payout).toMatchObject({ status: 'FAILED', failure_code: 'balance_insufficient', stripe_transfer_id: null });
    const rows = await stack.db.query(`SELECT status FROM commissions WHERE id = ANY($1)`, [ids]);
    expect(rows).toEqual([{ status: 'APPROVED' }]);
    // Their approval stands as it was: who approved them, and when (runs fund the oldest first).
    expect(await stack.db.query(`SELECT approved_at, approved_by_user_id FROM commissions WHERE id = ANY($1)`, [ids])).toEqual(approvedBefore);
    const audit = await stack.db.query(`SELECT reason FROM audit_log WHERE entity_id = $1 AND action = 'commission.status_changed' ORDER BY created_at, id`, [ids[0]]);
    expect(audit.map((row: { reason: string }) => row.reason).at(-1)).toMatch(/^payout .* failed: balance_insufficient$/);
    expect(stack.fake.transfers().filter((t) => t.destination === seller.stripeAccountId)).toHaveLength(0);

    // The next run pays them, from the funding the failed payout gave back.
    const retry = await runPayouts(stack);
    expect(retry.payouts.find((p) => p.creator_id === seller.creatorId)).toMatchObject({ status: 'SENT', amount_minor: '3300' });
    await eventually(async () => (await stack.db.query(`SELECT status FROM commissions WHERE id = ANY($1)`, [ids]))[0].status === 'PAID', 'paid commissions');
  });
});
