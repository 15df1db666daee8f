/** Small helpers for the benchmark's output: a progress bar on stderr, percentiles, a table. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank: the smallest sample with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly width = 30,
  ) {}

  update(done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < 200 && done < this.total) return;
    this.lastDraw = now;
    const share = this.total === 0 ? 1 : Math.min(1, done / this.total);
    const filled = Math.round(share * this.width);
    const elapsed = (now - this.started) / 1000;
    const eta = share > 0 ? elapsed / share - elapsed : 0;
    const bar = `${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}`;
    process.stderr.write(
      `\r${this.label} [${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} ` +
        `${elapsed.toFixed(0)}s elapsed${share < 1 ? `, ~${eta.toFixed(0)}s left` : ''}   `,
    );
  }

  finish(): void {
    this.update(this.total, true);
    process.stderr.write('\n');
  }
}

export function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows
    .map((row, i) => {
      const line = row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]!) : String(cell).padStart(widths[column]!))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}
