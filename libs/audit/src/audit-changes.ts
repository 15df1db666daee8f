export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The fields a change touched, as they were and as they became. */
export interface FieldChanges {
  /** Null when the record was created. */
  before: JsonObject | null;
  /** Null when the record was removed. */
  after: JsonObject | null;
}

/**
 * `value` as jsonb can hold it: bigints (money) become decimal strings, since JSON numbers
 * would lose digits past 2^53; dates become ISO strings; undefined, functions and numbers
 * JSON cannot write (NaN, Infinity) become null, as JSON.stringify would make them.
 */
export function toJsonValue(value: unknown): JsonValue {
  return convert(value, new Set());
}

/** Every field of `record` as jsonb can hold it. */
export function toJsonObject(record: Readonly<Record<string, unknown>>): JsonObject {
  const object: JsonObject = {};
  for (const [key, value] of Object.entries(record)) object[key] = toJsonValue(value);
  return object;
}

/**
 * The fields of `after` whose values differ from `before`, both sides serialized for jsonb,
 * ready to spread into an audit entry. Only `after`'s keys are compared, so `after` may be
 * a patch of the fields a change set. A null `before` is a creation (every field of `after`
 * counts); a null `after` a removal (every field of `before`). With nothing changed both
 * sides are empty objects.
 */
export function changedFields(beforeRecord: object | null, afterRecord: object | null): FieldChanges {
  // Any object's own fields: entities (class instances) as much as plain patches.
  const before = beforeRecord as Readonly<Record<string, unknown>> | null;
  const after = afterRecord as Readonly<Record<string, unknown>> | null;
  if (before === null || after === null) {
    return { before: before === null ? null : toJsonObject(before), after: after === null ? null : toJsonObject(after) };
  }
  const was: JsonObject = {};
  const is: JsonObject = {};
  for (const key of Object.keys(after)) {
    const old = toJsonValue(before[key]);
    const next = toJsonValue(after[key]);
    if (canonical(old) === canonical(next)) continue;
    was[key] = old;
    is[key] = next;
  }
  return { before: was, after: is };
}

function convert(value: unknown, ancestors: Set<object>): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return null;
  }
  if (value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (ancestors.has(value)) throw new TypeError('An audited value refers to itself; record the fields, not the object graph');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item: unknown) => convert(item, ancestors));
    // Values that know their JSON form (Buffer, Decimal) give it, as JSON.stringify would ask them.
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return convert(toJSON.call(value), ancestors);
    const object: JsonObject = {};
    for (const [key, item] of Object.entries(value)) object[key] = convert(item, ancestors);
    return object;
  } finally {
    ancestors.delete(value);
  }
}

/** What a personal field's value becomes in the log. */
export const REDACTED = '[redacted]';

/**
 * Fields that hold what identifies a person: their values are never written to the log.
 * The log is append-only, so a value written once could never be erased on request; an
 * entry keeps that the field changed, not what it held. Matched by key at any depth.
 */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set([
  'email',
  'name',
  'displayName',
  'handle',
  'handles',
  'bio',
  'url',
  'caption',
  'transcript',
  'alias',
  'code',
  'destinationUrl',
  'userAgent',
]);

/** `value` with every personal field's value (a non-null one) replaced by {@link REDACTED}, at any depth. */
export function redactPersonal(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redactPersonal);
  const object: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    object[key] = PERSONAL_FIELDS.has(key) && item !== null ? REDACTED : redactPersonal(item);
  }
  return object;
}

/** A JSON text with object keys sorted: jsonb forgets key order, so two orders are one value. */
function canonical(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key] ?? null)}`).join(',')}}`;
}
