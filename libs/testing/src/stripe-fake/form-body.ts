import { stripeErrors } from './stripe-errors.js';

/**
 * Stripe's v1 API takes `application/x-www-form-urlencoded` bodies (and GET/DELETE query
 * strings) with bracket nesting. stripe-node 23 encodes `{ metadata: { payout_id: 'p1' },
 * capabilities: { transfers: { requested: true } }, expand: ['destination'] }` as
 * `metadata[payout_id]=p1&capabilities[transfers][requested]=true&expand[0]=destination`
 * (brackets left unescaped, arrays indexed, `null` as an empty value meaning "unset");
 * other clients send `expand[]=…` or `%5B…%5D`, so all three are accepted.
 */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw stripeErrors.parameterInvalid(text, `Invalid percent-encoding in the request: ${text}`);
  }
}

/** `a[b][c]` → ['a', 'b', 'c']; `a[]` → ['a', '']. */
function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const path = [key.slice(0, open)];
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) path.push(match[1]!);
  return path;
}

function arraysFromIndexes(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  for (const key of keys) value[key] = arraysFromIndexes(value[key]!);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => value[key]!);
  }
  return value;
}

export function parseFormBody(text: string): FormObject {
  const root: FormObject = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const path = keyPath(decode(eq < 0 ? pair : pair.slice(0, eq)));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    if (path.some((segment) => FORBIDDEN_KEYS.has(segment))) continue;
    let node = root;
    for (let i = 0; i < path.length; i++) {
      // `[]` appends: the next free index of this container.
      const segment = path[i] === '' ? String(Object.keys(node).length) : path[i]!;
      if (i === path.length - 1) {
        node[segment] = value;
      } else {
        const next = node[segment];
        if (next === undefined || typeof next === 'string' || Array.isArray(next)) node[segment] = {};
        node = node[segment] as FormObject;
      }
    }
  }
  return arraysFromIndexes(root) as FormObject;
}

/** Typed reads of a parsed body, refusing what Stripe refuses with the same errors. */
export class Params {
  constructor(readonly raw: FormObject) {}

  /** Stripe rejects parameters an endpoint does not know: a typo in the caller fails loudly. */
  allowOnly(...names: string[]): this {
    for (const key of Object.keys(this.raw)) {
      if (key !== 'expand' && !names.includes(key)) throw stripeErrors.parameterUnknown(key);
    }
    return this;
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw stripeErrors.parameterInvalid(name, `Invalid string: ${name} must be a string.`);
    return value;
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw stripeErrors.parameterMissing(name);
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
      throw stripeErrors.parameterInvalid(name, `Invalid integer: ${value}`, 'parameter_invalid_integer');
    }
    return Number(value);
  }

  requiredInteger(name: string): number {
    const value = this.integer(name);
    if (value === undefined) throw stripeErrors.parameterMissing(name);
    return value;
  }

  /** Lower-case three-letter ISO code, as Stripe stores it. */
  currency(name = 'currency'): string {
    const value = this.requiredString(name).toLowerCase();
    if (!/^[a-z]{3}$/.test(value)) throw stripeErrors.parameterInvalid(name, `Invalid currency: ${value}. Currencies are three-letter ISO codes.`);
    return value;
  }

  object(name: string): FormObject | undefined {
    const value = this.raw[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'string' || Array.isArray(value)) throw stripeErrors.parameterInvalid(name, `Invalid object: ${name} must be a hash.`, 'parameter_invalid_empty');
    return value;
  }

  /**
   * Metadata as Stripe merges it: a key set to '' is removed, `metadata=` clears all of it;
   * at most 50 keys of 40 characters with values of 500.
   */
  mergeMetadata(current: Record<string, string>): Record<string, string> {
    const value = this.raw.metadata;
    if (value === undefined) return current;
    if (value === '') return {};
    if (typeof value === 'string' || Array.isArray(value)) throw stripeErrors.parameterInvalid('metadata', 'Invalid object: metadata must be a hash.');
    const merged = { ...current };
    for (const [key, entry] of Object.entries(value)) {
      if (typeof entry !== 'string') throw stripeErrors.parameterInvalid(`metadata[${key}]`, 'Metadata values must be strings.');
      if (key.length > 40) throw stripeErrors.parameterInvalid(`metadata[${key}]`, 'Metadata keys can be at most 40 characters.');
      if (entry.length > 500) throw stripeErrors.parameterInvalid(`metadata[${key}]`, 'Metadata values can be at most 500 characters.');
      if (entry === '') delete merged[key];
      else merged[key] = entry;
    }
    if (Object.keys(merged).length > 50) throw stripeErrors.parameterInvalid('metadata', 'Metadata can have at most 50 keys.');
    return merged;
  }
}

export function isTrue(value: FormValue | undefined): boolean {
  return value === 'true';
}
