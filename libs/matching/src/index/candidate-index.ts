import { NICHES, PLATFORMS } from '@app/creators';
import { EngagementBuckets } from './engagement-buckets.js';
import { UUID_WORDS, UuidSlotTable, writeUuid } from './uuid-words.js';

/** One social account as the index needs it. */
export interface AccountRecord {
  id: string;
  platform: string;
  followers: number;
  /** A fraction: 0.041 is 4.1%. */
  engagementRate: number;
  /** Percent per country, in the order stored. */
  audience: Record<string, number>;
}

export interface CreatorRecord {
  id: string;
  niches: readonly string[];
  /** `creator_profiles.updated_at` in microseconds since the epoch. */
  updatedAtMicros: number;
}

export const PLATFORM_BIT = new Map<string, number>(PLATFORMS.map((platform, i) => [platform, i]));
export const NICHE_BIT = new Map<string, number>(NICHES.map((niche, i) => [niche, i]));

/** A bitmask of known niches (the vocabulary has at most 32). Unknown strings are ignored. */
export function nicheMask(niches: readonly string[]): number {
  let mask = 0;
  for (const niche of niches) {
    const bit = NICHE_BIT.get(niche);
    if (bit !== undefined) mask |= 1 << bit;
  }
  return mask >>> 0;
}

/** Accounts are compacted when this share of their slots belongs to replaced accounts. */
const COMPACT_SHARE = 0.3;
const COMPACT_MIN_DEAD = 10_000;

function grow<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, Math.ceil(array.length * 1.5), 1024));
  next.set(array);
  return next;
}

/**
 * Every creator and social account that matching ranks, held column by column in typed
 * arrays (about 150 bytes per creator with two accounts, no object per row). A creator's
 * live accounts always sit in one contiguous run; replacing a creator appends a new run
 * and leaves the old slots dead until compaction. Not synchronised with the database by
 * itself: {@link IndexSyncService} feeds it.
 */
export class CandidateIndex {
  creatorSlots = 0;
  creatorIds = new Uint32Array(0);
  creatorNiches = new Uint32Array(0);
  creatorUpdatedAt = new Float64Array(0);
  creatorAccountStart = new Int32Array(0);
  creatorAccountCount = new Uint16Array(0);
  /** A summary of each creator's accounts, so a query can pass over a creator without reading them. */
  creatorPlatforms = new Uint16Array(0);
  creatorMinFollowers = new Int32Array(0);
  creatorMaxFollowers = new Int32Array(0);
  creatorMaxEngagement = new Float64Array(0);

  accountSlots = 0;
  deadAccounts = 0;
  accountIds = new Uint32Array(0);
  accountCreator = new Int32Array(0);
  accountPlatform = new Uint8Array(0);
  accountFollowers = new Int32Array(0);
  accountEngagement = new Float64Array(0);
  accountAudienceStart = new Int32Array(0);
  accountAudienceCount = new Uint8Array(0);

  audienceLength = 0;
  audienceCountry = new Uint16Array(0);
  audienceShare = new Float64Array(0);
  readonly countries: string[] = [];
  private readonly countryIndex = new Map<string, number>();

  readonly buckets = new EngagementBuckets(PLATFORMS.length);
  private readonly creatorTable = new UuidSlotTable(() => this.creatorIds);

  /** Creators with at least one account: the ones that can be ranked. */
  get rankableCreators(): number {
    let n = 0;
    for (let c = 0; c < this.creatorSlots; c += 1) if (this.creatorAccountCount[c]! > 0) n += 1;
    return n;
  }

  get liveAccounts(): number {
    return this.accountSlots - this.deadAccounts;
  }

  findCreator(id: string | Uint32Array): number {
    return this.creatorTable.find(id);
  }

  countryCode(index: number): string {
    return this.countries[index]!;
  }

  /** The dictionary index of a country code, or -1 if no account has an audience there. */
  countryOf(code: string): number {
    return this.countryIndex.get(code) ?? -1;
  }

