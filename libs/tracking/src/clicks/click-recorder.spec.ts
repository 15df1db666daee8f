import { jest } from '@jest/globals';
import type { AppConfig } from '@app/core';
import type { Queue } from 'bullmq';
import { ClickRecorder } from './click-recorder.js';

const line = (n: number) => `c1\tclick-${n}`;
const ADD_MS = 2;

function setup({ flushMs = 30, batchSize = 5, failures = 0 } = {}) {
  const sent: string[][] = [];
  let failing = failures;
  const queue = {
    add: async (_name: string, data: { clicks: string[] }) => {
      await new Promise((resolve) => setTimeout(resolve, ADD_MS));
      if (failing > 0) {
        failing -= 1;
        throw new Error('Redis is away');
      }
      sent.push(data.clicks);
    },
  } as unknown as Queue;
  const config = { tracking: { clickFlushMs: flushMs, clickBatchSize: batchSize } } as AppConfig;
  return { recorder: new ClickRecorder(config, queue), sent };
}

describe('ClickRecorder', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('holds a click for the flush interval, then sends it', async () => {
    const { recorder, sent } = setup({ flushMs: 30 });
    recorder.record(line(1));
    await jest.advanceTimersByTimeAsync(29);
    expect(sent).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1 + ADD_MS);
    expect(sent).toEqual([[line(1)]]);
  });

  it('sends a full batch at once, and the rest no sooner than the interval', async () => {
    const { recorder, sent } = setup({ flushMs: 40, batchSize: 3 });
    for (let n = 1; n <= 4; n += 1) recorder.record(line(n));
    await jest.advanceTimersByTimeAsync(ADD_MS);
    expect(sent).toEqual([[line(1), line(2), line(3)]]);
    await jest.advanceTimersByTimeAsync(39);
    expect(sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1 + ADD_MS);
    expect(sent).toEqual([[line(1), line(2), line(3)], [line(4)]]);
  });

  it('paces batches under steady load: one per interval, not one per round trip', async () => {
    const { recorder, sent } = setup({ flushMs: 25, batchSize: 1_000 });
    for (let ms = 0; ms < 250; ms += 1) {
      recorder.record(line(ms));
      await jest.advanceTimersByTimeAsync(1);
    }
    expect(sent.length).toBeGreaterThanOrEqual(8);
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.flat()).toEqual(Array.from({ length: sent.flat().length }, (_, ms) => line(ms)));
  });

  it('keeps what Redis refuses and sends it again, in order, losing nothing', async () => {
    const { recorder, sent } = setup({ flushMs: 5, failures: 2 });
    for (let n = 1; n <= 7; n += 1) recorder.record(line(n));
    await jest.advanceTimersByTimeAsync(2_000);
    expect(sent.flat()).toEqual([1, 2, 3, 4, 5, 6, 7].map(line));
    expect(recorder.pending).toBe(0);
  });

  it('sends everything it holds when the process stops, and counts a later click as dropped', async () => {
    const { recorder, sent } = setup({ flushMs: 10_000 });
    recorder.record(line(1));
    recorder.record(line(2));
    const stopping = recorder.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(100);
    await stopping;
    expect(sent.flat()).toEqual([line(1), line(2)]);
    recorder.record(line(3));
    await jest.advanceTimersByTimeAsync(20_000);
    expect(sent.flat()).toEqual([line(1), line(2)]);
    expect(recorder.dropped).toBe(1);
  });
});
