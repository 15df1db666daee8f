/** Index of the first value ≥ x in an ascending array, searching [start, length). */
export function lowerBound(sorted: Float64Array, x: number, length = sorted.length, start = 0): number {
  let lo = start;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first value > x in an ascending array, searching [start, length). */
export function upperBound(sorted: Float64Array, x: number, length = sorted.length, start = 0): number {
  let lo = start;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The mid-rank percentile of x among the values, in [0, 1): the share strictly below it
 * plus half the share equal to it. Ties therefore share one percentile, and the median of
 * a group sits at 0.5 whatever the group's size.
 */
export function midRankPercentile(below: number, equal: number, total: number): number {
  return total === 0 ? 0 : (below + 0.5 * equal) / total;
}

export function percentileIn(sorted: Float64Array, x: number, length = sorted.length): number {
  const below = lowerBound(sorted, x, length);
  return midRankPercentile(below, upperBound(sorted, x, length) - below, length);
}