  /** Inserts or replaces a creator's profile facts; their accounts are dropped until re-appended. */
  putCreator(record: CreatorRecord): number {
    let slot = this.findCreator(record.id);
    if (slot >= 0) {
      this.dropAccounts(slot);
    } else {
      slot = this.creatorSlots;
      this.ensureCreators(slot + 1);
      writeUuid(this.creatorIds, slot, record.id);
      this.creatorTable.insert(slot);
      this.creatorSlots += 1;
    }
    this.creatorNiches[slot] = nicheMask(record.niches);
    this.creatorUpdatedAt[slot] = record.updatedAtMicros;
    this.creatorAccountStart[slot] = this.accountSlots;
    this.creatorAccountCount[slot] = 0;
    this.creatorPlatforms[slot] = 0;
    return slot;
  }

  /** Forgets a creator (a deleted profile): it keeps its slot but has no accounts. */
  removeCreator(id: string): void {
    const slot = this.findCreator(id);
    if (slot < 0) return;
    this.dropAccounts(slot);
    this.creatorUpdatedAt[slot] = -1;
  }

  /**
   * Appends one account of `creator`. A creator's accounts must be appended one after the
   * other, with no other creator's in between; accounts on unknown platforms are skipped.
   */
  appendAccount(creator: number, account: AccountRecord): void {
    const platform = PLATFORM_BIT.get(account.platform);
    if (platform === undefined) return;
    const count = this.creatorAccountCount[creator]!;
    if (count === 0) this.creatorAccountStart[creator] = this.accountSlots;
    else if (this.creatorAccountStart[creator]! + count !== this.accountSlots) {
      throw new Error('A creator’s accounts must be appended contiguously');
    }
    const slot = this.accountSlots;
    this.ensureAccounts(slot + 1);
    writeUuid(this.accountIds, slot, account.id);
    const rate = Number.isFinite(account.engagementRate) ? account.engagementRate : 0;
    this.accountCreator[slot] = creator;
    this.accountPlatform[slot] = platform;
    this.accountFollowers[slot] = account.followers;
    this.accountEngagement[slot] = rate;
    this.writeAudience(slot, account.audience);
    this.accountSlots += 1;
    this.creatorAccountCount[creator] = count + 1;
    this.creatorPlatforms[creator] = (count === 0 ? 0 : this.creatorPlatforms[creator]!) | (1 << platform);
    this.creatorMinFollowers[creator] = count === 0 ? account.followers : Math.min(this.creatorMinFollowers[creator]!, account.followers);
    this.creatorMaxFollowers[creator] = count === 0 ? account.followers : Math.max(this.creatorMaxFollowers[creator]!, account.followers);
    this.creatorMaxEngagement[creator] = count === 0 ? rate : Math.max(this.creatorMaxEngagement[creator]!, rate);
    this.buckets.add(platform, this.creatorNiches[creator]!, rate);
  }

  /** Reclaims dead account slots once they pile up (called between syncs, never mid-query). */
  compactIfWorthIt(): boolean {
    if (this.deadAccounts < COMPACT_MIN_DEAD || this.deadAccounts < this.accountSlots * COMPACT_SHARE) return false;
    this.compact();
    return true;
  }

  private writeAudience(slot: number, audience: Record<string, number>): void {
    const entries = Object.entries(audience ?? {}).filter(([, share]) => typeof share === 'number' && Number.isFinite(share) && share > 0);
    const kept = entries.slice(0, 255);
    this.ensureAudience(this.audienceLength + kept.length);
    this.accountAudienceStart[slot] = this.audienceLength;
    this.accountAudienceCount[slot] = kept.length;
    for (const [code, share] of kept) {
      let country = this.countryIndex.get(code);
      if (country === undefined) {
        country = this.countries.length;
        this.countries.push(code);
        this.countryIndex.set(code, country);
      }
      this.audienceCountry[this.audienceLength] = country;
      this.audienceShare[this.audienceLength] = share;
      this.audienceLength += 1;
    }
  }

