import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';

/** Times every request. Routes are labelled from a fixed set (not raw URLs), so label sets stay small. */
@Injectable()
export class MetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: () => void): void {
    const stop = this.metrics.httpDuration.startTimer({ method: req.method, route: routeOf(req.originalUrl ?? req.url) });
    res.once('finish', () => stop({ status: String(res.statusCode) }));
    next();
  }
}

const KNOWN_ROUTES = new Set(['/graphql', '/health/live', '/health/ready', '/metrics']);

function routeOf(url = ''): string {
  const path = url.split('?')[0] ?? '';
  return KNOWN_ROUTES.has(path) ? path : 'other';
}
