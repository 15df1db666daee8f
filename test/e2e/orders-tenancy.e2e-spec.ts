import { randomUUID } from 'node:crypto';
import { signGenericPayload } from '@app/attribution';
import { errorCode, errorFields, type GraphqlResponse, type MadeBrand, type MadeIntegration, type Participation } from '@app/testing';
import request from 'supertest';
import { COMMISSION, COMMISSIONS, creatorToken, MY_COMMISSIONS, ORDER, orderRow, ORDERS, simpleOrder, tokenOf } from '../support/sales-api.js';
import { postGeneric, type SalesStack, sellingCreator, startSalesStack } from '../support/sales-stack.js';

const INTEGRATION_FIELDS = `id kind name status webhookPath previousSecretValidUntil apiKeys { edges { node { prefix scopes } } }`;
const CREATE_INTEGRATION = `mutation Create($input: CreateMerchantIntegrationInput!) {
  createMerchantIntegration(input: $input) { signingSecret apiKey integration { ${INTEGRATION_FIELDS} } } }`;
const INTEGRATION = `query Integration($id: ID!) { merchantIntegration(id: $id) { ${INTEGRATION_FIELDS} } }`;
const INTEGRATIONS = `query Integrations { merchantIntegrations { edges { node { id } } } }`;
const ROTATE = `mutation Rotate($id: ID!) { rotateIntegrationSecret(id: $id) { signingSecret } }`;
const RECORD_ORDER = `mutation Record($input: RecordOrderInput!) { recordOrder(input: $input) { eventId accepted } }`;

/** A NOT_FOUND error, its message with the id taken out: what a caller learns from it. */
function notFound(response: GraphqlResponse, id: string) {
  return { code: errorCode(response), message: response.errors?.[0]?.message.replace(id, '<id>'), data: response.data };
}

