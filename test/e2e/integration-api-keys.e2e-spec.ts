import { createHash } from 'node:crypto';
import { errorCode, errorFields, type MadeBrand } from '@app/testing';
import { tokenOf } from '../support/sales-api.js';
import { type SalesStack, startSalesStack } from '../support/sales-stack.js';

const KEY_FIELDS = 'id integrationId prefix scopes createdAt lastUsedAt revokedAt revokedReason';
const CREATE_INTEGRATION = `mutation C($input: CreateMerchantIntegrationInput!) { createMerchantIntegration(input: $input) { apiKey integration { id } } }`;
const CREATE_KEY = `mutation K($integrationId: ID!, $scopes: [String!]!) { createIntegrationApiKey(integrationId: $integrationId, scopes: $scopes) { key apiKey { ${KEY_FIELDS} } } }`;
const REVOKE_KEY = `mutation R($id: ID!, $reason: String) { revokeIntegrationApiKey(id: $id, reason: $reason) { ${KEY_FIELDS} } }`;
const KEYS = `query I($id: ID!) { merchantIntegration(id: $id) { apiKeys(first: 10) { edges { node { ${KEY_FIELDS} } } } } }`;
const ALL_KEYS = `{ merchantIntegrations(first: 10) { edges { node { id apiKeys(first: 10) { edges { node { id prefix } } } } } } }`;
const RECORD_ORDER = `mutation Record($input: RecordOrderInput!) { recordOrder(input: $input) { eventId accepted } }`;

interface Key {
  id: string;
  integrationId: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
}

