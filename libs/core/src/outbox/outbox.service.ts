import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId } from '../database/ids.js';

export interface OutboxJob {
  queue: string;
  name: string;
  /** Same id, same job: BullMQ ignores a second add while the first is still known. */
  jobId: string;
  payload: Record<string, unknown>;
}

/** Writes outbox messages; `OutboxRelay` (in the worker) moves them to their queues. */
@Injectable()
export class OutboxService {
  /** Adds jobs in the transaction `manager` belongs to: they exist exactly when the change does. */
  async add(manager: EntityManager, jobs: readonly OutboxJob[]): Promise<void> {
    if (jobs.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox messages are written inside the transaction of the change that asks for them');
    }
    await manager.query(
      `INSERT INTO outbox_messages (id, queue, job_name, job_id, payload)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
      [jobs.map(() => newId()), jobs.map((job) => job.queue), jobs.map((job) => job.name), jobs.map((job) => job.jobId), jobs.map((job) => JSON.stringify(job.payload))],
    );
  }
}
