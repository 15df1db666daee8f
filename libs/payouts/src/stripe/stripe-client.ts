import { APP_CONFIG, type AppConfig } from '@app/core';
import { type FactoryProvider, Inject, Logger } from '@nestjs/common';
import Stripe from 'stripe';

/** Injection token of the one {@link Stripe} client of an application: `@InjectStripe() private readonly stripe: Stripe`. */
export const STRIPE_CLIENT = Symbol('STRIPE_CLIENT');

export const InjectStripe = (): ParameterDecorator => Inject(STRIPE_CLIENT);

/** The key used when none is configured (allowed outside production): every call to Stripe fails with 401, and says why. */
export const STRIPE_UNSET_KEY = 'sk_test_unset';

/**
 * The Stripe client for `config`: api.stripe.com, or the host, port and protocol configured
 * (the in-repo fake). The API version is the one this SDK release pins.
 */
export function createStripeClient(config: AppConfig['stripe']): Stripe {
  return new Stripe(config.secretKey ?? STRIPE_UNSET_KEY, {
    // No retries inside the SDK: the payout worker classifies each failure and schedules its
    // own retries (with the same idempotency key), and an onboarding request answers the
    // creator instead of waiting through hidden back-offs. A retry here would also spend the
    // request budget (`STRIPE_MAX_REQUESTS_PER_SECOND`) without the worker's rate limiter seeing it.
    maxNetworkRetries: 0,
    // A call that takes longer is abandoned (`STRIPE_TIMEOUT_MS`); the caller decides whether to try again.
    timeout: config.timeoutMs,
    appInfo: { name: 'Marketplace' },
    ...(config.apiHost === undefined ? {} : { host: config.apiHost }),
    ...(config.apiPort === undefined ? {} : { port: config.apiPort }),
    ...(config.apiProtocol === undefined ? {} : { protocol: config.apiProtocol }),
  });
}

export const stripeClientProvider: FactoryProvider<Stripe> = {
  provide: STRIPE_CLIENT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    if (config.stripe.secretKey === undefined) {
      new Logger('StripeClient').warn(
        `No STRIPE_SECRET_KEY: calls to Stripe (payout onboarding, transfers) will fail until one is set, or the Stripe fake is pointed at with STRIPE_API_HOST/PORT/PROTOCOL (npm start does that itself)`,
      );
    }
    return createStripeClient(config.stripe);
  },
};
