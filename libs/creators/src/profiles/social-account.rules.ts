import { AppException, assertCurrency, InputProblems, isCountryCode, parseMinorUnits } from '@app/core';
import { Platform, PLATFORMS } from '../vocabulary.js';

/** A creator lists at most this many accounts: enough for every platform, small enough to load whole. */
export const MAX_SOCIAL_ACCOUNTS = 12;
export const HANDLE_MAX_LENGTH = 100;
/** Platforms report an account's top countries; 25 covers them and bounds what one account returns. */
export const MAX_AUDIENCE_COUNTRIES = 25;
/** The largest value of a Postgres `integer` column. */
const MAX_COUNT = 2_147_483_647;

const ACCOUNT_HANDLE = /^[A-Za-z0-9._-]+$/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export type Checked<T> = { value: T; problem?: undefined } | { value?: undefined; problem: string };

/**
 * A handle as stored: trimmed, without a leading `@`. Account handles are letters, digits
 * and `._-`; a BLOG's handle is its host name (`mayamakes.com`), lower-cased, with any
 * `https://` and trailing slash a creator pasted removed.
 */
export function normalizeHandle(platform: Platform, raw: string): Checked<string> {
  let handle = raw.trim();
  if (handle.startsWith('@')) handle = handle.slice(1);
  if (platform === Platform.BLOG) {
    handle = handle.replace(/^https?:\/\//i, '').replace(/\/$/, '').toLowerCase();
  }
  if (handle.length < 1 || handle.length > HANDLE_MAX_LENGTH) {
    return { problem: `handle must be 1 to ${HANDLE_MAX_LENGTH} characters, without the leading @ (got ${handle.length})` };
  }
  if (platform === Platform.BLOG) {
    const labels = handle.split('.');
    const valid = labels.length >= 2 && labels.every((label) => HOST_LABEL.test(label)) && TOP_LEVEL_DOMAIN.test(labels.at(-1)!);
    return valid ? { value: handle } : { problem: `handle of a BLOG must be its host name, such as mayamakes.com (got "${raw.trim()}")` };
  }
  return ACCOUNT_HANDLE.test(handle)
    ? { value: handle }
    : { problem: `handle on ${platform} may contain only letters, digits, dots, underscores and hyphens (got "${raw.trim()}")` };
}

/** (likes + comments) / followers over recent posts; 0 for an account without followers. */
export function engagementRate(avgLikes: number, avgComments: number, followers: number): number {
  return followers > 0 ? (avgLikes + avgComments) / followers : 0;
}

export interface AudienceShareValue {
  country: string;
  share: number;
}

/**
 * Audience shares as stored (`{ "US": 41.5 }`): each country once, in upper case, each share
 * a percent with at most two decimals above 0 and at most 100, all summing to at most 100.
 * Sums are taken in hundredths of a percent, as integers, so 33.33 + 33.33 + 33.34 is exactly 100.
 */
export function checkAudienceCountries(entries: readonly AudienceShareValue[], field: string, problems: InputProblems): Record<string, number> {
  const shares: Record<string, number> = {};
  let totalHundredths = 0;
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  entries.forEach((entry, index) => {
    const country = typeof entry.country === 'string' ? entry.country.trim().toUpperCase() : '';
    const at = `${field}.${index}`;
    if (!isCountryCode(country)) {
      problems.add(`${at}.country`, `${at}.country must be an ISO 3166-1 alpha-2 country code such as US (got "${entry.country}")`);
    } else if (seen.has(country)) {
      duplicates.add(country);
    }
    seen.add(country);
    const hundredths = Math.round(entry.share * 100);
    if (!Number.isFinite(entry.share) || entry.share <= 0 || entry.share > 100 || Math.abs(entry.share * 100 - hundredths) > 1e-6) {
      problems.add(`${at}.share`, `${at}.share must be a percent above 0 and at most 100, with at most two decimals (got ${entry.share})`);
    } else {
      totalHundredths += hundredths;
      if (isCountryCode(country)) shares[country] = hundredths / 100;
    }
  });
  if (entries.length > MAX_AUDIENCE_COUNTRIES) {
    problems.add(field, `${field} may list at most ${MAX_AUDIENCE_COUNTRIES} countries (got ${entries.length})`);
  }
  if (duplicates.size > 0) {
    problems.add(field, `${field} lists ${[...duplicates].join(', ')} more than once; give each country one share`);
  }
  if (totalHundredths > 10_000) {
    problems.add(field, `${field} shares must sum to at most 100 percent (got ${totalHundredths / 100})`);
  }
  return shares;
}

/** The stored fields of a social account, checked and derived. */
export interface SocialAccountFields {
  platform: Platform;
  handle: string;
  followers: number;
  avgLikes: number;
  avgComments: number;
  avgViews: number | null;
  engagementRate: number;
  audienceCountries: Record<string, number>;
  audienceCountryCodes: string[];
  ratePerPostMinor: bigint | null;
  rateCurrency: string | null;
}

export interface MoneyValue {
  amountMinor: string;
  currency: string;
}

/** What a creator sends: everything for a new account, only what changes for an update. */
export interface SocialAccountPatch {
  platform?: Platform | null;
  handle?: string | null;
  followers?: number | null;
  avgLikes?: number | null;
  avgComments?: number | null;
  avgViews?: number | null;
  audienceCountries?: readonly AudienceShareValue[] | null;
  ratePerPost?: MoneyValue | null;
}

type RequiredKey = 'platform' | 'handle' | 'followers' | 'avgLikes' | 'avgComments';
const REQUIRED: readonly RequiredKey[] = ['platform', 'handle', 'followers', 'avgLikes', 'avgComments'];

/**
 * Applies `patch` to `current` (a new account when null), checks the result and derives the
 * engagement rate and audience country codes. Throws one BAD_USER_INPUT naming every field at fault.
 */
export function resolveSocialAccount(patch: SocialAccountPatch, current: SocialAccountFields | null, prefix = 'input'): SocialAccountFields {
  const problems = new InputProblems();
  const field = (name: string) => `${prefix}.${name}`;

  for (const key of REQUIRED) {
    if (patch[key] === null || (current === null && patch[key] === undefined)) problems.add(field(key), `${field(key)} is required`);
  }

  const platform = patch.platform ?? current?.platform;
  if (platform !== undefined && !PLATFORMS.includes(platform)) {
    problems.add(field('platform'), `${field('platform')} must be one of ${PLATFORMS.join(', ')}`);
  }

  let handle = current?.handle ?? '';
  const rawHandle = patch.handle ?? current?.handle;
  if (platform && PLATFORMS.includes(platform) && typeof rawHandle === 'string') {
    const checked = normalizeHandle(platform, rawHandle);
    if (checked.problem !== undefined) problems.add(field('handle'), `${prefix}.${checked.problem}`);
    else handle = checked.value;
  }

  const count = (name: 'followers' | 'avgLikes' | 'avgComments' | 'avgViews', value: number | null | undefined): number | null => {
    if (value === undefined || value === null) return null;
    if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT) {
      problems.add(field(name), `${field(name)} must be a whole number, 0 or more (got ${value})`);
    }
    return value;
  };
  const followers = count('followers', patch.followers ?? current?.followers) ?? 0;
  const avgLikes = count('avgLikes', patch.avgLikes ?? current?.avgLikes) ?? 0;
  const avgComments = count('avgComments', patch.avgComments ?? current?.avgComments) ?? 0;
  const avgViews = patch.avgViews === undefined ? (current?.avgViews ?? null) : count('avgViews', patch.avgViews);

  let audienceCountries = current?.audienceCountries ?? {};
  if (patch.audienceCountries !== undefined) {
    audienceCountries = checkAudienceCountries(patch.audienceCountries ?? [], field('audienceCountries'), problems);
  }

  let ratePerPostMinor = current?.ratePerPostMinor ?? null;
  let rateCurrency = current?.rateCurrency ?? null;
  if (patch.ratePerPost !== undefined) {
    const rate = patch.ratePerPost === null ? null : checkRate(patch.ratePerPost, field('ratePerPost'), problems);
    ratePerPostMinor = rate?.amountMinor ?? null;
    rateCurrency = rate?.currency ?? null;
  }

  problems.throwIfAny();
  return {
    platform: platform!,
    handle,
    followers,
    avgLikes,
    avgComments,
    avgViews,
    engagementRate: engagementRate(avgLikes, avgComments, followers),
    audienceCountries,
    audienceCountryCodes: Object.keys(audienceCountries).sort(),
    ratePerPostMinor,
    rateCurrency,
  };
}

function checkRate(money: MoneyValue, field: string, problems: InputProblems): { amountMinor: bigint; currency: string } | null {
  let amountMinor: bigint | null = null;
  let currency: string | null = null;
  try {
    amountMinor = parseMinorUnits(money.amountMinor, `${field}.amountMinor`);
    if (amountMinor < 0n) {
      problems.add(`${field}.amountMinor`, `${field}.amountMinor must not be negative`);
      amountMinor = null;
    }
  } catch (error) {
    collect(error, problems);
  }
  try {
    currency = assertCurrency(money.currency, `${field}.currency`);
  } catch (error) {
    collect(error, problems);
  }
  return amountMinor !== null && currency !== null ? { amountMinor, currency } : null;
}

/** Moves the field problems of core's money checks into this input's list. */
function collect(error: unknown, problems: InputProblems): void {
  if (!(error instanceof AppException) || !error.fields) throw error;
  for (const problem of error.fields) problems.add(problem.field, problem.message);
}
