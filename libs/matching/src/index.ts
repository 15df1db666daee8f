export * from './matching.module.js';
export * from './graphql/matching-graphql.module.js';
