import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

// Random bytes are drawn from the CSPRNG a few kilobytes at a time: one call per id costs
// microseconds (and a system call), which the redirector pays on every click.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function takeRandom(target: Buffer, targetStart: number, length: number): void {
  if (poolOffset + length > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  pool.copy(target, targetStart, poolOffset, poolOffset + length);
  poolOffset += length;
}

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids
 * sort by creation time and index well. Within one millisecond a 12-bit counter in
 * `rand_a` keeps ids from this process strictly increasing (RFC 9562, method 1).
 */
export function newId(now: number = Date.now()): string {
  const bytes = Buffer.allocUnsafe(16);
  takeRandom(bytes, 6, 10);
  let ms = now;
  if (ms <= lastMs) {
    sequence += 1;
    if (sequence > 0xfff) {
      // Counter exhausted within this millisecond: borrow the next one.
      lastMs += 1;
      sequence = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    sequence = bytes.readUInt16BE(6) & 0x3ff; // leave headroom for increments
  }
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);

  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The Unix milliseconds inside a UUID v7 (its first 48 bits). */
export function uuidV7Time(id: string): number {
  return parseInt(`${id.slice(0, 8)}${id.slice(9, 13)}`, 16);
}
