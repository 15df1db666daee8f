import { errorCode } from '@app/testing';
import { decodeJwtPayload, forgeJwt } from '../support/jwt.js';
import { logIn, startApiTestApp, type ApiTestApp } from '../support/api-test-app.js';

const ME = 'query { me { id } }';
const REFRESH = `mutation Refresh($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken user { id } } }`;
const LOG_OUT = `mutation LogOut($all: Boolean) { logOut(allSessions: $all) }`;

describe('access tokens, refresh rotation and log-out', () => {
  let t: ApiTestApp;

  beforeAll(async () => {
    t = await startApiTestApp();
  });
  afterAll(() => t.close());

  describe('access tokens', () => {
    let valid: string;
    let claims: Record<string, unknown>;
    const now = () => Math.floor(Date.now() / 1000);

    beforeAll(async () => {
      const user = await t.make.creator();
      valid = (await logIn(t.gql, user)).accessToken;
      claims = decodeJwtPayload(valid);
    });

    it('accepts a token it issued', async () => {
      expect((await t.gql.as(valid).ok(ME)).me.id).toBe(claims.sub);
      expect(claims).toMatchObject({ iss: t.config.auth.jwtIssuer, aud: t.config.auth.jwtAudience });
      expect((claims.exp as number) - (claims.iat as number)).toBe(15 * 60);
    });

    it.each<[string, () => string]>([
      ['expired', () => forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now() - 3600, exp: now() - 60 }, t.config.auth.jwtSecret)],
      ['tampered', () => {
        const [header, , signature] = valid.split('.');
        const payload = Buffer.from(JSON.stringify({ ...claims, sub: '0190d6a1-0000-7000-8000-000000000000' })).toString('base64url');
        return `${header}.${payload}.${signature}`;
      }],
      ['unsigned (alg: none)', () => forgeJwt({ alg: 'none', typ: 'JWT' }, claims)],
      ['for another audience', () => forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, aud: 'someone-else' }, t.config.auth.jwtSecret)],
      ['from another issuer', () => forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, iss: 'someone-else' }, t.config.auth.jwtSecret)],
      ['signed with another key', () => forgeJwt({ alg: 'HS256', typ: 'JWT' }, claims, 'x'.repeat(48))],
      ['signed with HS512', () => forgeJwt({ alg: 'HS512', typ: 'JWT' }, claims, t.config.auth.jwtSecret)],
      ['garbage', () => 'not.a.jwt'],
    ])('refuses a token that is %s with UNAUTHENTICATED', async (_kind, token) => {
      const response = await t.gql.as(token()).send(ME);
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
      expect(response.data).toBeNull();
    });

    it('says when the token has expired, so the client knows to refresh', async () => {
      const expired = forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now() - 3600, exp: now() - 60 }, t.config.auth.jwtSecret);
      expect((await t.gql.as(expired).send(ME)).errors?.[0]?.message).toMatch(/expired/);
    });
  });

  describe('refresh tokens', () => {
    it('rotates on every use: new tokens work, the spent refresh token does not', async () => {
      const user = await t.make.creator();
      const first = await logIn(t.gql, user);
      const { refreshSession: second } = await t.gql.ok(REFRESH, { token: first.refreshToken });
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.user.id).toBe(user.id);
      expect((await t.gql.as(second.accessToken).ok(ME)).me.id).toBe(user.id);

      const { refreshSession: third } = await t.gql.ok(REFRESH, { token: second.refreshToken });
      expect((await t.gql.as(third.accessToken).ok(ME)).me.id).toBe(user.id);
    });

    it('revokes the whole family when a spent refresh token comes back', async () => {
      const user = await t.make.creator();
      const stolen = await logIn(t.gql, user);
      const { refreshSession: rotated } = await t.gql.ok(REFRESH, { token: stolen.refreshToken });

      const replay = await t.gql.send(REFRESH, { token: stolen.refreshToken });
      expect(errorCode(replay)).toBe('UNAUTHENTICATED');
      expect(replay.errors?.[0]?.message).toMatch(/already used/);

      // Everything issued in that session is now dead: the newest refresh token and access tokens.
      expect(errorCode(await t.gql.send(REFRESH, { token: rotated.refreshToken }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql.as(rotated.accessToken).send(ME))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql.as(stolen.accessToken).send(ME))).toBe('UNAUTHENTICATED');

      // Other sessions of the same user are untouched.
      const other = await logIn(t.gql, user);
      expect((await t.gql.as(other.accessToken).ok(ME)).me.id).toBe(user.id);
      const [session] = await t.db.query(`SELECT revoked_reason FROM sessions WHERE revoked_at IS NOT NULL AND user_id = $1`, [user.id]);
      expect(session.revoked_reason).toBe('REFRESH_TOKEN_REUSE');
    });

    it('refuses an unknown refresh token', async () => {
      expect(errorCode(await t.gql.send(REFRESH, { token: 'mprt_nothing-like-this' }))).toBe('UNAUTHENTICATED');
    });

    it('stores only hashes of refresh tokens', async () => {
      const user = await t.make.creator();
      const { refreshToken } = await logIn(t.gql, user);
      const rows = await t.db.query(`SELECT token_hash FROM refresh_tokens WHERE token_hash = $1 OR token_hash = encode(sha256($1::bytea), 'hex')`, [refreshToken]);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).not.toBe(refreshToken);
    });
  });

  describe('logOut', () => {
    it('ends the session at once: its access and refresh tokens stop working', async () => {
      const user = await t.make.creator();
      const session = await logIn(t.gql, user);
      const elsewhere = await logIn(t.gql, user);
      expect((await t.gql.as(session.accessToken).ok(LOG_OUT)).logOut).toBe(true);
      expect(errorCode(await t.gql.as(session.accessToken).send(ME))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql.send(REFRESH, { token: session.refreshToken }))).toBe('UNAUTHENTICATED');
      expect((await t.gql.as(elsewhere.accessToken).ok(ME)).me.id).toBe(user.id);
    });

    it('ends every session with allSessions', async () => {
      const user = await t.make.creator();
      const one = await logIn(t.gql, user);
      const two = await logIn(t.gql, user);
      await t.gql.as(one.accessToken).ok(LOG_OUT, { all: true });
      expect(errorCode(await t.gql.as(two.accessToken).send(ME))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql.send(REFRESH, { token: two.refreshToken }))).toBe('UNAUTHENTICATED');
    });
  });
});
