import { MetricsModule } from '@app/core';
import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { ClickRecorder } from '../clicks/click-recorder.js';
import { VisitorSalts } from '../clicks/visitor-salts.js';
import { CLICK_JOB_OPTIONS, CLICKS_QUEUE } from '../tracking.queue.js';
import { REDIRECT_FAST_PATH, type RedirectFastPath } from './redirect-fast-path.js';
import { RedirectMetrics } from './redirect-metrics.js';
import { RedirectRoute } from './redirect.route.js';
import { RedirectorService } from './redirector.service.js';
import { RouteCache } from './route-cache.js';
import { RouteLoader } from './route-loader.js';

/**
 * The redirector's hot path: `GET /r/:key` on the app's fast path, the link cache, the
 * click recorder and their metrics at `/metrics`. Needs QueueModule.
 */
@Module({})
export class TrackingRedirectModule {
  static register(fastPath: RedirectFastPath): DynamicModule {
    return {
      module: TrackingRedirectModule,
      imports: [MetricsModule, BullModule.registerQueue({ name: CLICKS_QUEUE, defaultJobOptions: CLICK_JOB_OPTIONS })],
      providers: [
        { provide: REDIRECT_FAST_PATH, useValue: fastPath },
        RouteLoader,
        RouteCache,
        VisitorSalts,
        ClickRecorder,
        RedirectMetrics,
        RedirectorService,
        RedirectRoute,
      ],
      exports: [RouteCache, ClickRecorder],
    };
  }
}
