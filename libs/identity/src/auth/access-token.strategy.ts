import { createSecretKey } from 'node:crypto';
import { ACCESS_TOKEN_STRATEGY, type Actor, type AppConfig, InjectConfig, isUuid } from '@app/core';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { IdentityErrorCode, IdentityException } from '../identity.exception.js';
import { UserService } from '../users/user.service.js';
import { ACCESS_TOKEN_ALGORITHM, type AccessTokenClaims } from './access-token.js';

/**
 * Bearer access tokens: HS256 only (so `alg: none` and algorithm confusion are refused),
 * issuer and audience checked, expiry enforced. A valid signature is not enough: the
 * session must still be open and the user active.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, ACCESS_TOKEN_STRATEGY) {
  constructor(
    @InjectConfig() config: AppConfig,
    private readonly users: UserService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object made once: given the string, every verification would first try (and fail)
      // to read it as a public key. jsonwebtoken takes a KeyObject; passport-jwt's types predate it.
      secretOrKey: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.auth.jwtIssuer,
      audience: config.auth.jwtAudience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: 5 },
    });
  }

  async validate(claims: Partial<AccessTokenClaims>): Promise<Actor> {
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !isUuid(claims.sub) || !isUuid(claims.sid)) {
      throw new IdentityException(IdentityErrorCode.SessionEnded, 'Access token is invalid');
    }
    const actor = await this.users.loadActor(claims.sub, claims.sid);
    if (!actor) throw new IdentityException(IdentityErrorCode.SessionEnded, 'Session has ended; log in again');
    return actor;
  }
}