describe('merchant integration API keys', () => {
  let stack: SalesStack;
  let brand: MadeBrand;
  let tokens: { admin: string; member: string; rival: string };
  let sequence = 0;

  const record = (apiKey: string) => {
    const orderId = `key-order-${(sequence += 1)}`;
    const input = { eventId: `evt-${orderId}`, order: { id: orderId, createdAt: new Date().toISOString(), currency: 'USD', subtotal: '10.00', total: '10.00' } };
    return stack.gql.send(RECORD_ORDER, { input }, { headers: { 'x-api-key': apiKey } });
  };
  const integration = async (token = tokens.admin) => {
    const { createMerchantIntegration } = await stack.gql.as(token).ok(CREATE_INTEGRATION, { input: { kind: 'GENERIC', name: `Shop ${(sequence += 1)}` } });
    return createMerchantIntegration as { apiKey: string; integration: { id: string } };
  };
  const keysOf = async (integrationId: string, token = tokens.admin): Promise<Key[]> =>
    (await stack.gql.as(token).ok(KEYS, { id: integrationId })).merchantIntegration.apiKeys.edges.map((edge: { node: Key }) => edge.node);
  const createKey = (integrationId: string, scopes: string[] = ['orders:write'], token = tokens.admin) => stack.gql.as(token).send(CREATE_KEY, { integrationId, scopes });
  const audit = (entityId: string) =>
    stack.db.query(`SELECT action, actor_type, actor_id, organization_id, before, after, reason FROM audit_log WHERE entity_id = $1 ORDER BY created_at, id`, [entityId]);

  beforeAll(async () => {
    stack = await startSalesStack({ worker: false });
    brand = await stack.make.brand();
    const rival = await stack.make.brand();
    tokens = {
      admin: await tokenOf(stack, brand.admin),
      member: await tokenOf(stack, await stack.make.member(brand)),
      rival: await tokenOf(stack, rival.admin),
    };
  }, 60_000);
  afterAll(() => stack.close());

  it('makes a new key shown once, lists it beside the first without ever showing a key or hash, and both work', async () => {
    const { integration: shop, apiKey: firstKey } = await integration();
    const created = await createKey(shop.id);
    expect(created.errors).toBeUndefined();
    const { key, apiKey } = created.data!.createIntegrationApiKey as { key: string; apiKey: Key };
    expect(key).toMatch(/^mpk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({
      id: expect.any(String),
      integrationId: shop.id,
      prefix: key.slice(0, 12),
      scopes: ['orders:write'],
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
      revokedReason: null,
    });

    const listed = await keysOf(shop.id);
    expect(listed.map((k) => k.id)).toEqual([apiKey.id, expect.any(String)]); // newest first
    expect(firstKey.startsWith(listed[1]!.prefix)).toBe(true);
    const members = await keysOf(shop.id, tokens.member);
    expect(members.map((k) => k.id)).toEqual(listed.map((k) => k.id));
    expect(JSON.stringify(listed)).not.toContain(key);
    const [row] = await stack.db.query(`SELECT * FROM integration_api_keys WHERE id = $1`, [apiKey.id]);
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key);

    expect((await record(key)).data?.recordOrder.accepted).toBe(true);
    expect((await record(firstKey)).data?.recordOrder.accepted).toBe(true);

    expect(await audit(apiKey.id)).toEqual([
      {
        action: 'integration_api_key.created',
        actor_type: 'USER',
        actor_id: brand.admin.id,
        organization_id: brand.organizationId,
        before: null,
        after: { integrationId: shop.id, prefix: apiKey.prefix, scopes: ['orders:write'] },
        reason: null,
      },
    ]);
  });

  it('shows when a key was last used, without writing on every call', async () => {
    const { integration: shop } = await integration();
    const { key, apiKey } = (await createKey(shop.id)).data!.createIntegrationApiKey as { key: string; apiKey: Key };
    const before = Date.now();
    expect((await record(key)).data?.recordOrder.accepted).toBe(true);
    let used: string | null = null;
    for (let tries = 0; used === null && tries < 100; tries += 1) {
      used = (await keysOf(shop.id)).find((k) => k.id === apiKey.id)!.lastUsedAt;
      if (used === null) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(new Date(used!).getTime()).toBeGreaterThanOrEqual(before - 1000);

    expect((await record(key)).data?.recordOrder.accepted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await keysOf(shop.id)).find((k) => k.id === apiKey.id)!.lastUsedAt).toBe(used);
  });

  it('revokes a key at once and for good, with an audit entry, leaving the other keys working', async () => {
    const { integration: shop, apiKey: firstKey } = await integration();
    const { key, apiKey } = (await createKey(shop.id)).data!.createIntegrationApiKey as { key: string; apiKey: Key };
    expect((await record(key)).data?.recordOrder.accepted).toBe(true);

    const revoked = await stack.gql.as(tokens.admin).ok(REVOKE_KEY, { id: apiKey.id, reason: '  leaked in a support ticket ' });
    expect(revoked.revokeIntegrationApiKey).toMatchObject({ id: apiKey.id, revokedAt: expect.any(String), revokedReason: 'leaked in a support ticket' });
    expect(errorCode(await record(key))).toBe('UNAUTHENTICATED');
    expect((await record(firstKey)).data?.recordOrder.accepted).toBe(true);
    expect((await keysOf(shop.id)).find((k) => k.id === apiKey.id)!.revokedAt).toBe(revoked.revokeIntegrationApiKey.revokedAt);

    const again = await stack.gql.as(tokens.admin).send(REVOKE_KEY, { id: apiKey.id });
    expect(errorCode(again)).toBe('CONFLICT');
    const entries = await audit(apiKey.id);
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual(['integration_api_key.created', 'integration_api_key.revoked']);
    expect(entries[1]).toMatchObject({ actor_id: brand.admin.id, before: { revokedAt: null, revokedByUserId: null, revokedReason: null }, after: { revokedAt: expect.any(String), revokedByUserId: brand.admin.id, revokedReason: 'leaked in a support ticket' }, reason: 'leaked in a support ticket' });
  });

  it('refuses a key without the orders:write scope, and scopes it does not know', async () => {
    const { integration: shop } = await integration();
    const unknown = await createKey(shop.id, ['orders:write', 'orders:read']);
    expect({ code: errorCode(unknown), fields: errorFields(unknown) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['scopes'] });
    expect(unknown.errors![0]!.message).toMatch(/scopes\[1\]: unknown scope "orders:read"/);
    const none = await createKey(shop.id, []);
    expect({ code: errorCode(none), fields: errorFields(none) }).toEqual({ code: 'BAD_USER_INPUT', fields: ['scopes'] });
    expect(await keysOf(shop.id)).toHaveLength(1);

    // A key made for other work (only orders:write exists yet, so it is written here as one would be).
    const { key, apiKey } = (await createKey(shop.id)).data!.createIntegrationApiKey as { key: string; apiKey: Key };
    await stack.db.query(`UPDATE integration_api_keys SET scopes = '{}' WHERE id = $1`, [apiKey.id]);
    const refused = await record(key);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.message).toMatch(/orders:write/);
    const [{ n }] = await stack.db.query(`SELECT count(*)::int AS n FROM order_events WHERE integration_id = $1`, [shop.id]);
    expect(n).toBe(0);
  });

  it("answers NOT_FOUND for another brand's integration or key, and leaves them alone; members may only look", async () => {
    const { integration: shop } = await integration();
    const { key, apiKey } = (await createKey(shop.id)).data!.createIntegrationApiKey as { key: string; apiKey: Key };

    const create = await createKey(shop.id, ['orders:write'], tokens.rival);
    expect(errorCode(create)).toBe('NOT_FOUND');
    const revoke = await stack.gql.as(tokens.rival).send(REVOKE_KEY, { id: apiKey.id });
    expect(errorCode(revoke)).toBe('NOT_FOUND');
    expect(revoke.errors![0]!.message).toBe(`Integration API key ${apiKey.id} not found`);
    const missing = '00000000-0000-7000-8000-000000000000';
    expect((await stack.gql.as(tokens.rival).send(REVOKE_KEY, { id: missing })).errors![0]!.message).toBe(`Integration API key ${missing} not found`);
    expect(errorCode(await stack.gql.as(tokens.rival).send(KEYS, { id: shop.id }))).toBe('NOT_FOUND');
    const rivalList = await stack.gql.as(tokens.rival).ok(ALL_KEYS);
    expect(JSON.stringify(rivalList)).not.toContain(apiKey.id);

    expect(errorCode(await createKey(shop.id, ['orders:write'], tokens.member))).toBe('FORBIDDEN');
    expect(errorCode(await stack.gql.as(tokens.member).send(REVOKE_KEY, { id: apiKey.id }))).toBe('FORBIDDEN');

    expect(await keysOf(shop.id)).toHaveLength(2);
    expect((await record(key)).data?.recordOrder.accepted).toBe(true);
  });

  it('lists the keys of every integration in one query', async () => {
    await integration();
    await integration();
    let keyQueries = 0;
    const original = stack.db.query.bind(stack.db);
    const spy = (sql: string, parameters?: unknown[]) => {
      if (/integration_api_keys/.test(sql)) keyQueries += 1;
      return original(sql, parameters);
    };
    stack.db.query = spy as typeof stack.db.query;
    try {
      const all = await stack.gql.as(tokens.admin).ok(ALL_KEYS);
      expect(all.merchantIntegrations.edges.length).toBeGreaterThanOrEqual(3);
      for (const edge of all.merchantIntegrations.edges) expect(edge.node.apiKeys.edges.length).toBeGreaterThanOrEqual(1);
    } finally {
      stack.db.query = original;
    }
    expect(keyQueries).toBe(1);
  });
});
