import { createHash } from 'node:crypto';
import { type AppConfig, InjectConfig, RateLimiter } from '@app/core';
import { Injectable } from '@nestjs/common';
import { IdentityErrorCode, IdentityException } from '../identity.exception.js';
import { normalizeEmail } from '../users/email.js';

function emailKey(email: string): string {
  return `login:email:${createHash('sha256').update(normalizeEmail(email)).digest('base64url').slice(0, 22)}`;
}

/**
 * Slows down password guessing on one account: failed attempts count against the email
 * (known or not, so limits reveal nothing). Attempts per client address are counted with
 * every other GraphQL limit, before the credentials are even read (`@RateLimit('logIn')`).
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async beforeAttempt(email: string): Promise<void> {
    const { maxFailuresPerEmail } = this.config.auth.login;
    const byEmail = await this.limiter.peek(emailKey(email), maxFailuresPerEmail);
    if (!byEmail.allowed) {
      throw new IdentityException(
        IdentityErrorCode.TooManyAttempts,
        `Too many failed logins for this email; try again in ${byEmail.retryAfterSeconds} seconds`,
        { retryAfterSeconds: byEmail.retryAfterSeconds },
      );
    }
  }

  async recordFailure(email: string): Promise<void> {
    const { windowSeconds, maxFailuresPerEmail } = this.config.auth.login;
    await this.limiter.hit(emailKey(email), maxFailuresPerEmail, windowSeconds);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.limiter.reset(emailKey(email));
  }
}
