import { type AppConfig, InjectConfig, RateLimiter, type RateLimitState } from '@app/core';
import { Injectable } from '@nestjs/common';

/**
 * What one merchant integration may send per window, webhooks and API-key calls together.
 * Only deliveries that proved they come from the shop (a valid signature or key) count,
 * so nobody else can use up a shop's allowance; a refused one is stored nowhere, and the
 * shop's retry after the window is accepted as if it were the first delivery.
 */
@Injectable()
export class IntegrationRateLimit {
  constructor(
    private readonly limiter: RateLimiter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  hit(integrationId: string): Promise<RateLimitState> {
    const { perIntegration, windowSeconds } = this.config.rateLimits.integration;
    return this.limiter.hit(`integration:${integrationId}`, perIntegration, windowSeconds);
  }
}
