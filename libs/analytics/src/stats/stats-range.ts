import { registerEnumType } from '@nestjs/graphql';
import { invalidStatsInput } from './analytics.exception.js';

export enum StatsGranularity {
  DAY = 'DAY',
  /** ISO weeks, Monday to Sunday. */
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(StatsGranularity, { name: 'StatsGranularity', description: 'How a stats series is bucketed: by day, ISO week (Monday first) or calendar month.' });

/** The longest range one report covers, in days (a leap year). */
export const MAX_RANGE_DAYS = 366;

/** An inclusive range of calendar days, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(value: unknown, field: string): number {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) throw invalidStatsInput(field, `${field} must be a date written YYYY-MM-DD (got ${JSON.stringify(value)})`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (year < 1970 || back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw invalidStatsInput(field, `${field} is not a calendar date (got "${value as string}")`);
  }
  return time;
}

/** Checks `from` and `to`: real dates, `to` not before `from`, at most {@link MAX_RANGE_DAYS} days. Errors name the field. */
export function dayRange(from: unknown, to: unknown): DayRange {
  const start = parseDay(from, 'from');
  const end = parseDay(to, 'to');
  if (end < start) throw invalidStatsInput('to', `to (${to as string}) must not be before from (${from as string})`);
  const days = (end - start) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) throw invalidStatsInput('to', `The range from ${from as string} to ${to as string} covers ${days} days; at most ${MAX_RANGE_DAYS} are allowed`);
  return { from: from as string, to: to as string };
}

/** Either both bounds (checked as {@link dayRange}) or neither, for reports that default to all time. */
export function optionalDayRange(from: string | null | undefined, to: string | null | undefined): DayRange | null {
  const hasFrom = from !== null && from !== undefined;
  const hasTo = to !== null && to !== undefined;
  if (!hasFrom && !hasTo) return null;
  if (!hasFrom) throw invalidStatsInput('from', 'from is required when to is given');
  if (!hasTo) throw invalidStatsInput('to', 'to is required when from is given');
  return dayRange(from, to);
}

/** The Postgres `date_trunc` field of a granularity. */
export function truncField(granularity: StatsGranularity): 'day' | 'week' | 'month' {
  return granularity === StatsGranularity.WEEK ? 'week' : granularity === StatsGranularity.MONTH ? 'month' : 'day';
}