  private dropAccounts(creator: number): void {
    const start = this.creatorAccountStart[creator]!;
    const count = this.creatorAccountCount[creator]!;
    const niches = this.creatorNiches[creator]!;
    for (let a = start; a < start + count; a += 1) {
      this.buckets.remove(this.accountPlatform[a]!, niches, this.accountEngagement[a]!);
      this.accountCreator[a] = -1;
    }
    this.deadAccounts += count;
    this.creatorAccountCount[creator] = 0;
    this.creatorPlatforms[creator] = 0;
  }

  private compact(): void {
    const live = this.accountSlots - this.deadAccounts;
    const ids = new Uint32Array(live * UUID_WORDS);
    const creatorOf = new Int32Array(live);
    const platform = new Uint8Array(live);
    const followers = new Int32Array(live);
    const engagement = new Float64Array(live);
    const audienceStart = new Int32Array(live);
    const audienceCount = new Uint8Array(live);
    const audienceCountry = new Uint16Array(this.audienceLength);
    const audienceShare = new Float64Array(this.audienceLength);
    let next = 0;
    let audience = 0;
    for (let c = 0; c < this.creatorSlots; c += 1) {
      const start = this.creatorAccountStart[c]!;
      const count = this.creatorAccountCount[c]!;
      this.creatorAccountStart[c] = next;
      for (let a = start; a < start + count; a += 1, next += 1) {
        ids.set(this.accountIds.subarray(a * UUID_WORDS, (a + 1) * UUID_WORDS), next * UUID_WORDS);
        creatorOf[next] = c;
        platform[next] = this.accountPlatform[a]!;
        followers[next] = this.accountFollowers[a]!;
        engagement[next] = this.accountEngagement[a]!;
        const from = this.accountAudienceStart[a]!;
        const n = this.accountAudienceCount[a]!;
        audienceStart[next] = audience;
        audienceCount[next] = n;
        audienceCountry.set(this.audienceCountry.subarray(from, from + n), audience);
        audienceShare.set(this.audienceShare.subarray(from, from + n), audience);
        audience += n;
      }
    }
    Object.assign(this, {
      accountIds: ids,
      accountCreator: creatorOf,
      accountPlatform: platform,
      accountFollowers: followers,
      accountEngagement: engagement,
      accountAudienceStart: audienceStart,
      accountAudienceCount: audienceCount,
      audienceCountry,
      audienceShare,
      accountSlots: live,
      deadAccounts: 0,
      audienceLength: audience,
    });
  }

  private ensureCreators(needed: number): void {
    this.creatorIds = grow(this.creatorIds, needed * UUID_WORDS);
    this.creatorNiches = grow(this.creatorNiches, needed);
    this.creatorUpdatedAt = grow(this.creatorUpdatedAt, needed);
    this.creatorAccountStart = grow(this.creatorAccountStart, needed);
    this.creatorAccountCount = grow(this.creatorAccountCount, needed);
    this.creatorPlatforms = grow(this.creatorPlatforms, needed);
    this.creatorMinFollowers = grow(this.creatorMinFollowers, needed);
    this.creatorMaxFollowers = grow(this.creatorMaxFollowers, needed);
    this.creatorMaxEngagement = grow(this.creatorMaxEngagement, needed);
  }

  private ensureAccounts(needed: number): void {
    this.accountIds = grow(this.accountIds, needed * UUID_WORDS);
    this.accountCreator = grow(this.accountCreator, needed);
    this.accountPlatform = grow(this.accountPlatform, needed);
    this.accountFollowers = grow(this.accountFollowers, needed);
    this.accountEngagement = grow(this.accountEngagement, needed);
    this.accountAudienceStart = grow(this.accountAudienceStart, needed);
    this.accountAudienceCount = grow(this.accountAudienceCount, needed);
  }

  private ensureAudience(needed: number): void {
    this.audienceCountry = grow(this.audienceCountry, needed);
    this.audienceShare = grow(this.audienceShare, needed);
  }
}
