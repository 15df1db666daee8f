import { MetricsService } from '@app/core';
import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { ClickRecorder } from '../clicks/click-recorder.js';

export type RedirectOutcome = 'redirect' | 'fallback' | 'gone' | 'not_found' | 'unavailable' | 'method_not_allowed';

const OUTCOMES: readonly RedirectOutcome[] = ['redirect', 'fallback', 'gone', 'not_found', 'unavailable', 'method_not_allowed'];

/**
 * The redirector's own figures at `/metrics`: answers by outcome (a `redirect` is a click
 * handed to the recorder), routes read from PostgreSQL (cache misses both in memory and in
 * Redis), and clicks waiting in memory or dropped. Counters are bound once, so counting
 * costs the hot path next to nothing.
 */
@Injectable()
export class RedirectMetrics {
  private readonly answers: Record<RedirectOutcome, { inc(): void }>;
  private readonly routeLoads: Counter;

  constructor(metrics: MetricsService, recorder: ClickRecorder) {
    const registers = [metrics.registry];
    const answers = new Counter({
      name: 'redirector_answers_total',
      help: 'Answers to /r/<key>, by outcome; redirect answers each carry a recorded click',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.answers = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, answers.labels(outcome)])) as Record<RedirectOutcome, { inc(): void }>;
    this.routeLoads = new Counter({ name: 'redirector_route_database_reads_total', help: 'Links read from PostgreSQL (in neither memory nor Redis)', registers });
    new Gauge({
      name: 'redirector_clicks_pending',
      help: 'Clicks in memory, not yet handed to Redis',
      registers,
      collect() {
        this.set(recorder.pending);
      },
    });
    new Gauge({
      name: 'redirector_clicks_dropped',
      help: 'Clicks dropped because Redis did not take them and memory was full (since start)',
      registers,
      collect() {
        this.set(recorder.dropped);
      },
    });
  }

  answered(outcome: RedirectOutcome): void {
    this.answers[outcome].inc();
  }

  routeReadFromDatabase(): void {
    this.routeLoads.inc();
  }
}
