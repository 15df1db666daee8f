export * from './rules/normalize.js';
export * from './rules/labels.js';
export * from './rules/check-disclosure.js';
export * from './rules/post-url.js';
