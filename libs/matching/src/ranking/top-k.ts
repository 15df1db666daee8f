import { compareUuidSlots } from '../index/uuid-words.js';

export interface RankedSlot {
  score: number;
  creator: number;
  account: number;
}

/**
 * The k best (score, creator) entries seen, in a bounded binary min-heap whose root is the
 * worst kept entry. Better means a higher score, then a smaller creator id, so rankings and
 * cursors are deterministic.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly creators: Int32Array;
  private readonly accounts: Int32Array;
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly ids: Uint32Array,
  ) {
    this.scores = new Float64Array(capacity);
    this.creators = new Int32Array(capacity);
    this.accounts = new Int32Array(capacity);
  }

  get full(): boolean {
    return this.size >= this.capacity;
  }

  /** The worst kept score (only meaningful when full). */
  get worstScore(): number {
    return this.scores[0]!;
  }

  /** True when entry i ranks below entry j. */
  private worse(i: number, j: number): boolean {
    const a = this.scores[i]!;
    const b = this.scores[j]!;
    return a < b || (a === b && compareUuidSlots(this.ids, this.creators[i]!, this.creators[j]!) > 0);
  }

  /** True when a candidate ranks above the kept entry at i. */
  private beats(score: number, creator: number, i: number): boolean {
    const kept = this.scores[i]!;
    return score > kept || (score === kept && compareUuidSlots(this.ids, creator, this.creators[i]!) < 0);
  }

  offer(score: number, creator: number, account: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      let i = this.size++;
      this.set(i, score, creator, account);
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (!this.beats(score, creator, 0)) return;
    this.set(0, score, creator, account);
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.size && this.worse(left, worst)) worst = left;
      if (right < this.size && this.worse(right, worst)) worst = right;
      if (worst === i) break;
      this.swap(i, worst);
      i = worst;
    }
  }

  /** The kept entries, best first. */
  sorted(): RankedSlot[] {
    const entries: RankedSlot[] = [];
    for (let i = 0; i < this.size; i += 1) entries.push({ score: this.scores[i]!, creator: this.creators[i]!, account: this.accounts[i]! });
    return entries.sort((a, b) => b.score - a.score || compareUuidSlots(this.ids, a.creator, b.creator));
  }

  private set(i: number, score: number, creator: number, account: number): void {
    this.scores[i] = score;
    this.creators[i] = creator;
    this.accounts[i] = account;
  }

  private swap(i: number, j: number): void {
    const score = this.scores[i]!;
    const creator = this.creators[i]!;
    const account = this.accounts[i]!;
    this.set(i, this.scores[j]!, this.creators[j]!, this.accounts[j]!);
    this.set(j, score, creator, account);
  }
}
