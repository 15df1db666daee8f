export * from './campaigns/campaign.entity.js';
export * from './campaigns/campaign-terms.entity.js';
export * from './enrollments/enrollment.entity.js';
export * from './enrollments/creator-ban.entity.js';
export * from './domains/organization-domain.entity.js';
export * from './campaigns.module.js';
export * from './graphql/campaigns-graphql.module.js';
export * from './campaigns/match-weights.js';
