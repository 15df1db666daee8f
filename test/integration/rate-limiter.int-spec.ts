import { randomBytes } from 'node:crypto';
import { type AppConfig, RateLimiter } from '@app/core';
import { forgetRedisPrefix, testRedisUrl } from '@app/testing';
import { Redis } from 'ioredis';

describe('RateLimiter.hitAll', () => {
  const prefix = `test:${randomBytes(6).toString('hex')}`;
  const redis = new Redis(testRedisUrl());
  const limiter = new RateLimiter(redis, { redis: { keyPrefix: prefix } } as AppConfig);

  afterAll(async () => {
    await forgetRedisPrefix(testRedisUrl(), prefix);
    redis.disconnect();
  });

  it('counts a hit on every bucket in one call, and names the first one over its limit with its own wait', async () => {
    const small = { name: 'small', limit: 2, windowSeconds: 5 };
    const large = { name: 'large', limit: 100, windowSeconds: 60 };
    const tighter = { name: 'tighter', limit: 1, windowSeconds: 30 };
    expect(await limiter.hitAll([small, large])).toMatchObject({ allowed: true });
    expect(await limiter.hitAll([small, large, tighter])).toMatchObject({ allowed: true });
    const third = await limiter.hitAll([large, tighter, small]);
    expect(third).toMatchObject({ allowed: false, count: 2, bucket: tighter });
    expect(third.retryAfterSeconds).toBeGreaterThan(5);
    expect(third.retryAfterSeconds).toBeLessThanOrEqual(30);
    // Every bucket was counted, the refused hit too.
    expect((await limiter.peek('small', 2)).count).toBe(3);
    expect((await limiter.peek('large', 100)).count).toBe(3);
  });

  it('allows a call that names no bucket', async () => {
    expect(await limiter.hitAll([])).toMatchObject({ allowed: true });
  });

  it('starts a new window once the old one ends', async () => {
    const bucket = { name: 'short', limit: 1, windowSeconds: 1 };
    expect((await limiter.hitAll([bucket])).allowed).toBe(true);
    expect((await limiter.hitAll([bucket])).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await limiter.hitAll([bucket])).toMatchObject({ allowed: true, count: 1 });
  });
});
