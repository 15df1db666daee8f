export * from './rules/normalize.js';
export * from './rules/labels.js';
export * from './rules/check-disclosure.js';
export * from './rules/post-url.js';
export * from './rules/jurisdictions.js';
export * from './compliance/disclosure-standing.js';
export * from './disclosures.module.js';
export * from './graphql/disclosures-graphql.module.js';
