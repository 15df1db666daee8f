export * from './rollups/click-day.entity.js';
export * from './rollups/sale-day.entity.js';
export * from './rollups/dirty-key.entity.js';
export * from './rollups/rollup-entities.js';
