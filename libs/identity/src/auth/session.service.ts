import { type AppConfig, InjectConfig, newId } from '@app/core';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { IdentityErrorCode, IdentityException } from '../identity.exception.js';
import { UserEntity, UserStatus } from '../users/user.entity.js';
import { ACCESS_TOKEN_ALGORITHM, type AccessTokenClaims } from './access-token.js';
import { generateOpaqueToken, hashOpaqueToken } from './opaque-token.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { SessionEntity } from './session.entity.js';

export interface ClientMeta {
  userAgent?: string;
  ipHash?: string;
}

export interface IssuedTokens {
  userId: string;
  sessionId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

export enum SessionRevocation {
  Logout = 'LOGOUT',
  LogoutAll = 'LOGOUT_ALL',
  RefreshTokenReuse = 'REFRESH_TOKEN_REUSE',
}

type RotationOutcome = { ok: true; tokens: Omit<IssuedTokens, 'accessToken' | 'accessTokenExpiresAt'> } | { ok: false; reason: string };

const REFRESH_TOKEN_PREFIX = 'mprt';

/**
 * Sessions and their tokens. An access token is a short-lived JWT naming its session; a
 * refresh token is an opaque, single-use secret. Using a refresh token twice means it was
 * copied, so the whole session (token family) is revoked.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Starts a session for `userId` inside the caller's transaction and issues its first tokens. */
  async open(manager: EntityManager, userId: string, meta: ClientMeta): Promise<IssuedTokens> {
    const now = new Date();
    const session = manager.create(SessionEntity, {
      id: newId(),
      userId,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + this.config.auth.sessionMaxAgeSeconds * 1000),
      revokedAt: null,
      revokedReason: null,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ipHash: meta.ipHash ?? null,
    });
    await manager.insert(SessionEntity, session);
    const refresh = await this.addRefreshToken(manager, session, now);
    return { ...refresh, userId, ...this.accessToken(userId, session.id, now) };
  }

  /** Exchanges a refresh token for new tokens; reuse of a spent token revokes its session. */
  async rotate(refreshToken: string): Promise<IssuedTokens> {
    const outcome = await this.db.transaction(async (manager): Promise<RotationOutcome> => {
      const token = await manager
        .createQueryBuilder(RefreshTokenEntity, 'token')
        .where('token.tokenHash = :hash', { hash: hashOpaqueToken(refreshToken) })
        .setLock('pessimistic_write')
        .getOne();
      if (!token) return { ok: false, reason: 'Refresh token is invalid' };

      const session = await manager
        .createQueryBuilder(SessionEntity, 'session')
        .where('session.id = :id', { id: token.sessionId })
        .setLock('pessimistic_write')
        .getOneOrFail();
      const now = new Date();
      if (session.revokedAt) return { ok: false, reason: 'Session has ended; log in again' };
      if (token.usedAt) {
        await this.revokeWith(manager, { id: session.id }, SessionRevocation.RefreshTokenReuse, now);
        return { ok: false, reason: 'Refresh token was already used; the session has been revoked. Log in again' };
      }
      if (token.expiresAt <= now || session.expiresAt <= now) return { ok: false, reason: 'Session has expired; log in again' };
      const user = await manager.findOneBy(UserEntity, { id: session.userId });
      if (!user || user.status !== UserStatus.Active) return { ok: false, reason: 'Session has ended; log in again' };

      await manager.update(RefreshTokenEntity, { id: token.id }, { usedAt: now });
      await manager.update(SessionEntity, { id: session.id }, { lastUsedAt: now });
      return { ok: true, tokens: { userId: session.userId, ...(await this.addRefreshToken(manager, session, now)) } };
    });
    if (!outcome.ok) throw new IdentityException(IdentityErrorCode.SessionEnded, outcome.reason);
    return { ...outcome.tokens, ...this.accessToken(outcome.tokens.userId, outcome.tokens.sessionId, new Date()) };
  }

  /** Ends one session, or every session of its user. Idempotent. */
  async revoke(userId: string, sessionId: string, allSessions: boolean): Promise<number> {
    const reason = allSessions ? SessionRevocation.LogoutAll : SessionRevocation.Logout;
    const where = allSessions ? { userId } : { userId, id: sessionId };
    return this.revokeWith(this.db.manager, where, reason, new Date());
  }

  private async revokeWith(
    manager: EntityManager,
    where: { id?: string; userId?: string },
    reason: string,
    now: Date,
  ): Promise<number> {
    const result = await manager.update(SessionEntity, { ...where, revokedAt: IsNull() }, { revokedAt: now, revokedReason: reason });
    return result.affected ?? 0;
  }

  private async addRefreshToken(manager: EntityManager, session: SessionEntity, now: Date) {
    const refreshToken = generateOpaqueToken(REFRESH_TOKEN_PREFIX);
    const ttlEnd = now.getTime() + this.config.auth.refreshTokenTtlSeconds * 1000;
    const refreshTokenExpiresAt = new Date(Math.min(ttlEnd, session.expiresAt.getTime()));
    await manager.insert(RefreshTokenEntity, {
      id: newId(),
      sessionId: session.id,
      tokenHash: hashOpaqueToken(refreshToken),
      expiresAt: refreshTokenExpiresAt,
      usedAt: null,
    });
    return { sessionId: session.id, refreshToken, refreshTokenExpiresAt };
  }

  private accessToken(userId: string, sessionId: string, now: Date) {
    const ttl = this.config.auth.accessTokenTtlSeconds;
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    const accessToken = this.jwt.sign(claims, {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      expiresIn: ttl,
      issuer: this.config.auth.jwtIssuer,
      audience: this.config.auth.jwtAudience,
    });
    return { accessToken, accessTokenExpiresAt: new Date(now.getTime() + ttl * 1000) };
  }
}
