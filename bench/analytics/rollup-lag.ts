import { type AppConfig, newId } from '@app/core';
import { ClickRecorder, CLICKS_QUEUE, encodeClick, type RecordClicksJob } from '@app/tracking';
import { Queue } from 'bullmq';
import type pg from 'pg';
import { note } from '../bench-report.js';

export interface LagResult {
  /** Clicks handed to the recorder, and the rate achieved. */
  clicks: number;
  rate: number;
  /** Worst age of the oldest waiting mark, sampled every second while clicks came in. */
  maxLagSeconds: number;
  /** Clicks still in the queue (not yet rows) when the load stopped. */
  queuedAtStop: number;
  /** From the end of the load until no click was queued and no mark waited. */
  settleSeconds: number | null;
  samples: number[];
}

/** Seconds since the oldest mark still waiting over both mark tables, 0 when none waits. */
export async function oldestMarkAge(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ lag: number }>(
    `SELECT coalesce(extract(epoch FROM clock_timestamp() - least((SELECT min(marked_at) FROM analytics_dirty_links),
                                                                 (SELECT min(marked_at) FROM analytics_dirty_enrollments))), 0)::float AS lag`,
  );
  return rows[0]!.lag;
}

export async function marksWaiting(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`SELECT ((SELECT count(*) FROM analytics_dirty_links) + (SELECT count(*) FROM analytics_dirty_enrollments))::int AS n`);
  return rows[0]!.n;
}

/**
 * Clicks at `rate` per second for `seconds`, recorded by the redirector's own `ClickRecorder`
 * (batched onto the clicks queue as the redirector does) on the seeded links, most on the
 * popular ones; the worker, a process of its own, stores them and drains the rollup marks
 * on its schedule. Every second the age of the oldest mark is sampled; after the load, how
 * long until the queue is empty and no mark waits.
 */
export async function measureRollupLag(
  client: pg.Client,
  config: AppConfig,
  options: { rate: number; seconds: number; waitSeconds: number },
): Promise<LagResult> {
  const { rows: links } = await client.query<{ link_id: string; enrollment_id: string; campaign_id: string; organization_id: string; creator_id: string }>(
    `SELECT l.id AS link_id, l.enrollment_id, l.campaign_id, l.organization_id, l.creator_id FROM referral_links l`,
  );
  const queue = new Queue<RecordClicksJob>(CLICKS_QUEUE, { connection: { url: config.redis.url }, prefix: `${config.redis.keyPrefix}:q` });
  const recorder = new ClickRecorder(config, queue);
  const queued = async () => {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return counts.waiting + counts.active + counts.delayed + counts.prioritized;
  };
  const samples: number[] = [];
  let sent = 0;
  const started = Date.now();
  const tick = 20;
  let visitor = 0;
  const sampler = setInterval(() => {
    void oldestMarkAge(client).then((age) => {
      samples.push(age);
      process.stderr.write(`\rclicks at ${options.rate}/s: ${sent.toLocaleString('en-US')} sent, oldest mark ${age.toFixed(1)} s   `);
    });
  }, 1_000);
  try {
    while (Date.now() - started < options.seconds * 1_000) {
      const due = Math.floor(((Date.now() - started) / 1_000) * options.rate);
      for (; sent < due; sent += 1) {
        const link = links[Math.floor(links.length * Math.random() ** 2.5)]!;
        visitor = (visitor + 7_919) % 1_000_003;
        recorder.record(
          encodeClick({
            id: newId(),
            linkId: link.link_id,
            enrollmentId: link.enrollment_id,
            campaignId: link.campaign_id,
            organizationId: link.organization_id,
            creatorId: link.creator_id,
            visitorHash: `bench-visitor-${visitor}`,
            country: 'US',
            referrerHost: 'l.instagram.com',
            userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
          }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, tick));
    }
    const loadSeconds = (Date.now() - started) / 1_000;
    await recorder.drain();
    const stoppedAt = Date.now();
    const queuedAtStop = await queued();
    clearInterval(sampler);
    process.stderr.write('\n');
    note(`load over: ${sent.toLocaleString('en-US')} clicks in ${loadSeconds.toFixed(1)} s; ${queuedAtStop} click batches still queued; waiting for rows and rollups`);
    let settleSeconds: number | null = null;
    const deadline = stoppedAt + options.waitSeconds * 1_000;
    while (Date.now() < deadline) {
      const age = await oldestMarkAge(client);
      samples.push(age);
      if ((await queued()) === 0 && (await marksWaiting(client)) === 0) {
        settleSeconds = (Date.now() - stoppedAt) / 1_000;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return { clicks: sent, rate: sent / loadSeconds, maxLagSeconds: Math.max(0, ...samples), queuedAtStop, settleSeconds, samples };
  } finally {
    clearInterval(sampler);
    await recorder.beforeApplicationShutdown();
    await queue.close();
  }
}
