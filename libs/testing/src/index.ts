export * from './factories.js';
export * from './graphql-client.js';
export * from './test-config.js';
export * from './test-database.js';
export * from './test-services.js';
export * from './marketplace-factories.js';
export * from './order-payloads.js';
export * from './shopify-payloads.js';
