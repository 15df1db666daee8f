import { applyBasisPoints, assertCurrency, currencyDigits, formatMoney, parseMinorUnits, roundHalfEven } from './money.js';

describe('money', () => {
  it('rounds half to even, in both signs', () => {
    expect([25n, 35n, 24n, 26n, -25n, -35n, -26n].map((n) => roundHalfEven(n, 10n))).toEqual([2n, 4n, 2n, 3n, -2n, -4n, -3n]);
    expect(roundHalfEven(7n, -2n)).toBe(-4n);
    expect(() => roundHalfEven(1n, 0n)).toThrow(RangeError);
  });

  it('takes basis points of an amount without floating point', () => {
    expect(applyBasisPoints(12_345n, 1_500)).toBe(1_852n); // 1851.75
    expect(applyBasisPoints(250n, 500)).toBe(12n); // 12.5 rounds to even
    expect(applyBasisPoints(9_007_199_254_740_993n, 10_000)).toBe(9_007_199_254_740_993n);
  });

  it('knows minor-unit digits per currency', () => {
    expect([currencyDigits('USD'), currencyDigits('JPY'), currencyDigits('KWD')]).toEqual([2, 0, 3]);
  });

  it('formats exactly, including amounts beyond float precision', () => {
    expect(formatMoney({ amountMinor: 123_450n, currency: 'USD' })).toBe('$1,234.50');
    expect(formatMoney({ amountMinor: 1_200n, currency: 'JPY' })).toBe('¥1,200');
    expect(formatMoney({ amountMinor: -5n, currency: 'EUR' })).toBe('-€0.05');
    expect(formatMoney({ amountMinor: 900_719_925_474_099_301n, currency: 'USD' })).toBe('$9,007,199,254,740,993.01');
  });

  it('rejects bad input naming the field', () => {
    expect(() => assertCurrency('usd', 'input.currency')).toThrow(/input.currency must be an ISO 4217/);
    expect(() => assertCurrency('XYZ', 'input.currency')).toThrow(/input.currency/);
    expect(() => parseMinorUnits('12.50', 'input.budget.amountMinor')).toThrow(/input.budget.amountMinor must be a whole number/);
    expect(parseMinorUnits('1999', 'x')).toBe(1999n);
  });
});
