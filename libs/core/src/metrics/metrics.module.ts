import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsMiddleware } from './metrics.middleware.js';
import { MetricsService } from './metrics.service.js';

/** Prometheus metrics of this process at `/metrics`; domains register their own on `MetricsService.registry`. */
@Module({
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}

/** {@link MetricsModule} plus a timing of every HTTP request, by route (the API). */
@Module({
  imports: [MetricsModule],
  exports: [MetricsModule],
})
export class HttpMetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MetricsMiddleware).forRoutes('*');
  }
}
