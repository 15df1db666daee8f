export * from './fraud.module.js';
export * from './rules/fraud-signal.js';
export * from './rules/fraud-rules.js';
export * from './signals/fraud-signal.entity.js';
export * from './signals/code-usage.entity.js';
export * from './signals/fraud-screen.service.js';
export * from './signals/fraud-flags.js';