describe('orders, commissions and integrations across tenants', () => {
  let stack: SalesStack;
  let seller: Participation & { brand: MadeBrand };
  let other: Participation;
  let shop: MadeIntegration;
  let orderId: string;
  let commissionId: string;
  let tokens: { brand: string; member: string; rival: string; winner: string; loser: string; outsider: string };
  let rivalOrderId: string;

  beforeAll(async () => {
    stack = await startSalesStack();
    seller = await sellingCreator(stack);
    await stack.sales.discountCode(seller, 'MAYA15');
    // A second creator of the same campaign, whose link the shopper also clicked.
    const rivalCreator = await stack.make.creatorProfile();
    other = {
      campaign: seller.campaign,
      creatorId: rivalCreator.creatorId,
      enrollmentId: await stack.make.enrollment(seller.campaign, rivalCreator, 'APPROVED', { decidedAt: new Date(Date.now() - 35 * 86_400_000) }),
      createdByUserId: seller.brand.admin.id,
    };
    const cid = await stack.sales.click({ linkId: await stack.sales.referralLink(other), participation: other, at: new Date(Date.now() - 10 * 60_000) });

    shop = await stack.sales.integration(seller.campaign.organizationId, seller.brand.admin.id);
    expect((await postGeneric(stack, shop.id, shop.signingSecret, simpleOrder({ orderId: 'a-1', codes: ['MAYA15'], clickId: cid }))).status).toBe(202);

    // Brand B sells too, so its lists are not empty by accident.
    const rival = await sellingCreator(stack);
    const rivalShop = await stack.sales.integration(rival.campaign.organizationId, rival.brand.admin.id);
    expect((await postGeneric(stack, rivalShop.id, rivalShop.signingSecret, simpleOrder({ orderId: 'b-1' }))).status).toBe(202);
    await stack.settled();

    orderId = (await orderRow(stack, shop.id, 'a-1'))!.id;
    rivalOrderId = (await orderRow(stack, rivalShop.id, 'b-1'))!.id;
    const [commission] = await stack.db.query(`SELECT id FROM commissions WHERE order_id = $1`, [orderId]);
    commissionId = commission.id;
    const outsider = await stack.make.creatorProfile();
    tokens = {
      brand: await tokenOf(stack, seller.brand.admin),
      member: await tokenOf(stack, await stack.make.member(seller.brand)),
      rival: await tokenOf(stack, rival.brand.admin),
      winner: await creatorToken(stack, seller.creatorId),
      loser: await creatorToken(stack, other.creatorId),
      outsider: await tokenOf(stack, outsider.user),
    };
  }, 120_000);
  afterAll(() => stack.close());

  describe('another brand', () => {
    it('gets NOT_FOUND for the order, exactly as for an order that does not exist', async () => {
      const missing = randomUUID();
      const theirs = await stack.gql.as(tokens.rival).send(ORDER, { id: orderId });
      const nowhere = await stack.gql.as(tokens.rival).send(ORDER, { id: missing });
      expect(notFound(theirs, orderId)).toEqual({ code: 'NOT_FOUND', message: 'Order <id> not found', data: null });
      expect(notFound(theirs, orderId)).toEqual(notFound(nowhere, missing));
      // The owner reads it, and the brand's own member too.
      expect((await stack.gql.as(tokens.brand).ok(ORDER, { id: orderId })).order.id).toBe(orderId);
      expect((await stack.gql.as(tokens.member).ok(ORDER, { id: orderId })).order.id).toBe(orderId);
    });

    it('lists none of its orders or commissions', async () => {
      const orders = (await stack.gql.as(tokens.rival).ok(ORDERS, { first: 50 })).orders.edges.map((edge: any) => edge.node.id);
      expect(orders).toEqual([rivalOrderId]);
      const filtered = await stack.gql.as(tokens.rival).ok(ORDERS, { filter: { creatorId: seller.creatorId } });
      expect(filtered.orders.edges).toEqual([]);
      expect((await stack.gql.as(tokens.rival).ok(COMMISSIONS)).commissions.edges).toEqual([]);
      const mine = (await stack.gql.as(tokens.brand).ok(ORDERS, { first: 50 })).orders.edges.map((edge: any) => edge.node.id);
      expect(mine).toEqual([orderId]);
      // Asking for the other brand's campaign by id is NOT_FOUND, not an empty page.
      expect(errorCode(await stack.gql.as(tokens.rival).send(ORDERS, { filter: { campaignId: seller.campaign.campaignId } }))).toBe('NOT_FOUND');
    });

    it('gets NOT_FOUND for the commission', async () => {
      const missing = randomUUID();
      const theirs = await stack.gql.as(tokens.rival).send(COMMISSION, { id: commissionId });
      expect(notFound(theirs, commissionId)).toEqual({ code: 'NOT_FOUND', message: 'Commission <id> not found', data: null });
      expect(notFound(theirs, commissionId)).toEqual(notFound(await stack.gql.as(tokens.rival).send(COMMISSION, { id: missing }), missing));
      expect((await stack.gql.as(tokens.brand).ok(COMMISSION, { id: commissionId })).commission.order.id).toBe(orderId);
    });

    it('gets NOT_FOUND for the merchant integration, cannot list or rotate it', async () => {
      const missing = randomUUID();
      const theirs = await stack.gql.as(tokens.rival).send(INTEGRATION, { id: shop.id });
      expect(notFound(theirs, shop.id)).toEqual({ code: 'NOT_FOUND', message: 'Merchant integration <id> not found', data: null });
      expect(notFound(theirs, shop.id)).toEqual(notFound(await stack.gql.as(tokens.rival).send(INTEGRATION, { id: missing }), missing));
      const listed = (await stack.gql.as(tokens.rival).ok(INTEGRATIONS)).merchantIntegrations.edges.map((edge: any) => edge.node.id);
      expect(listed).not.toContain(shop.id);
      expect(listed).toHaveLength(1);
      expect(errorCode(await stack.gql.as(tokens.rival).send(ROTATE, { id: shop.id }))).toBe('NOT_FOUND');
      // The secret was not rotated: the shop's deliveries still verify with the only secret it has.
      const [row] = await stack.db.query(`SELECT previous_secret_ciphertext FROM merchant_integrations WHERE id = $1`, [shop.id]);
      expect(row.previous_secret_ciphertext).toBeNull();
      expect((await stack.gql.as(tokens.brand).ok(INTEGRATION, { id: shop.id })).merchantIntegration.id).toBe(shop.id);
    });
  });

  describe('creators', () => {
    it('show the winning creator the order and the decision, with their own candidate in full and the other hidden', async () => {
      const { order } = await stack.gql.as(tokens.winner).ok(ORDER, { id: orderId });
      expect(order).toMatchObject({ id: orderId, creatorId: seller.creatorId });
      expect(order.attribution).toMatchObject({
        rule: 'CODE_WINS',
        winner: { kind: 'CODE', ref: 'MAYA15', creatorId: seller.creatorId, outcome: 'WON', reasonCode: 'WON_CODE_WINS' },
      });
      const [code, click] = order.attribution.candidates;
      expect(code).toMatchObject({ kind: 'CODE', ref: 'MAYA15', creatorId: seller.creatorId, outcome: 'WON' });
      expect(code.reason).toMatch(/MAYA15/);
      expect(click).toEqual({ kind: 'CLICK', ref: '(another creator)', creatorId: null, outcome: 'LOST', reasonCode: 'CODE_BEATS_CLICK', reason: 'CODE_BEATS_CLICK' });
      expect(JSON.stringify(order)).not.toContain(other.creatorId);

      // The brand sees both creators.
      const { order: asBrand } = await stack.gql.as(tokens.brand).ok(ORDER, { id: orderId });
      expect(asBrand.attribution.candidates.map((candidate: any) => candidate.creatorId)).toEqual([seller.creatorId, other.creatorId]);

      const mine = (await stack.gql.as(tokens.winner).ok(MY_COMMISSIONS)).myCommissions.edges.map((edge: any) => edge.node.id);
      expect(mine).toEqual([commissionId]);
      expect((await stack.gql.as(tokens.winner).ok(COMMISSION, { id: commissionId })).commission.creatorId).toBe(seller.creatorId);
    });

    it('give a creator whose touch lost, and one with nothing to do with it, NOT_FOUND', async () => {
      for (const token of [tokens.loser, tokens.outsider]) {
        expect(notFound(await stack.gql.as(token).send(ORDER, { id: orderId }), orderId)).toEqual({ code: 'NOT_FOUND', message: 'Order <id> not found', data: null });
        expect(errorCode(await stack.gql.as(token).send(COMMISSION, { id: commissionId }))).toBe('NOT_FOUND');
        expect((await stack.gql.as(token).ok(ORDERS)).orders.edges).toEqual([]);
        expect((await stack.gql.as(token).ok(MY_COMMISSIONS)).myCommissions.edges).toEqual([]);
      }
      // Creators have no business with integrations.
      expect(errorCode(await stack.gql.as(tokens.winner).send(INTEGRATION, { id: shop.id }))).toBe('FORBIDDEN');
    });
  });

  describe('merchant integrations', () => {
    const countIntegrations = async () => {
      const [row] = await stack.db.query(`SELECT count(*)::int AS n FROM merchant_integrations WHERE organization_id = $1`, [seller.campaign.organizationId]);
      return row.n as number;
    };

    it('are created by brand admins only', async () => {
      const before = await countIntegrations();
      for (const token of [tokens.member, tokens.winner]) {
        const response = await stack.gql.as(token).send(CREATE_INTEGRATION, { input: { kind: 'GENERIC', name: 'Member shop' } });
        expect({ code: errorCode(response), data: response.data }).toEqual({ code: 'FORBIDDEN', data: null });
      }
      expect(errorCode(await stack.gql.send(CREATE_INTEGRATION, { input: { kind: 'GENERIC', name: 'Anonymous shop' } }))).toBe('UNAUTHENTICATED');
      expect(await countIntegrations()).toBe(before);
      // A member may look at them.
      expect((await stack.gql.as(tokens.member).ok(INTEGRATION, { id: shop.id })).merchantIntegration.id).toBe(shop.id);
    });

    it('need a name of 1 to 100 characters, unique in the organization', async () => {
      const before = await countIntegrations();
      for (const name of ['', '   ', 'x'.repeat(101), 'x'.repeat(401)]) {
        const response = await stack.gql.as(tokens.brand).send(CREATE_INTEGRATION, { input: { kind: 'GENERIC', name } });
        expect({ length: name.length, code: errorCode(response), fields: errorFields(response) }).toEqual({ length: name.length, code: 'BAD_USER_INPUT', fields: ['input.name'] });
      }
      expect(await countIntegrations()).toBe(before);
      await stack.gql.as(tokens.brand).ok(CREATE_INTEGRATION, { input: { kind: 'GENERIC', name: 'Storefront' } });
      const taken = await stack.gql.as(tokens.brand).send(CREATE_INTEGRATION, { input: { kind: 'SHOPIFY', name: '  Storefront ' } });
      expect({ code: errorCode(taken), fields: errorFields(taken) }).toEqual({ code: 'CONFLICT', fields: ['input.name'] });
      expect(await countIntegrations()).toBe(before + 1);
    });

    it('show the signing secret and API key once, at creation, and both work', async () => {
      const { createMerchantIntegration: created } = await stack.gql.as(tokens.brand).ok(CREATE_INTEGRATION, { input: { kind: 'GENERIC', name: '  Headless shop ' } });
      const { integration, signingSecret, apiKey } = created;
      expect(integration).toMatchObject({ kind: 'GENERIC', name: 'Headless shop', status: 'ACTIVE', webhookPath: `/webhooks/orders/${integration.id}`, previousSecretValidUntil: null });
      expect(signingSecret.length).toBeGreaterThanOrEqual(32);
      expect(apiKey.length).toBeGreaterThanOrEqual(32);
      const [first] = integration.apiKeys.edges.map((edge: { node: { prefix: string; scopes: string[] } }) => edge.node);
      expect(integration.apiKeys.edges).toHaveLength(1);
      expect(first.scopes).toEqual(['orders:write']);
      expect(apiKey.startsWith(first.prefix)).toBe(true);
      expect(apiKey).not.toBe(first.prefix);

      // The integration as read later has no secret fields at all.
      for (const field of ['signingSecret', 'apiKey']) {
        const response = await stack.gql.as(tokens.brand).send(`query($id: ID!) { merchantIntegration(id: $id) { id ${field} } }`, { id: integration.id });
        expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
      }
      const read = await stack.gql.as(tokens.brand).ok(INTEGRATION, { id: integration.id });
      expect(JSON.stringify(read)).not.toContain(signingSecret);
      expect(JSON.stringify(read)).not.toContain(apiKey);
      // Neither is kept in the clear.
      const [row] = await stack.db.query(`SELECT * FROM merchant_integrations WHERE id = $1`, [integration.id]);
      expect(JSON.stringify(row)).not.toContain(signingSecret);
      expect(JSON.stringify(row)).not.toContain(apiKey);
      const keyRows = await stack.db.query(`SELECT * FROM integration_api_keys WHERE integration_id = $1`, [integration.id]);
      expect(JSON.stringify(keyRows)).not.toContain(apiKey);

      const raw = JSON.stringify(simpleOrder({ orderId: 'headless-1' }));
      const webhook = await request(stack.server)
        .post(integration.webhookPath)
        .set('content-type', 'application/json')
        .set('x-signature', signGenericPayload(signingSecret, raw, Math.floor(Date.now() / 1000)))
        .send(raw);
      expect(webhook.status).toBe(202);
      const input = { eventId: 'headless-evt-2', order: { id: 'headless-2', createdAt: new Date().toISOString(), currency: 'USD', subtotal: '10.00', total: '10.00' } };
      const recorded = await stack.gql.ok(RECORD_ORDER, { input }, { headers: { 'x-api-key': apiKey } });
      expect(recorded.recordOrder.accepted).toBe(true);
      await stack.settled();
      const [orders] = await stack.db.query(`SELECT count(*)::int AS n FROM orders WHERE integration_id = $1`, [integration.id]);
      expect(orders.n).toBe(2);
    });
  });
});
