export * from './audit-actor.js';
export * from './audit-changes.js';
export * from './audit-entry.entity.js';
export * from './audit.module.js';
export * from './audit.service.js';
export * from './graphql/audit-graphql.module.js';
export * from './queries/audit-log.model.js';
export * from './queries/audit-log-query.service.js';
