import { Role } from '@app/core';
import { errorCode } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const GRANT = `mutation Grant($userId: ID!, $role: Role!) { grantRole(userId: $userId, role: $role) { id roles } }`;
const REVOKE = `mutation Revoke($userId: ID!, $role: Role!) { revokeRole(userId: $userId, role: $role) { id roles } }`;
const ME_ROLES = 'query { me { roles } }';

describe('platform roles', () => {
  let t: ApiTestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await startApiTestApp();
    adminToken = (await logIn(t.gql, await t.make.admin())).accessToken;
  });
  afterAll(() => t.close());

  const rolesOf = async (userId: string) =>
    (await t.db.query('SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role', [userId])).map((r: { role: string }) => r.role);

  it('lets an admin grant FINANCE, effective on the grantee’s next request', async () => {
    const user = await t.make.creator();
    const userToken = (await logIn(t.gql, user)).accessToken;
    const { grantRole } = await t.gql.as(adminToken).ok(GRANT, { userId: user.id, role: 'FINANCE' });
    expect(grantRole.roles).toEqual(['CREATOR', 'FINANCE']);
    expect((await t.gql.as(userToken).ok(ME_ROLES)).me.roles).toEqual(['CREATOR', 'FINANCE']);

    // Granting again changes nothing.
    await t.gql.as(adminToken).ok(GRANT, { userId: user.id, role: 'FINANCE' });
    expect(await rolesOf(user.id)).toEqual(['CREATOR', 'FINANCE']);
  });

  it('refuses a brand member, a brand admin, a creator and finance with FORBIDDEN, changing nothing', async () => {
    const brand = await t.make.brand();
    const member = await t.make.member(brand);
    const target = await t.make.creator();
    for (const who of [member, brand.admin, await t.make.creator(), await t.make.finance()]) {
      const token = (await logIn(t.gql, who)).accessToken;
      const response = await t.gql.as(token).send(GRANT, { userId: target.id, role: 'ADMIN' });
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(response.data).toBeNull();
    }
    expect(await rolesOf(target.id)).toEqual(['CREATOR']);
  });

  it('grants only platform roles, naming the field otherwise', async () => {
    const user = await t.make.creator();
    for (const role of ['BRAND_ADMIN', 'CREATOR']) {
      const response = await t.gql.as(adminToken).send(GRANT, { userId: user.id, role });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.fields).toEqual([{ field: 'role', message: expect.any(String) }]);
    }
  });

  it('answers NOT_FOUND for an unknown user and BAD_USER_INPUT for a malformed id', async () => {
    expect(errorCode(await t.gql.as(adminToken).send(GRANT, { userId: '0190d6a1-0000-7000-8000-000000000000', role: 'FINANCE' }))).toBe('NOT_FOUND');
    const malformed = await t.gql.as(adminToken).send(GRANT, { userId: 'nope', role: 'FINANCE' });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'userId' }] });
  });

  it('revokes roles, but an admin cannot remove their own ADMIN role', async () => {
    const user = await t.make.finance();
    expect((await t.gql.as(adminToken).ok(REVOKE, { userId: user.id, role: 'FINANCE' })).revokeRole.roles).toEqual([]);
    const { me } = await t.gql.as(adminToken).ok(`query { me { id } }`);
    expect(errorCode(await t.gql.as(adminToken).send(REVOKE, { userId: me.id, role: 'ADMIN' }))).toBe('CONFLICT');
    expect(await rolesOf(me.id)).toEqual([Role.ADMIN]);
  });

  it('lists users for admins, paginated and searchable', async () => {
    await t.make.creator({ email: 'searchable-one@example.com' });
    await t.make.creator({ email: 'searchable-two@example.com' });
    const query = `query Users($after: String) { users(first: 1, after: $after, filter: { search: "searchable-" }) {
      edges { cursor node { email } } pageInfo { hasNextPage endCursor } } }`;
    const page1 = (await t.gql.as(adminToken).ok(query)).users;
    expect(page1.edges.map((e: { node: { email: string } }) => e.node.email)).toEqual(['searchable-one@example.com']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await t.gql.as(adminToken).ok(query, { after: page1.pageInfo.endCursor })).users;
    expect(page2.edges.map((e: { node: { email: string } }) => e.node.email)).toEqual(['searchable-two@example.com']);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const creatorToken = (await logIn(t.gql, await t.make.creator())).accessToken;
    expect(errorCode(await t.gql.as(creatorToken).send(query))).toBe('FORBIDDEN');
  });
});
