import { Role } from '@app/core';
import { errorCode, errorFields, type MadeBrand } from '@app/testing';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const INVITE = `mutation Invite($email: String!, $role: Role!) { inviteMember(email: $email, role: $role) { token invitation { id email role status } } }`;
const ACCEPT = `mutation Accept($token: String!) { acceptInvitation(token: $token) { id name } }`;
const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { accessToken user { roles organization { id } } } }`;
const ORGANIZATION = `query Org($id: ID!, $first: Int, $after: String) { organization(id: $id) {
  id name members(first: $first, after: $after) { edges { cursor node { role user { email } } } pageInfo { hasNextPage endCursor } } } }`;

describe('organizations and their teams', () => {
  let t: ApiTestApp;
  let brand: MadeBrand;
  let adminToken: string;

  beforeAll(async () => {
    t = await startApiTestApp();
    brand = await t.make.brand({ name: 'Northwind' });
    adminToken = (await logIn(t.gql, brand.admin)).accessToken;
  });
  afterAll(() => t.close());

  it('invites a new person, who signs up with the token and joins as BRAND_MEMBER', async () => {
    const { inviteMember } = await t.gql.as(adminToken).ok(INVITE, { email: 'New.Hire@Northwind.test', role: 'BRAND_MEMBER' });
    expect(inviteMember.invitation).toMatchObject({ email: 'new.hire@northwind.test', role: 'BRAND_MEMBER', status: 'PENDING' });
    expect(inviteMember.token).toMatch(/^mpinv_/);

    const { signUp } = await t.gql.ok(SIGN_UP, {
      input: { email: 'new.hire@northwind.test', password: 'pebble-orchard-77-lamp', displayName: 'New Hire', accountType: 'BRAND', invitationToken: inviteMember.token },
    });
    expect(signUp.user).toEqual({ roles: ['BRAND_MEMBER'], organization: { id: brand.organizationId } });

    // The token is spent.
    const reuse = await t.gql.send(SIGN_UP, {
      input: { email: 'another@northwind.test', password: 'pebble-orchard-77-lamp', displayName: 'Another', accountType: 'BRAND', invitationToken: inviteMember.token },
    });
    expect(errorCode(reuse)).toBe('CONFLICT');
  });

  it('lets an existing account accept an invitation sent to its email, and no one else', async () => {
    const invitee = await t.make.user({ email: 'existing@northwind.test' });
    const outsider = await t.make.user();
    const { inviteMember } = await t.gql.as(adminToken).ok(INVITE, { email: invitee.email, role: 'BRAND_ADMIN' });

    const wrongPerson = await t.gql.as((await logIn(t.gql, outsider)).accessToken).send(ACCEPT, { token: inviteMember.token });
    expect(errorCode(wrongPerson)).toBe('FORBIDDEN');

    const inviteeToken = (await logIn(t.gql, invitee)).accessToken;
    expect((await t.gql.as(inviteeToken).ok(ACCEPT, { token: inviteMember.token })).acceptInvitation).toEqual({ id: brand.organizationId, name: 'Northwind' });
    expect((await t.gql.as(inviteeToken).ok('query { me { roles } }')).me.roles).toEqual(['BRAND_ADMIN']);
  });

  it('lets only brand admins invite', async () => {
    const member = await t.make.member(brand);
    const memberToken = (await logIn(t.gql, member)).accessToken;
    expect(errorCode(await t.gql.as(memberToken).send(INVITE, { email: 'a@b.test', role: 'BRAND_MEMBER' }))).toBe('FORBIDDEN');
    const creatorToken = (await logIn(t.gql, await t.make.creator())).accessToken;
    expect(errorCode(await t.gql.as(creatorToken).send(INVITE, { email: 'a@b.test', role: 'BRAND_MEMBER' }))).toBe('FORBIDDEN');
    const bad = await t.gql.as(adminToken).send(INVITE, { email: 'not-an-email', role: 'BRAND_MEMBER' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'email' }] });
  });

  it('replaces a pending invitation when the same email is invited again', async () => {
    const first = (await t.gql.as(adminToken).ok(INVITE, { email: 'twice@northwind.test', role: 'BRAND_MEMBER' })).inviteMember;
    const second = (await t.gql.as(adminToken).ok(INVITE, { email: 'twice@northwind.test', role: 'BRAND_ADMIN' })).inviteMember;
    const invitee = await t.make.user({ email: 'twice@northwind.test' });
    const token = (await logIn(t.gql, invitee)).accessToken;
    expect(errorCode(await t.gql.as(token).send(ACCEPT, { token: first.token }))).toBe('CONFLICT');
    await t.gql.as(token).ok(ACCEPT, { token: second.token });
  });

  it('pages through members with cursors', async () => {
    const own = await t.make.brand();
    await t.make.member(own);
    await t.make.member(own);
    const token = (await logIn(t.gql, own.admin)).accessToken;
    const page1 = (await t.gql.as(token).ok(ORGANIZATION, { id: own.organizationId, first: 2 })).organization.members;
    expect(page1.edges).toHaveLength(2);
    expect(page1.edges[0].node.role).toBe('BRAND_ADMIN');
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await t.gql.as(token).ok(ORGANIZATION, { id: own.organizationId, first: 2, after: page1.pageInfo.endCursor })).organization.members;
    expect(page2.edges).toHaveLength(1);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const tooMany = await t.gql.as(token).send(ORGANIZATION, { id: own.organizationId, first: 500 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
    const badCursor = await t.gql.as(token).send(ORGANIZATION, { id: own.organizationId, after: 'garbage' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
  });

  it("answers another tenant's organization exactly like a missing one: NOT_FOUND", async () => {
    const other = await t.make.brand();
    const missing = await t.gql.as(adminToken).send(ORGANIZATION, { id: '0190d6a1-0000-7000-8000-000000000000' });
    const foreign = await t.gql.as(adminToken).send(ORGANIZATION, { id: other.organizationId });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.message.replace(other.organizationId, 'ID')).toBe(missing.errors?.[0]?.message.replace('0190d6a1-0000-7000-8000-000000000000', 'ID'));
  });

  it('keeps at least one BRAND_ADMIN, and ends a removed member’s access at once', async () => {
    const own = await t.make.brand();
    const ownToken = (await logIn(t.gql, own.admin)).accessToken;
    const remove = `mutation Remove($userId: ID!) { removeMember(userId: $userId) { id } }`;
    const demote = `mutation Demote($userId: ID!) { updateMemberRole(userId: $userId, role: BRAND_MEMBER) { role } }`;
    expect(errorCode(await t.gql.as(ownToken).send(remove, { userId: own.admin.id }))).toBe('CONFLICT');
    expect(errorCode(await t.gql.as(ownToken).send(demote, { userId: own.admin.id }))).toBe('CONFLICT');

    const member = await t.make.member(own);
    const memberToken = (await logIn(t.gql, member)).accessToken;
    await t.gql.as(ownToken).ok(remove, { userId: member.id });
    expect((await t.gql.as(memberToken).ok('query { me { roles organization { id } } }')).me).toEqual({ roles: [], organization: null });
    expect(errorCode(await t.gql.as(memberToken).send(ORGANIZATION, { id: own.organizationId }))).toBe('NOT_FOUND');

    // Someone else's member is NOT_FOUND to this admin.
    const stranger = await t.make.member(brand);
    expect(errorCode(await t.gql.as(ownToken).send(remove, { userId: stranger.id }))).toBe('NOT_FOUND');
  });

  it('sets the time zone analytics days are counted in, and asks for the rollups to be rebuilt', async () => {
    const SET = `mutation Set($timeZone: String!) { setOrganizationTimeZone(timeZone: $timeZone) { id timeZone } }`;
    const zone = await t.make.brand();
    const token = (await logIn(t.gql, zone.admin)).accessToken;
    expect((await t.gql.as(token).ok(`query Org($id: ID!) { organization(id: $id) { timeZone } }`, { id: zone.organizationId })).organization.timeZone).toBe('UTC');

    expect((await t.gql.as(token).ok(SET, { timeZone: ' Europe/Warsaw ' })).setOrganizationTimeZone).toEqual({ id: zone.organizationId, timeZone: 'Europe/Warsaw' });
    expect(await t.db.query(`SELECT organization_id FROM analytics_rebuild_requests WHERE organization_id = $1`, [zone.organizationId])).toHaveLength(1);

    for (const bad of ['Mars/Olympus', '+02:00', '', 'Europe/Warsaw; DROP TABLE organizations']) {
      const response = await t.gql.as(token).send(SET, { timeZone: bad });
      expect({ bad, code: errorCode(response), fields: errorFields(response) }).toEqual({ bad, code: 'BAD_USER_INPUT', fields: ['timeZone'] });
    }
    const member = await t.make.member(zone, Role.BRAND_MEMBER);
    expect(errorCode(await t.gql.as((await logIn(t.gql, member)).accessToken).send(SET, { timeZone: 'Asia/Tokyo' }))).toBe('FORBIDDEN');
    expect((await t.db.query(`SELECT time_zone FROM organizations WHERE id = $1`, [zone.organizationId]))[0].time_zone).toBe('Europe/Warsaw');
  });
});
