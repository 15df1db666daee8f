import { Injectable, type OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';

/** OWASP's minimum for argon2id: 19 MiB of memory, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** Hash of a random secret, verified against when an email is unknown so both paths cost the same. */
  private decoyHash = '';

  async onModuleInit(): Promise<void> {
    this.decoyHash = await argon2.hash(`decoy-${Math.random()}-${Date.now()}`, ARGON2_OPTIONS);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed stored hash never authenticates
    }
  }

  /** Spends the same time as a real verification, for callers with no user to check. */
  async verifyDecoy(password: string): Promise<false> {
    await this.verify(this.decoyHash, password);
    return false;
  }

  /** True when `hash` was made with weaker parameters than today's and should be replaced. */
  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, ARGON2_OPTIONS);
  }
}
