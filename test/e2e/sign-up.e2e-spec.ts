import { errorCode } from '@app/testing';
import { startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      accessToken
      refreshToken
      accessTokenExpiresAt
      user { id email displayName roles organization { id name } }
    }
  }
`;

const ME = /* GraphQL */ `
  query { me { id email roles organization { id name } } }
`;

describe('signUp and me', () => {
  let t: ApiTestApp;

  beforeAll(async () => {
    t = await startApiTestApp();
  });
  afterAll(() => t.close());

  const userCount = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM users'))[0].n);

  it('creates a creator account, signs it in, and `me` answers with the access token', async () => {
    const { signUp } = await t.gql.ok(SIGN_UP, {
      input: { email: 'Maya@Example.com', password: 'tide-lantern-93-orbit', displayName: 'Maya', accountType: 'CREATOR' },
    });
    expect(signUp.user).toMatchObject({ email: 'maya@example.com', roles: ['CREATOR'], organization: null });
    expect(new Date(signUp.accessTokenExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);

    const { me } = await t.gql.as(signUp.accessToken).ok(ME);
    expect(me).toEqual({ id: signUp.user.id, email: 'maya@example.com', roles: ['CREATOR'], organization: null });
  });

  it('creates a brand with its organization and makes the user its BRAND_ADMIN', async () => {
    const { signUp } = await t.gql.ok(SIGN_UP, {
      input: {
        email: 'ava@northwind.test',
        password: 'granite-harbor-58-kite',
        displayName: 'Ava',
        accountType: 'BRAND',
        organizationName: 'Northwind Outdoor',
      },
    });
    const { me } = await t.gql.as(signUp.accessToken).ok(ME);
    expect(me.roles).toEqual(['BRAND_ADMIN']);
    expect(me.organization).toEqual({ id: expect.any(String), name: 'Northwind Outdoor' });
  });

  it('refuses a second account for the same email, whatever its case, with CONFLICT', async () => {
    const before = await userCount();
    const response = await t.gql.send(SIGN_UP, {
      input: { email: '  MAYA@example.COM ', password: 'copper-meadow-41-fern', displayName: 'Second Maya', accountType: 'CREATOR' },
    });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.email', message: 'An account with this email already exists' }]);
    expect(await userCount()).toBe(before);
  });

  it.each([
    ['too short', 'short-1'],
    ['too common', 'password123'],
    ['containing the email', 'newcomer-is-me-42'],
  ])('refuses a weak password (%s) with BAD_USER_INPUT naming password, and creates nothing', async (_why, password) => {
    const before = await userCount();
    const response = await t.gql.send(SIGN_UP, {
      input: { email: 'newcomer@example.com', password, displayName: 'New', accountType: 'CREATOR' },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/^input.password /);
    expect(response.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.password', message: expect.stringMatching(/^input.password /) }]);
    expect(await userCount()).toBe(before);
  });

  it('names the field for a malformed email', async () => {
    const response = await t.gql.send(SIGN_UP, {
      input: { email: 'not-an-email', password: 'tide-lantern-93-orbit', displayName: 'X', accountType: 'CREATOR' },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.email', message: 'input.email must be a valid email address' }]);
  });

  it('requires an organization name for a brand, and refuses one for a creator', async () => {
    const before = await userCount();
    const brand = await t.gql.send(SIGN_UP, {
      input: { email: 'b@example.com', password: 'tide-lantern-93-orbit', displayName: 'B', accountType: 'BRAND' },
    });
    expect(errorCode(brand)).toBe('BAD_USER_INPUT');
    expect(brand.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.organizationName', message: expect.any(String) }]);

    const creator = await t.gql.send(SIGN_UP, {
      input: { email: 'c@example.com', password: 'tide-lantern-93-orbit', displayName: 'C', accountType: 'CREATOR', organizationName: 'Acme' },
    });
    expect(errorCode(creator)).toBe('BAD_USER_INPUT');
    expect(creator.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.organizationName', message: expect.any(String) }]);
    expect(await userCount()).toBe(before);
  });

  it('answers `me` without a token with UNAUTHENTICATED', async () => {
    const response = await t.gql.send(ME);
    expect(errorCode(response)).toBe('UNAUTHENTICATED');
    expect(response.data).toBeNull();
  });
});
