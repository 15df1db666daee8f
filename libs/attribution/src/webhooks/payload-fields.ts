import { assertCurrency, BadUserInputException, isUuid, parseDecimalAmount } from '@app/core';
import { OrderPayloadError } from '../orders/order-event.js';

/**
 * Readers for untrusted webhook JSON, shared by the generic and the Shopify parsers. They are
 * liberal where senders differ harmlessly (null for absent, ids and amounts as numbers or
 * strings, text with stray spaces) and strict where a wrong value would cost money or trust.
 * Every failure is an {@link OrderPayloadError} naming the JSON path at fault.
 */
export type JsonObject = Record<string, unknown>;

export const MAX_ID_LENGTH = 255;
export const MAX_DISCOUNT_CODES = 50;
export const MAX_LINE_ITEMS = 1000;
export const MAX_TEXT_LENGTH = 255;
export const MAX_EMAIL_LENGTH = 320;
export const MAX_URL_LENGTH = 4096;
const MAX_QUANTITY = 1_000_000;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

export function readObject(value: unknown, field: string): JsonObject | null {
  if (isAbsent(value)) return null;
  if (!isObject(value)) throw new OrderPayloadError(field, `${field} must be an object`);
  return value;
}

export function requireObject(value: unknown, field: string): JsonObject {
  return readObject(value, field) ?? missing(field);
}

/** An array of at most `max` entries; absent reads as empty. */
export function readArray(value: unknown, field: string, max: number): unknown[] {
  if (isAbsent(value)) return [];
  if (!Array.isArray(value)) throw new OrderPayloadError(field, `${field} must be an array`);
  if (value.length > max) throw new OrderPayloadError(field, `${field} must have at most ${max} entries (got ${value.length})`);
  return value;
}

/**
 * An id as a string: a string (trimmed) or an integer. An integer past 2^53 has already lost
 * digits in JSON parsing, and a near-miss id could name somebody else's order, so it is refused.
 */
export function readId(value: unknown, field: string): string | null {
  if (isAbsent(value)) return null;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new OrderPayloadError(field, `${field} must be a string or a whole number below 2^53 (send larger ids as strings)`);
    return String(value);
  }
  if (typeof value !== 'string') throw new OrderPayloadError(field, `${field} must be a string or a number`);
  const id = value.trim();
  if (id.length > MAX_ID_LENGTH) throw new OrderPayloadError(field, `${field} must be at most ${MAX_ID_LENGTH} characters (got ${id.length})`);
  return id.length > 0 ? id : null;
}

export function requireId(value: unknown, field: string): string {
  return readId(value, field) ?? missing(field);
}

/** Trimmed text (a number reads as its digits: a numeric SKU); blank reads as null. */
export function readText(value: unknown, field: string, max = MAX_TEXT_LENGTH): string | null {
  if (isAbsent(value)) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new OrderPayloadError(field, `${field} must be a string`);
  const text = value.trim();
  if (text.length > max) throw new OrderPayloadError(field, `${field} must be at most ${max} characters (got ${text.length})`);
  return text.length > 0 ? text : null;
}

// ISO 8601 with a zone (a time without one would be read in the server's zone), or a bare date (UTC).
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;

export function readDate(value: unknown, field: string): Date | null {
  if (isAbsent(value) || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value !== 'string' || !TIMESTAMP.test(value.trim())) {
    throw new OrderPayloadError(field, `${field} must be an ISO 8601 timestamp with a time zone, e.g. "2026-01-15T10:20:30Z"`);
  }
  const time = Date.parse(value.trim());
  if (Number.isNaN(time)) throw new OrderPayloadError(field, `${field} is not a real date`);
  return new Date(time);
}

export function requireDate(value: unknown, field: string): Date {
  return readDate(value, field) ?? missing(field);
}

/** A whole quantity, 0 to a million, as a number or numeric string. */
export function readQuantity(value: unknown, field: string): number {
  if (isAbsent(value)) return missing(field);
  const quantity = typeof value === 'string' && /^\s*\d{1,7}\s*$/.test(value) ? Number(value) : value;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0 || quantity > MAX_QUANTITY) {
    throw new OrderPayloadError(field, `${field} must be a whole number from 0 to ${MAX_QUANTITY}`);
  }
  return quantity;
}

/** An upper-cased ISO 4217 code. */
export function readCurrency(value: unknown, field: string): string | null {
  const text = readText(value, field, 16);
  if (text === null) return null;
  try {
    return assertCurrency(text.toUpperCase(), field);
  } catch (error) {
    throw asPayloadError(error, field);
  }
}

export function requireCurrency(value: unknown, field: string): string {
  return readCurrency(value, field) ?? missing(field);
}

/** A major-unit amount as minor units of `currency`; absent reads as null. Never negative. */
export function readMoney(value: unknown, currency: string, field: string): bigint | null {
  if (isAbsent(value)) return null;
  try {
    return parseDecimalAmount(value, currency, field);
  } catch (error) {
    throw asPayloadError(error, field);
  }
}

export function requireMoney(value: unknown, currency: string, field: string): bigint {
  return readMoney(value, currency, field) ?? missing(field);
}

/**
 * The first candidate that is a UUID, lower-cased: the redirector's click ids are UUIDs, and
 * anything else in a `cid` is not ours to look up.
 */
export function firstClickId(candidates: readonly (string | null)[]): string | null {
  for (const candidate of candidates) {
    if (candidate !== null && isUuid(candidate)) return candidate.toLowerCase();
  }
  return null;
}

/** The `cid` query parameter of an absolute or shop-relative URL ("/products/x?cid=…"). */
export function cidFromUrl(url: string | null): string | null {
  if (url === null || !url.includes('cid=')) return null;
  try {
    return new URL(url, 'https://landing.invalid').searchParams.get('cid')?.trim() || null;
  } catch {
    return null;
  }
}

export function missing(field: string): never {
  throw new OrderPayloadError(field, `${field} is required`);
}

function asPayloadError(error: unknown, field: string): unknown {
  if (error instanceof BadUserInputException) return new OrderPayloadError(error.fields?.[0]?.field ?? field, error.message);
  return error;
}
