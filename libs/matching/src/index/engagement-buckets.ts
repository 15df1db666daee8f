import { lowerBound, midRankPercentile, upperBound } from '../scoring/percentile.js';

/** Bucket slots per platform: one per niche bit (0–31) and one for the whole platform. */
const SLOTS_PER_PLATFORM = 33;
const PLATFORM_WIDE = 32;

/** A bucket whose changes exceed this share of its size is re-sorted instead of merged. */
const RESORT_SHARE = 0.25;

/**
 * Each bucket keeps a cumulative histogram of its rates in bins of 1/4096 (the last bin
 * takes everything from 0.5 up): `cumulative[b]` counts the rates below b/4096. It narrows
 * every percentile search to one bin, and gives the ranker a cheap ceiling on a percentile.
 * Scaling by a power of two is exact, so the bins never misplace a rate.
 */
const BIN_SCALE = 4096;
export const ENGAGEMENT_BINS = 2048;
const BINS = ENGAGEMENT_BINS;

/** The histogram bin of an engagement rate. */
export function binOf(rate: number): number {
  const bin = Math.floor(rate * BIN_SCALE);
  return bin < 0 ? 0 : bin >= BINS ? BINS - 1 : bin;
}

function sortedCopy(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Engagement rates of every account, sorted per (platform, niche) and per platform, for
 * percentiles. Changes are queued and applied lazily, on the next read of that bucket, by
 * one linear merge: a profile edit costs one pass over the buckets it touches, not a sort.
 */
export class EngagementBuckets {
  private sorted: Float64Array[];
  private readonly cumulative: Int32Array[];
  private added: number[][];
  private removed: number[][];
  private readonly dirty: Uint8Array;

  constructor(platformCount: number) {
    const slots = platformCount * SLOTS_PER_PLATFORM;
    this.sorted = Array.from({ length: slots }, () => new Float64Array(0));
    this.cumulative = Array.from({ length: slots }, () => new Int32Array(BINS + 1));
    this.added = Array.from({ length: slots }, () => []);
    this.removed = Array.from({ length: slots }, () => []);
    this.dirty = new Uint8Array(slots);
  }

  static nicheKey(platform: number, nicheBit: number): number {
    return platform * SLOTS_PER_PLATFORM + nicheBit;
  }

  static platformKey(platform: number): number {
    return platform * SLOTS_PER_PLATFORM + PLATFORM_WIDE;
  }

  add(platform: number, nicheMask: number, rate: number): void {
    this.change(this.added, platform, nicheMask, rate);
  }

  remove(platform: number, nicheMask: number, rate: number): void {
    this.change(this.removed, platform, nicheMask, rate);
  }

  private change(queue: number[][], platform: number, nicheMask: number, rate: number): void {
    const wide = EngagementBuckets.platformKey(platform);
    queue[wide]!.push(rate);
    this.dirty[wide] = 1;
    for (let mask = nicheMask >>> 0; mask !== 0; mask &= mask - 1) {
      const key = EngagementBuckets.nicheKey(platform, 31 - Math.clz32(mask & -mask));
      queue[key]!.push(rate);
      this.dirty[key] = 1;
    }
  }

  /** How many accounts the bucket holds. */
  size(key: number): number {
    if (this.dirty[key] === 1) this.flush(key);
    return this.sorted[key]!.length;
  }

  /** The mid-rank percentile of `rate` in the bucket. */
  percentile(key: number, rate: number): number {
    if (this.dirty[key] === 1) this.flush(key);
    const sorted = this.sorted[key]!;
    const cumulative = this.cumulative[key]!;
    const bin = binOf(rate);
    // Every rate in an earlier bin is below `rate`, every rate in a later bin above it.
    const from = cumulative[bin]!;
    const to = cumulative[bin + 1]!;
    const below = lowerBound(sorted, rate, to, from);
    const atOrBelow = upperBound(sorted, rate, to, from);
    return midRankPercentile(below, atOrBelow - below, sorted.length);
  }

  /** A cheap upper bound on {@link percentile}: the share of the bucket at or below the end of `rate`'s bin. */
  percentileCeiling(key: number, rate: number): number {
    if (this.dirty[key] === 1) this.flush(key);
    const total = this.sorted[key]!.length;
    return total === 0 ? 0 : this.cumulative[key]![binOf(rate) + 1]! / total;
  }

  /** Raises `out[bin]` to this bucket's {@link percentileCeiling} for rates in each bin. */
  raiseCeilings(key: number, out: Float64Array): void {
    if (this.dirty[key] === 1) this.flush(key);
    const total = this.sorted[key]!.length;
    if (total === 0) return;
    const cumulative = this.cumulative[key]!;
    for (let bin = 0; bin < BINS; bin += 1) {
      const ceiling = cumulative[bin + 1]! / total;
      if (ceiling > out[bin]!) out[bin] = ceiling;
    }
  }

  /** Applies every queued change now (after a bulk load, so the first query does not pay for it). */
  flushAll(): void {
    for (let key = 0; key < this.dirty.length; key += 1) if (this.dirty[key] === 1) this.flush(key);
  }

  private flush(key: number): void {
    this.applyChanges(key);
    const sorted = this.sorted[key]!;
    const cumulative = this.cumulative[key]!;
    for (let bin = 0; bin < BINS; bin += 1) cumulative[bin] = lowerBound(sorted, bin / BIN_SCALE);
    cumulative[BINS] = sorted.length;
  }

  private applyChanges(key: number): void {
    const base = this.sorted[key]!;
    const [adds, removes] = cancelOut(this.added[key]!, this.removed[key]!);
    this.added[key] = [];
    this.removed[key] = [];
    this.dirty[key] = 0;
    if (removes.length === 0 && base.length === 0) {
      this.sorted[key] = sortedCopy(adds);
      return;
    }
    if (adds.length + removes.length > base.length * RESORT_SHARE) {
      this.sorted[key] = this.resort(base, adds, removes);
      return;
    }
    const add = sortedCopy(adds);
    const remove = sortedCopy(removes);
    const out = new Float64Array(base.length + add.length);
    let written = 0;
    let r = 0;
    let a = 0;
    for (let i = 0; i < base.length; i += 1) {
      const value = base[i]!;
      while (r < remove.length && remove[r]! < value) r += 1; // a removal of a value never added: ignore it
      if (r < remove.length && remove[r] === value) {
        r += 1;
        continue;
      }
      while (a < add.length && add[a]! <= value) out[written++] = add[a++]!;
      out[written++] = value;
    }
    while (a < add.length) out[written++] = add[a++]!;
    this.sorted[key] = out.subarray(0, written);
  }

  private resort(base: Float64Array, adds: number[], removes: number[]): Float64Array {
    const pending = multiset(removes);
    const kept: number[] = [];
    for (const value of base) {
      const count = pending.get(value);
      if (count) pending.set(value, count - 1);
      else kept.push(value);
    }
    for (const value of adds) kept.push(value);
    return sortedCopy(kept);
  }
}

function multiset(values: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Drops values both added and removed since the last read (an account replaced twice in between). */
function cancelOut(adds: number[], removes: number[]): [number[], number[]] {
  if (adds.length === 0 || removes.length === 0) return [adds, removes];
  const removals = multiset(removes);
  const netAdds: number[] = [];
  for (const value of adds) {
    const count = removals.get(value);
    if (count) removals.set(value, count - 1);
    else netAdds.push(value);
  }
  const netRemoves: number[] = [];
  for (const [value, count] of removals) for (let i = 0; i < count; i += 1) netRemoves.push(value);
  return [netAdds, netRemoves];
}
