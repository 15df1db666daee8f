/** Analytics' scheduled work. */
export const ANALYTICS_QUEUE = 'analytics';

export enum AnalyticsJob {
  /** Recomputes the days of every hour the triggers marked. Every few seconds. */
  Drain = 'drain',
  /** Re-marks the last few days from source rows, then drains: corrects any drift. Nightly. */
  CorrectRecent = 'correct-recent',
  /** Deletes raw clicks past CLICK_RETENTION_DAYS whose days are rolled up. Nightly, after the correction. */
  PurgeClicks = 'purge-clicks',
}

/** How often the marks are drained: the rollups' lag is about this plus one drain's work. */
export const DRAIN_EVERY_MS = 2_000;
/** Nightly, at 03:30 UTC, when the fewest brands and creators are reading. */
export const CORRECTION_CRON = '30 3 * * *';
/** The nightly correction recomputes this many days back from source rows. */
export const CORRECTION_DAYS = 3;
/** Nightly at 04:30 UTC, an hour after the correction, so the days it recomputed are settled. */
export const CLICK_PURGE_CRON = '30 4 * * *';
