import { type ApplyOrderEventJob, ORDER_EVENTS_QUEUE, OrderEventsJob, OrderInboxService } from '@app/attribution';
import { type AppConfig, InjectConfig } from '@app/core';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { SalesPipeline } from './sales-pipeline.service.js';

/** Events older than this still RECEIVED were stored while Redis was away: queue them again. */
const SWEEP_AFTER_SECONDS = 60;

@Processor(ORDER_EVENTS_QUEUE)
export class OrderEventsProcessor extends WorkerHost implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(OrderEventsProcessor.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(ORDER_EVENTS_QUEUE) private readonly queue: Queue,
    private readonly pipeline: SalesPipeline,
    private readonly inbox: OrderInboxService,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.sales.orderConcurrency;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(OrderEventsJob.Sweep, { every: 60_000 }, { name: OrderEventsJob.Sweep });
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case OrderEventsJob.Apply: {
        const { eventId } = job.data as ApplyOrderEventJob;
        const result = await this.pipeline.apply(eventId);
        return { status: result.status, outcome: result.outcome };
      }
      case OrderEventsJob.Sweep: {
        const rows: { id: string }[] = await this.db.query(
          `SELECT id FROM order_events WHERE status = 'RECEIVED' AND received_at < now() - make_interval(secs => $1) ORDER BY received_at LIMIT 5000`,
          [SWEEP_AFTER_SECONDS],
        );
        if (rows.length > 0) this.logger.warn({ events: rows.length }, 'Queueing order events that were stored but not queued');
        await this.inbox.enqueue(rows.map((row) => row.id));
        // Bodies stored before customer identifiers were hashed on arrival: a batch a minute until none is left.
        const sealed = await this.inbox.sealStoredBodies();
        return { requeued: rows.length, sealed };
      }
      default:
        this.logger.warn({ job: job.name }, 'Discarding a job this worker does not know');
        return undefined;
    }
  }
}
