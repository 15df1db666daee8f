/**
 * UUIDs held as four unsigned 32-bit words in a shared Uint32Array: 16 bytes each instead
 * of a 36-character string, and compared word by word in the same order as PostgreSQL
 * compares `uuid` values (bytewise), so ties are broken exactly as SQL would.
 */
export const UUID_WORDS = 4;

export function writeUuid(words: Uint32Array, slot: number, id: string): void {
  const hex = id.length === 36 ? id.slice(0, 8) + id.slice(9, 13) + id.slice(14, 18) + id.slice(19, 23) + id.slice(24) : id;
  const base = slot * UUID_WORDS;
  for (let i = 0; i < UUID_WORDS; i += 1) words[base + i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16) >>> 0;
}

export function readUuid(words: Uint32Array, slot: number): string {
  const base = slot * UUID_WORDS;
  let hex = '';
  for (let i = 0; i < UUID_WORDS; i += 1) hex += words[base + i]!.toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Negative, zero or positive as slot a's id sorts before, with or after slot b's. */
export function compareUuidSlots(words: Uint32Array, a: number, b: number): number {
  const ba = a * UUID_WORDS;
  const bb = b * UUID_WORDS;
  for (let i = 0; i < UUID_WORDS; i += 1) {
    const x = words[ba + i]!;
    const y = words[bb + i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Compares a slot's id with an id given as four words. */
export function compareUuidSlotTo(words: Uint32Array, a: number, other: Uint32Array): number {
  const ba = a * UUID_WORDS;
  for (let i = 0; i < UUID_WORDS; i += 1) {
    const x = words[ba + i]!;
    const y = other[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function uuidWords(id: string): Uint32Array {
  const words = new Uint32Array(UUID_WORDS);
  writeUuid(words, 0, id);
  return words;
}

/**
 * Open-addressing hash from a UUID to its slot, over the slots' words: a few bytes per
 * entry where a Map of strings would cost about a hundred.
 */
export class UuidSlotTable {
  private table = new Int32Array(1 << 10);
  private used = 0;

  constructor(private readonly words: () => Uint32Array) {}

  get size(): number {
    return this.used;
  }

  private static hash(words: Uint32Array, base: number): number {
    // The last two words are random in both UUID v4 and v7.
    return Math.imul(words[base + 3]! ^ Math.imul(words[base + 2]!, 0x9e3779b1), 0x85ebca6b) >>> 0;
  }

  /** The slot holding `id`, or -1. */
  find(id: string | Uint32Array): number {
    const key = typeof id === 'string' ? uuidWords(id) : id;
    const words = this.words();
    const mask = this.table.length - 1;
    for (let i = UuidSlotTable.hash(key, 0) & mask; ; i = (i + 1) & mask) {
      const entry = this.table[i]!;
      if (entry === 0) return -1;
      if (compareUuidSlotTo(words, entry - 1, key) === 0) return entry - 1;
    }
  }

  /** Registers a slot whose id is already written to the words and not yet in the table. */
  insert(slot: number): void {
    if ((this.used + 1) * 2 > this.table.length) this.rehash(this.table.length * 2);
    this.place(slot);
    this.used += 1;
  }

  private place(slot: number): void {
    const words = this.words();
    const mask = this.table.length - 1;
    let i = UuidSlotTable.hash(words, slot * UUID_WORDS) & mask;
    while (this.table[i] !== 0) i = (i + 1) & mask;
    this.table[i] = slot + 1;
  }

  private rehash(capacity: number): void {
    const old = this.table;
    this.table = new Int32Array(capacity);
    for (const entry of old) if (entry !== 0) this.place(entry - 1);
  }
}
