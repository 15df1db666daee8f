import { jest } from '@jest/globals';
import { PasswordHasher } from '@app/identity';
import { createTestDatabase, errorCode, type GraphqlResponse, type TestDatabase } from '@app/testing';
import { LOG_IN, logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const SIGN_UP = `mutation S($input: SignUpInput!) { signUp(input: $input) { user { id } } }`;
const REFRESH = `mutation R($token: String!) { refreshSession(refreshToken: $token) { accessToken } }`;
const CLAIM_CODE = `mutation C($input: ClaimDiscountCodeInput!) { claimDiscountCode(input: $input) { id } }`;

function retryAfter(response: GraphqlResponse): unknown {
  return response.errors?.[0]?.extensions?.retryAfterSeconds;
}

describe('GraphQL rate limits', () => {
  let database: TestDatabase;
  /** Default limits, but room for 101 aliases in one document. */
  let roomy: ApiTestApp;
  /** Small limits, to reach them in a few requests. */
  let tight: ApiTestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    roomy = await startApiTestApp({ database, env: { GRAPHQL_MAX_ALIASES: '150', TRUST_PROXY_HOPS: '1' } });
    tight = await startApiTestApp({
      database,
      env: {
        TRUST_PROXY_HOPS: '1',
        GRAPHQL_RATE_LIMIT_PER_USER: '5',
        GRAPHQL_RATE_LIMIT_PER_ANONYMOUS_IP: '4',
        SIGNUP_MAX_PER_IP: '2',
        CLAIM_MAX_PER_USER: '1',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await roomy.close();
    await tight.close();
    await database.drop();
  });

  const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

  it('counts each aliased logIn: the 101st in one request is RATE_LIMITED before its password is checked', async () => {
    const user = await roomy.make.creator();
    const aliases = Array.from({ length: 101 }, (_, i) => `a${i}: logIn(input: $input) { accessToken }`).join('\n');
    // Passport strategies are process-wide, so whichever app started last checks the password.
    const verify = jest.spyOn(PasswordHasher.prototype, 'verify');

    const response = await roomy.gql.send(`mutation Many($input: LogInInput!) { ${aliases} }`, { input: { email: user.email, password: user.password } }, from('203.0.113.10'));

    expect(verify).toHaveBeenCalledTimes(100);
    verify.mockRestore();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]).toMatchObject({ path: ['a100'], extensions: { code: 'RATE_LIMITED' } });
    expect(response.errors![0]!.message).toMatch(/^Too many login attempts from this address; try again in \d+ seconds$/);
    expect(retryAfter(response)).toBeGreaterThan(0);
    expect(retryAfter(response)).toBeLessThanOrEqual(roomy.config.rateLimits.operations.logIn.windowSeconds);
    expect(Number(response.headers['retry-after'])).toBe(retryAfter(response));
    // The first 100 were processed: each opened a session.
    const [{ sessions }] = await roomy.db.query(`SELECT count(*)::int AS sessions FROM sessions WHERE user_id = $1`, [user.id]);
    expect(sessions).toBe(100);

    // The address stays limited; another address is not.
    expect(errorCode(await roomy.gql.send(LOG_IN, { input: { email: user.email, password: user.password } }, from('203.0.113.10')))).toBe('RATE_LIMITED');
    expect(errorCode(await roomy.gql.send(LOG_IN, { input: { email: user.email, password: user.password } }, from('203.0.113.11')))).toBeUndefined();
  }, 60_000);

  it("counts each account erasure's password check as a login attempt from the address", async () => {
    const user = await roomy.make.creator();
    const address = from('203.0.113.30');
    const token = (await roomy.gql.send(LOG_IN, { input: { email: user.email, password: user.password } }, address)).data!.logIn.accessToken as string;
    // One login and 99 wrong passwords make the window's 100 attempts; the 100th erasure is the 101st.
    // (A failed erasure ends its request: its field is non-null, so aliases cannot repeat a guess.)
    const guess = () =>
      roomy.gql.as(token).send(`mutation Guess($input: EraseMyAccountInput!) { eraseMyAccount(input: $input) { userId } }`, { input: { password: 'not-the-password-0', confirmation: 'ERASE MY ACCOUNT' } }, address);
    for (let attempt = 0; attempt < 99; attempt += 1) expect(errorCode(await guess())).toBe('BAD_USER_INPUT');

    const refused = await guess();
    expect(refused.errors![0]).toMatchObject({ path: ['eraseMyAccount'], extensions: { code: 'RATE_LIMITED' } });
    expect(refused.errors![0]!.message).toMatch(/^Too many login attempts from this address/);
    const [{ status }] = await roomy.db.query(`SELECT status FROM users WHERE id = $1`, [user.id]);
    expect(status).toBe('ACTIVE');
  }, 60_000);

  it('counts each alias of a query against the signed-in user, and only against them', async () => {
    const [maya, noor] = [await tight.make.creator(), await tight.make.creator()];
    const office = from('198.51.100.20');
    const mayaToken = (await logIn(tight.gql, maya)).accessToken;
    const noorToken = (await logIn(tight.gql, noor)).accessToken;

    const five = await tight.gql.as(mayaToken).send(`{ ${Array.from({ length: 5 }, (_, i) => `m${i}: me { id }`).join(' ')} }`, undefined, office);
    expect(five.errors).toBeUndefined();
    expect(Object.keys(five.data!)).toHaveLength(5);

    const sixth = await tight.gql.as(mayaToken).send('{ me { id } }', undefined, office);
    expect(errorCode(sixth)).toBe('RATE_LIMITED');
    expect(sixth.errors![0]!.message).toMatch(/^Too many requests from this account/);
    expect(retryAfter(sixth)).toBeGreaterThan(0);

    // Someone else behind the same address is not held back by Maya's requests...
    expect((await tight.gql.as(noorToken).send('{ me { id } }', undefined, office)).data?.me.id).toBe(noor.id);
    // ...and six aliases in one request are over the limit at once.
    const burst = await tight.gql.as(noorToken).send(`{ ${Array.from({ length: 6 }, (_, i) => `n${i}: me { id }`).join(' ')} }`, undefined, office);
    expect(errorCode(burst)).toBe('RATE_LIMITED');
  });

  it('limits anonymous callers per address', async () => {
    const address = from('198.51.100.30');
    for (let i = 0; i < 4; i += 1) expect(errorCode(await tight.gql.send(REFRESH, { token: `not-a-token-${i}` }, address))).toBe('UNAUTHENTICATED');
    const limited = await tight.gql.send(REFRESH, { token: 'not-a-token-5' }, address);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0]!.message).toMatch(/^Too many requests from this address/);
    expect(errorCode(await tight.gql.send(REFRESH, { token: 'not-a-token-6' }, from('198.51.100.31')))).toBe('UNAUTHENTICATED');
  });

  it('limits sign-ups per address, and a refused one creates nothing', async () => {
    const address = from('198.51.100.40');
    const signUp = (n: number) =>
      tight.gql.send(SIGN_UP, { input: { email: `limited-${n}@example.com`, password: 'tide-lantern-93-orbit', displayName: `L${n}`, accountType: 'CREATOR' } }, address);
    expect(errorCode(await signUp(1))).toBeUndefined();
    expect(errorCode(await signUp(2))).toBeUndefined();
    const third = await signUp(3);
    expect(errorCode(third)).toBe('RATE_LIMITED');
    expect(third.errors![0]!.message).toMatch(/^Too many sign-ups from this address/);
    const [{ users }] = await tight.db.query(`SELECT count(*)::int AS users FROM users WHERE email = 'limited-3@example.com'`);
    expect(users).toBe(0);
  });

  it('limits code claims per user before the claim is looked at', async () => {
    const creator = await tight.make.creator();
    const token = (await logIn(tight.gql, creator)).accessToken;
    const input = { enrollmentId: '00000000-0000-4000-8000-000000000001' };
    const first = await tight.gql.as(token).send(CLAIM_CODE, { input }, from('198.51.100.50'));
    expect(errorCode(first)).toBeDefined();
    expect(errorCode(first)).not.toBe('RATE_LIMITED');
    const second = await tight.gql.as(token).send(CLAIM_CODE, { input }, from('198.51.100.51'));
    expect(errorCode(second)).toBe('RATE_LIMITED');
    expect(second.errors![0]!.message).toMatch(/^Too many link and code claims from this account/);
  });
});
