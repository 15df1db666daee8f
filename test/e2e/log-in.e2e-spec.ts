import { jest } from '@jest/globals';
import { PasswordHasher } from '@app/identity';
import { errorCode } from '@app/testing';
import { LOG_IN, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

describe('logIn', () => {
  let t: ApiTestApp;

  beforeAll(async () => {
    // Behind one trusted proxy, so each test can come from an address of its own.
    t = await startApiTestApp({ env: { LOGIN_MAX_FAILURES_PER_EMAIL: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '6', TRUST_PROXY_HOPS: '1' } });
  });
  afterAll(() => t.close());

  let address = 0;
  let from = '';
  beforeEach(() => {
    address += 1;
    from = `203.0.113.${address}`;
  });
  const attempt = (email: string, password: string) =>
    t.gql.send(LOG_IN, { input: { email, password } }, { headers: { 'x-forwarded-for': from } });

  it('signs in with the right password, whatever the email case', async () => {
    const user = await t.make.creator({ email: 'lina@example.com' });
    const response = await attempt('LINA@example.com', user.password);
    expect(response.data?.logIn.user).toMatchObject({ id: user.id, roles: ['CREATOR'] });
  });

  it('answers a wrong password and an unknown email with the same error, after the same work', async () => {
    const user = await t.make.creator();
    const verify = jest.spyOn(t.app.get(PasswordHasher, { strict: false }), 'verify');

    const wrongPassword = await attempt(user.email, 'not-the-password-at-all');
    expect(verify).toHaveBeenCalledTimes(1);
    const unknownEmail = await attempt('nobody-here@example.com', 'not-the-password-at-all');
    expect(verify).toHaveBeenCalledTimes(2); // a decoy hash is verified for the unknown email
    verify.mockRestore();

    expect(errorCode(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(unknownEmail.errors).toEqual(wrongPassword.errors);
    expect(unknownEmail.status).toBe(wrongPassword.status);
  });

  it('limits failed attempts per email, then refuses even the right password until the window passes', async () => {
    const user = await t.make.creator();
    for (let i = 0; i < 3; i += 1) expect(errorCode(await attempt(user.email, `wrong-guess-${i}-xyz`))).toBe('UNAUTHENTICATED');

    const limited = await attempt(user.email, user.password);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.headers['retry-after']).toBe(String(limited.errors?.[0]?.extensions?.retryAfterSeconds));

    // Another account is not affected.
    const other = await t.make.creator();
    expect(errorCode(await attempt(other.email, other.password))).toBeUndefined();
  });

  it('limits attempts per client address, whichever emails they try', async () => {
    const user = await t.make.creator();
    for (let i = 0; i < 6; i += 1) {
      expect(errorCode(await attempt(`someone-${i}@example.com`, 'whatever-it-is-1'))).toBe('UNAUTHENTICATED');
    }
    const response = await attempt(user.email, user.password);
    expect(errorCode(response)).toBe('RATE_LIMITED');
    expect(response.errors?.[0]?.message).toMatch(/from this address/);

    // The same account from another address is fine.
    from = '198.51.100.7';
    expect(errorCode(await attempt(user.email, user.password))).toBeUndefined();
  });

  it('names the field when the password is absurdly long, without hashing it', async () => {
    const response = await attempt('someone@example.com', 'x'.repeat(1025));
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.fields).toEqual([{ field: 'input.password', message: expect.stringMatching(/^input.password/) }]);
  });
});
