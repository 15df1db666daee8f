import { BadUserInputException } from '../errors/app.exception.js';

/** An amount of money: an integer count of minor units (cents, pence, yen) in an ISO 4217 currency. */
export interface Money {
  amountMinor: bigint;
  currency: string;
}

const SUPPORTED_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const digitsCache = new Map<string, number>();
/** Formatters by locale and currency: building one costs far more than formatting with it. */
const formatters = new Map<string, Intl.NumberFormat>();
const MAX_FORMATTERS = 1_000;

/** Whether `code` is an upper-case ISO 4217 currency code this runtime knows. */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && SUPPORTED_CURRENCIES.has(code);
}

/** Validates a currency code, naming `field` when it is not ISO 4217. */
export function assertCurrency(code: string, field: string): string {
  if (!isCurrencyCode(code)) throw new BadUserInputException(field, `${field} must be an ISO 4217 currency code such as USD or EUR (got "${code}")`);
  return code;
}

/** Minor-unit digits of a currency: 2 for USD, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * `numerator / denominator` rounded half-to-even (banker's rounding) to an integer. The one
 * rounding function of all money code: a commission of 12.5 cents becomes 12, of 13.5 becomes 14.
 */
export function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  if (denominator < 0n) return roundHalfEven(-numerator, -denominator);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < denominator) return quotient;
  const away = numerator < 0n ? quotient - 1n : quotient + 1n;
  if (twice > denominator) return away;
  return quotient % 2n === 0n ? quotient : away;
}

/** `basisPoints` hundredths of a percent of `amountMinor` (1,500 bp = 15%), rounded half-even. */
export function applyBasisPoints(amountMinor: bigint, basisPoints: number): bigint {
  return roundHalfEven(amountMinor * BigInt(basisPoints), 10_000n);
}

const MINOR_PATTERN = /^-?\d{1,18}$/;

/** Parses a string of minor units ("1999" is 19.99 USD), naming `field` when it is not an integer. */
export function parseMinorUnits(value: string, field: string): bigint {
  if (!MINOR_PATTERN.test(value)) throw new BadUserInputException(field, `${field} must be a whole number of minor units, e.g. "1999" for 19.99`);
  return BigInt(value);
}

/** A human-readable amount, e.g. "$1,234.50" or "¥1,200", for display only. */
export function formatMoney({ amountMinor, currency }: Money, locale = 'en-US'): string {
  const digits = currencyDigits(currency);
  const negative = amountMinor < 0n;
  const absolute = negative ? -amountMinor : amountMinor;
  const scale = 10n ** BigInt(digits);
  const decimal = `${negative ? '-' : ''}${absolute / scale}${digits > 0 ? `.${(absolute % scale).toString().padStart(digits, '0')}` : ''}`;
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    // Locales and currencies are few; the bound only stops a caller passing arbitrary locales from growing it.
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  // Intl formats decimal strings exactly (no float on the way).
  return formatter.format(decimal as unknown as number);
}

/** TypeORM column transformer: Postgres `bigint` (a string in `pg`) to and from a JS `bigint`. */
export const BIGINT_COLUMN = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
