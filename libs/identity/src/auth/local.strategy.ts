import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { CredentialsService } from './credentials.service.js';

export const CREDENTIALS_STRATEGY = 'credentials';

/** Email and password, checked by {@link CredentialsService}; yields the user id. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, CREDENTIALS_STRATEGY) {
  constructor(private readonly credentials: CredentialsService) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }

  async validate(email: string, password: string): Promise<{ userId: string }> {
    const userId = await this.credentials.verify(email, password);
    return { userId };
  }
}
