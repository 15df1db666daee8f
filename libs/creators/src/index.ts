export * from './vocabulary.js';
export * from './profiles/creator-profile.entity.js';
export * from './profiles/social-account.entity.js';
export * from './creators.module.js';
export * from './graphql/creators-graphql.module.js';
