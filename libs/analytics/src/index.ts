export * from './rollups/click-day.entity.js';
export * from './rollups/sale-day.entity.js';
export * from './rollups/dirty-key.entity.js';
export * from './rollups/rollup-entities.js';
export * from './rollups/analytics.queue.js';
export * from './rollups/rollup.service.js';
export * from './analytics-worker.module.js';
