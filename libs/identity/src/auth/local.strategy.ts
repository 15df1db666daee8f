import { type AppConfig, hashIp, InjectConfig } from '@app/core';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { CredentialsService } from './credentials.service.js';

export const CREDENTIALS_STRATEGY = 'credentials';

/** Email and password, checked by {@link CredentialsService}; yields the user id. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, CREDENTIALS_STRATEGY) {
  constructor(
    private readonly credentials: CredentialsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  async validate(req: { ip?: string }, email: string, password: string): Promise<{ userId: string }> {
    const userId = await this.credentials.verify(email, password, hashIp(req.ip, this.config.ipHashSalt));
    return { userId };
  }
}
