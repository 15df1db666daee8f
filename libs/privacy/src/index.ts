export * from './privacy.exception.js';
export * from './privacy.module.js';
export * from './graphql/privacy-graphql.module.js';
export * from './export/personal-data-export.model.js';
export * from './export/personal-data-export.service.js';
export * from './erasure/erasure.inputs.js';
export * from './erasure/account-erasure.service.js';
export * from './erasure/personal-identifiers.js';
