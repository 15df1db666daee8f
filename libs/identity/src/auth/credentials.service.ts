import { Injectable } from '@nestjs/common';
import { IdentityErrorCode, IdentityException } from '../identity.exception.js';
import { UserStatus } from '../users/user.entity.js';
import { UserService } from '../users/user.service.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';
import { PASSWORD_MAX_LENGTH } from './password-policy.js';

export const INVALID_CREDENTIALS = 'Invalid email or password';

/**
 * Checks an email and password. An unknown email and a wrong password give the same
 * error after the same work (one argon2 verification), so neither reveals which emails
 * have accounts.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly users: UserService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Returns the user id for valid credentials. */
  async verify(email: string, password: string): Promise<string> {
    // No stored password is longer (the policy counts characters), so do not spend argon2 on one.
    if ([...password].length > PASSWORD_MAX_LENGTH) {
      throw new IdentityException(IdentityErrorCode.InvalidInput, `input.password must be at most ${PASSWORD_MAX_LENGTH} characters long`, {
        field: 'input.password',
      });
    }
    await this.throttle.beforeAttempt(email);
    const user = await this.users.findByEmail(email);
    const valid = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyDecoy(password);
    if (!user || !valid) {
      await this.throttle.recordFailure(email);
      throw new IdentityException(IdentityErrorCode.InvalidCredentials, INVALID_CREDENTIALS);
    }
    if (user.status !== UserStatus.Active) {
      throw new IdentityException(IdentityErrorCode.NotAllowed, 'This account is disabled');
    }
    await this.throttle.recordSuccess(email);
    const rehash = this.hasher.needsRehash(user.passwordHash) ? await this.hasher.hash(password) : undefined;
    await this.users.recordLogin(user.id, rehash);
    return user.id;
  }
}
