import type { DefaultJobOptions } from 'bullmq';

/** Batches of clicks from the redirectors, on their way to PostgreSQL. */
export const CLICKS_QUEUE = 'tracking-clicks';

/** Tracking's scheduled housekeeping. */
export const TRACKING_QUEUE = 'tracking';

export enum ClicksJob {
  Record = 'record-clicks',
}

export enum TrackingJob {
  /** Creates the click table's partitions for this month and the next two. */
  EnsurePartitions = 'ensure-click-partitions',
  /** Gives click batches that ran out of attempts (PostgreSQL down for long) another go. */
  RetryFailedClicks = 'retry-failed-click-batches',
  /** Forgets creators' visitor hashes older than any click an order could still be attributed to. */
  ForgetCreatorVisitors = 'forget-creator-visitors',
}

/** Attribution windows are at most 365 days; a creator's visitor hash is kept a little longer. */
export const CREATOR_VISITOR_RETENTION_DAYS = 400;

export interface RecordClicksJob {
  /** Clicks encoded by `encodeClick`, oldest first. */
  clicks: string[];
}

/**
 * A batch is worth keeping through a long outage: many attempts, and failed batches stay
 * in Redis, where a scheduled job retries them.
 */
export const CLICK_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: false,
};
