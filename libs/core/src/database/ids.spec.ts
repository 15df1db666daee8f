import { isUuid, newId, uuidV7Time } from './ids.js';

describe('newId', () => {
  it('produces RFC 9562 version 7 UUIDs', () => {
    const id = newId();
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  // Each test starts later than any id made before it in this file: the generator never
  // goes back to an earlier millisecond, so a fixed past date would read back as a later one.
  it('encodes the creation time in the first 48 bits', () => {
    const at = Date.now() + 10 * 60_000;
    const id = newId(at);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBe(at);
    expect(uuidV7Time(id)).toBe(at);
  });

  it('is strictly increasing within a process, even within one millisecond', () => {
    const at = Date.now() + 20 * 60_000;
    const ids = Array.from({ length: 5000 }, () => newId(at));
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not go backwards when the clock does', () => {
    const later = newId(Date.now() + 30 * 60_000);
    const earlier = newId(Date.now());
    expect(earlier > later).toBe(true);
  });
});
