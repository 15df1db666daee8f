import { changedFields, REDACTED, redactPersonal, toJsonValue } from './audit-changes.js';

const NOV_2 = new Date('2026-11-02T10:00:00.000Z');

describe('changedFields', () => {
  it.each<[string, Record<string, unknown> | null, Record<string, unknown> | null, ReturnType<typeof changedFields>]>([
    [
      'keeps only the fields that changed',
      { status: 'PENDING', amountMinor: 100n, note: 'x' },
      { status: 'APPROVED', amountMinor: 100n, note: 'x' },
      { before: { status: 'PENDING' }, after: { status: 'APPROVED' } },
    ],
    ['gives empty sides when nothing changed', { status: 'PENDING' }, { status: 'PENDING' }, { before: {}, after: {} }],
    [
      'writes bigints as decimal strings, every digit kept',
      { amountMinor: 9_007_199_254_740_993n },
      { amountMinor: 9_007_199_254_740_995n },
      { before: { amountMinor: '9007199254740993' }, after: { amountMinor: '9007199254740995' } },
    ],
    [
      'writes dates as ISO strings',
      { approvedAt: null },
      { approvedAt: NOV_2 },
      { before: { approvedAt: null }, after: { approvedAt: '2026-11-02T10:00:00.000Z' } },
    ],
    ['sees equal dates as unchanged though they are other objects', { approvedAt: NOV_2 }, { approvedAt: new Date(NOV_2.getTime()) }, { before: {}, after: {} }],
    [
      'compares only the keys of after, so after may be a patch',
      { status: 'PENDING', amountMinor: 100n },
      { status: 'VOID' },
      { before: { status: 'PENDING' }, after: { status: 'VOID' } },
    ],
    ['reads a field missing before as null', {}, { reason: 'refund' }, { before: { reason: null }, after: { reason: 'refund' } }],
    ['sees undefined and null as the same jsonb value', { reason: undefined }, { reason: null }, { before: {}, after: {} }],
    [
      'compares nested objects by value, whatever their key order',
      { terms: { rateBps: 1_500, capMinor: 10n } },
      { terms: { capMinor: 10n, rateBps: 1_500 } },
      { before: {}, after: {} },
    ],
    [
      'sees a change inside a nested object',
      { terms: { rateBps: 1_500 } },
      { terms: { rateBps: 2_000 } },
      { before: { terms: { rateBps: 1_500 } }, after: { terms: { rateBps: 2_000 } } },
    ],
    [
      'sees a change of order inside an array',
      { tags: ['a', 'b'] },
      { tags: ['b', 'a'] },
      { before: { tags: ['a', 'b'] }, after: { tags: ['b', 'a'] } },
    ],
    ['tells 1 from "1"', { count: 1 }, { count: '1' }, { before: { count: 1 }, after: { count: '1' } }],
    [
      'records every field of a creation',
      null,
      { status: 'PENDING', amountMinor: 5n },
      { before: null, after: { status: 'PENDING', amountMinor: '5' } },
    ],
    [
      'records every field of a removal',
      { status: 'PENDING', createdAt: NOV_2 },
      null,
      { before: { status: 'PENDING', createdAt: '2026-11-02T10:00:00.000Z' }, after: null },
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(changedFields(before, after)).toEqual(expected);
  });

  it('leaves its inputs alone', () => {
    const before = Object.freeze({ amountMinor: 1n, at: NOV_2 });
    const after = Object.freeze({ amountMinor: 2n, at: NOV_2 });
    changedFields(before, after);
    expect(before).toEqual({ amountMinor: 1n, at: NOV_2 });
  });
});

describe('toJsonValue', () => {
  it('writes what JSON cannot hold as jsonb can', () => {
    expect(toJsonValue({ a: 1n, b: NOV_2, c: undefined, d: Number.NaN, e: [Infinity, new Date(Number.NaN)], f: () => 1 })).toEqual({
      a: '1',
      b: '2026-11-02T10:00:00.000Z',
      c: null,
      d: null,
      e: [null, null],
      f: null,
    });
    expect(toJsonValue({ toJSON: () => ({ x: 1n }) })).toEqual({ x: '1' });
  });

  it('refuses a value that contains itself instead of looping', () => {
    const cyclic: Record<string, unknown> = { id: 'x' };
    cyclic.self = cyclic;
    expect(() => toJsonValue(cyclic)).toThrow(/refers to itself/);
    const shared = { id: 'y' };
    expect(toJsonValue({ a: shared, b: shared })).toEqual({ a: { id: 'y' }, b: { id: 'y' } });
  });
});

describe('redactPersonal', () => {
  it('replaces the values of personal fields at any depth and keeps the rest', () => {
    expect(
      redactPersonal({
        email: 'maya@example.com',
        status: 'ACTIVE',
        profile: { displayName: 'Maya Lopez', bio: 'Skincare', followers: 1_200 },
        accounts: [{ handle: 'maya.glow', platform: 'INSTAGRAM' }],
        url: 'https://instagram.com/p/abc',
      }),
    ).toEqual({
      email: REDACTED,
      status: 'ACTIVE',
      profile: { displayName: REDACTED, bio: REDACTED, followers: 1_200 },
      accounts: [{ handle: REDACTED, platform: 'INSTAGRAM' }],
      url: REDACTED,
    });
  });

  it('keeps a null personal field null, so a cleared value still reads as cleared', () => {
    expect(redactPersonal({ bio: null, caption: 'x' })).toEqual({ bio: null, caption: REDACTED });
  });

  it('leaves scalars and arrays of scalars alone', () => {
    expect(redactPersonal('maya@example.com')).toBe('maya@example.com');
    expect(redactPersonal(['a', 1, null])).toEqual(['a', 1, null]);
  });
});
