export * from './rules/normalize.js';
export * from './rules/labels.js';
