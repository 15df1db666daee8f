import { DiscountType } from '@app/campaigns';
import { codeKey, codeStem, discountSuffix, generatedCodes, normalizeCode, UNAMBIGUOUS_ALPHABET } from './code-rules.js';

const percent = (bps: number) => ({ type: DiscountType.PERCENTAGE, percentBps: bps, amountMinor: null });
const fixed = (minor: bigint) => ({ type: DiscountType.FIXED_AMOUNT, percentBps: null, amountMinor: minor });

describe('discount codes', () => {
  it('normalizes proposed codes and names the field when they are not codes', () => {
    expect(normalizeCode(' maya15 ', 'input.code')).toBe('MAYA15');
    for (const bad of ['abc', 'MAYA-15', 'MAYA 15', 'ÉTÉ2027', 'X'.repeat(21)]) {
      expect(() => normalizeCode(bad, 'input.code')).toThrow(/input\.code must be 4–20 letters/);
    }
  });

  it('folds look-alike characters so they cannot tell two codes apart', () => {
    expect(codeKey('MAYA15')).toBe(codeKey('MAYAI5'));
    expect(codeKey('MAYA15')).toBe(codeKey('mayal5'));
    expect(codeKey('LEO10')).toBe(codeKey('1E010'));
    expect(codeKey('MAYA15')).not.toBe(codeKey('MAYA16'));
  });

  it('keeps 0, O, 1, I and L out of the alphabet it makes characters from', () => {
    expect(UNAMBIGUOUS_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it.each([
    ['maya.on.trails', 'MAYA'],
    ['leo-cooks-outside', 'LEOCOOKS'],
    ['sofia.gory', 'SOFIA'],
    ['zoë', 'ZOE'],
    ['jo', 'JOCO'],
    ['averyveryverylonghandle', 'AVERYVERYV'],
  ])('makes a stem of %j: %j', (handle, stem) => {
    expect(codeStem(handle)).toBe(stem);
  });

  it('reads whole discounts into the code', () => {
    expect(discountSuffix(percent(1_500), 'USD')).toBe('15');
    expect(discountSuffix(percent(1_250), 'USD')).toBe('');
    expect(discountSuffix(fixed(1_000n), 'USD')).toBe('10');
    expect(discountSuffix(fixed(1_050n), 'USD')).toBe('');
    expect(discountSuffix(fixed(500n), 'JPY')).toBe('500');
  });

  it('offers the plain code first, then longer random variants, all valid codes', () => {
    const candidates = generatedCodes('maya.on.trails', percent(1_500), 'USD');
    expect(candidates[0]).toBe('MAYA15');
    expect(new Set(candidates).size).toBe(candidates.length);
    for (const code of candidates) {
      expect(normalizeCode(code, 'code')).toBe(code);
      expect(code.startsWith('MAYA15')).toBe(true);
    }
    expect(generatedCodes('al', percent(1_250), 'USD', () => 0)[0]).toBe('ALCO');
  });
});
