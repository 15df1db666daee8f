import { BadUserInputException } from '../errors/app.exception.js';
import { currencyDigits, roundHalfEven } from './money.js';

export interface DecimalAmountOptions {
  /** Accept a leading minus (a refund adjustment, a correction); amounts are never negative otherwise. */
  allowNegative?: boolean;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
const EXPONENT = /^(-)?(\d+)(?:\.(\d+))?e([+-]?\d+)$/;
const MAX_INTEGER_DIGITS = 18;
// Minor units are stored in Postgres `bigint`; anything past it could not be kept anyway.
const MAX_MINOR = 2n ** 63n - 1n;
// Longer text is not an amount anyone sends; it is refused before any work on it.
const MAX_TEXT_LENGTH = 64;

/**
 * Reads an amount in major units ("19.99", "1200", 12.5) as integer minor units of `currency`
 * (1999n for "19.99" USD, 1200n for "1200" JPY). Digits past the currency's are rounded
 * half-even. A JS number is read through its shortest round-trip text (the digits the JSON
 * it came from most likely had), never through float arithmetic. `currency` must already be
 * a valid ISO 4217 code.
 */
export function parseDecimalAmount(value: unknown, currency: string, field: string, options: DecimalAmountOptions = {}): bigint {
  const parts = decimalParts(value, field);
  const { negative, integer, fraction } = parts;
  const significant = integer.replace(/^0+(?=\d)/, '');
  if (significant.length > MAX_INTEGER_DIGITS) throw new BadUserInputException(field, `${field} is too large (more than ${MAX_INTEGER_DIGITS} digits before the decimal point)`);
  const isZero = /^0*$/.test(significant) && /^0*$/.test(fraction);
  if (negative && !isZero && !options.allowNegative) throw new BadUserInputException(field, `${field} must not be negative`);

  const digits = currencyDigits(currency);
  let minor: bigint;
  if (fraction.length <= digits) {
    minor = BigInt(significant + fraction.padEnd(digits, '0'));
  } else {
    // Only the digit after the last kept one and whether anything non-zero follows it decide
    // half-even rounding: a sticky 1 stands for the rest, so a long fraction costs nothing.
    const kept = fraction.slice(0, digits + 1);
    const sticky = /[1-9]/.test(fraction.slice(digits + 1)) ? '1' : '0';
    minor = roundHalfEven(BigInt(significant + kept + sticky), 100n);
  }
  if (minor > MAX_MINOR) throw new BadUserInputException(field, `${field} is too large`);
  return negative ? -minor : minor;
}

interface DecimalParts {
  negative: boolean;
  integer: string;
  fraction: string;
}

function decimalParts(value: unknown, field: string): DecimalParts {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new BadUserInputException(field, `${field} must be a finite number`);
    // The shortest text of a tiny or huge number has an exponent; written out it is exact.
    const text = String(value);
    const exponent = EXPONENT.exec(text);
    if (exponent) return expandExponent(exponent[1] === '-', exponent[2]!, exponent[3] ?? '', Number(exponent[4]));
    return splitDecimal(text, field);
  }
  if (typeof value !== 'string') throw new BadUserInputException(field, `${field} must be a decimal amount such as "19.99"`);
  const text = value.trim();
  if (text.length === 0) throw new BadUserInputException(field, `${field} must not be empty`);
  if (text.length > MAX_TEXT_LENGTH) throw new BadUserInputException(field, `${field} must be a decimal amount such as "19.99" (got ${text.length} characters)`);
  return splitDecimal(text, field);
}

function splitDecimal(text: string, field: string): DecimalParts {
  const match = DECIMAL.exec(text);
  if (!match) throw new BadUserInputException(field, `${field} must be a decimal amount in major units such as "19.99" (got "${text}")`);
  return { negative: match[1] === '-', integer: match[2]!, fraction: match[3] ?? '' };
}

function expandExponent(negative: boolean, integer: string, fraction: string, exponent: number): DecimalParts {
  const digits = integer + fraction;
  const point = integer.length + exponent;
  if (point <= 0) return { negative, integer: '0', fraction: '0'.repeat(-point) + digits };
  if (point >= digits.length) return { negative, integer: digits + '0'.repeat(point - digits.length), fraction: '' };
  return { negative, integer: digits.slice(0, point), fraction: digits.slice(point) };
}

/**
 * Minor units as an exact decimal string in major units, the inverse of
 * {@link parseDecimalAmount}: 1250n USD is "12.50", -5n USD "-0.05", 1200n JPY "1200".
 * For files and machines; people get {@link formatMoney}.
 */
export function minorToDecimal(amountMinor: bigint, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = amountMinor < 0n;
  const raw = (negative ? -amountMinor : amountMinor).toString().padStart(digits + 1, '0');
  const text = digits === 0 ? raw : `${raw.slice(0, -digits)}.${raw.slice(-digits)}`;
  return negative ? `-${text}` : text;
}
