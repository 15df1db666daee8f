import fc from 'fast-check';
import { BadUserInputException } from '../errors/app.exception.js';
import { minorToDecimal, parseDecimalAmount } from './decimal-amount.js';

function rejection(run: () => unknown): BadUserInputException {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputException) return error;
    throw error;
  }
  throw new Error('expected a BadUserInputException');
}

describe('parseDecimalAmount', () => {
  it('reads major-unit decimal strings as minor units of the currency', () => {
    expect(parseDecimalAmount('19.99', 'USD', 'x')).toBe(1999n);
    expect(parseDecimalAmount('1200', 'USD', 'x')).toBe(120_000n);
    expect(parseDecimalAmount('1200.00', 'USD', 'x')).toBe(120_000n);
    expect(parseDecimalAmount('0.5', 'USD', 'x')).toBe(50n);
    expect(parseDecimalAmount('007.10', 'EUR', 'x')).toBe(710n);
    expect(parseDecimalAmount('  4.20 ', 'USD', 'x')).toBe(420n);
    expect(parseDecimalAmount('1200', 'JPY', 'x')).toBe(1200n);
    expect(parseDecimalAmount('1.234', 'KWD', 'x')).toBe(1234n);
  });

  it('rounds digits past the currency half to even', () => {
    const read = (text: string, currency = 'USD') => parseDecimalAmount(text, currency, 'x');
    expect(['0.125', '0.135', '0.1251', '0.124999', '0.12500000000000000000000001'].map((text) => read(text))).toEqual([12n, 14n, 13n, 12n, 13n]);
    expect(read('1200.5', 'JPY')).toBe(1200n);
    expect(read('1201.5', 'JPY')).toBe(1202n);
    expect(read('0.0005', 'KWD')).toBe(0n);
  });

  it('reads finite numbers through their shortest text, not float arithmetic', () => {
    expect(parseDecimalAmount(19.99, 'USD', 'x')).toBe(1999n);
    expect(parseDecimalAmount(0.1 + 0.2, 'USD', 'x')).toBe(30n);
    expect(parseDecimalAmount(1.005, 'USD', 'x')).toBe(100n); // "1.005" is a half: to even
    expect(parseDecimalAmount(195.66, 'USD', 'x')).toBe(19_566n);
    expect(parseDecimalAmount(1e-7, 'USD', 'x')).toBe(0n);
    expect(parseDecimalAmount(1e17, 'JPY', 'x')).toBe(10n ** 17n);
    expect(parseDecimalAmount(-0, 'USD', 'x')).toBe(0n);
    expect(parseDecimalAmount(7, 'USD', 'x')).toBe(700n);
  });

  it('accepts negatives only when asked', () => {
    expect(parseDecimalAmount('-3.5', 'USD', 'x', { allowNegative: true })).toBe(-350n);
    expect(parseDecimalAmount(-0.125, 'USD', 'x', { allowNegative: true })).toBe(-12n);
    expect(parseDecimalAmount('-0.00', 'USD', 'x')).toBe(0n);
    expect(rejection(() => parseDecimalAmount('-3.5', 'USD', 'refund.amount')).message).toMatch(/refund.amount must not be negative/);
    expect(() => parseDecimalAmount(-1, 'USD', 'x')).toThrow(/must not be negative/);
  });

  it('rejects what is not a plain decimal, naming the field', () => {
    for (const value of ['', '   ', '1e3', '1E3', '12,50', '1,200.00', '$5', '5.', '.5', '+5', '--5', '0x10', 'NaN', 'Infinity', '1 000', '١٢']) {
      const error = rejection(() => parseDecimalAmount(value, 'USD', 'order.total'));
      expect(error.fields).toEqual([{ field: 'order.total', message: error.message }]);
    }
    for (const value of [null, undefined, true, {}, [], 10n, NaN, Infinity, -Infinity]) {
      expect(rejection(() => parseDecimalAmount(value, 'USD', 'order.total')).fields?.[0]?.field).toBe('order.total');
    }
    expect(() => parseDecimalAmount(`1.${'0'.repeat(80)}`, 'USD', 'x')).toThrow(/decimal amount/);
  });

  it('rejects more than 18 integer digits and amounts past a Postgres bigint', () => {
    expect(parseDecimalAmount('999999999999999999', 'JPY', 'x')).toBe(999_999_999_999_999_999n);
    expect(parseDecimalAmount('0000000000000000001.00', 'USD', 'x')).toBe(100n);
    expect(() => parseDecimalAmount('1000000000000000000', 'JPY', 'x')).toThrow(/too large/);
    expect(() => parseDecimalAmount(1e21, 'JPY', 'x')).toThrow(/too large/);
    expect(() => parseDecimalAmount(Number.MAX_VALUE, 'USD', 'x')).toThrow(/too large/);
    expect(() => parseDecimalAmount('999999999999999999', 'USD', 'x')).toThrow(/too large/);
    expect(parseDecimalAmount('92233720368547758.07', 'USD', 'x')).toBe(2n ** 63n - 1n);
  });

  it('round-trips every minor amount written in major units', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), fc.constantFrom('USD', 'JPY', 'KWD'), (minor, currency) => {
        expect(parseDecimalAmount(minorToDecimal(minor, currency), currency, 'x', { allowNegative: true })).toBe(minor);
      }),
    );
  });
});

describe('minorToDecimal', () => {
  it('writes minor units as exact major units with the currency’s digits', () => {
    expect(minorToDecimal(1250n, 'USD')).toBe('12.50');
    expect(minorToDecimal(5n, 'USD')).toBe('0.05');
    expect(minorToDecimal(-1505n, 'USD')).toBe('-15.05');
    expect(minorToDecimal(0n, 'EUR')).toBe('0.00');
    expect(minorToDecimal(1200n, 'JPY')).toBe('1200');
    expect(minorToDecimal(1234n, 'KWD')).toBe('1.234');
    expect(minorToDecimal(9_223_372_036_854_775_807n, 'USD')).toBe('92233720368547758.07');
  });
});
