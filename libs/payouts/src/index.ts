export * from './payouts.exception.js';
export * from './stripe/stripe-client.js';
export * from './stripe/stripe-failures.js';
