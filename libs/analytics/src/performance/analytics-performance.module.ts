import { PERFORMANCE_SIGNALS } from '@app/matching';
import { Global, Module } from '@nestjs/common';
import { AnalyticsPerformanceSignals } from './analytics-performance-signals.js';

/**
 * Past performance for matching, read from the rollups. Global because matching, which
 * must not import analytics, injects `PERFORMANCE_SIGNALS` without knowing who provides
 * it: an application that has matching imports this module once.
 */
@Global()
@Module({
  providers: [{ provide: PERFORMANCE_SIGNALS, useClass: AnalyticsPerformanceSignals }],
  exports: [PERFORMANCE_SIGNALS],
})
export class AnalyticsPerformanceModule {}
