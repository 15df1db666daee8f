import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PairEvaluator } from '../ranking/pair-evaluator.js';
import { type AccountRecord, CandidateIndex } from './candidate-index.js';

/** Rows per keyset batch of the initial load. */
const LOAD_BATCH = 50_000;
/** Re-read window below the watermark: covers writers that stamp `updated_at` from their own clock. */
const SAFETY_MARGIN_MICROS = 2_000_000;

interface ProfileRow {
  id: string;
  niches: string[];
  micros: number;
}

interface AccountRow {
  creator_id: string;
  id: string;
  platform: string;
  followers: number;
  engagement_rate: number;
  audience_countries: Record<string, number> | null;
}

export interface IndexStats {
  loaded: boolean;
  /** How long the initial load took, in milliseconds. */
  loadMs: number | null;
  creators: number;
  accounts: number;
  syncs: number;
  /** Creators re-read by incremental syncs since start. */
  resynced: number;
}

const PROFILE_COLUMNS = `id, niches, (extract(epoch FROM updated_at) * 1000000)::float8 AS micros`;
const ACCOUNT_COLUMNS = `creator_id, id, platform, followers, engagement_rate, audience_countries`;

/**
 * Owns the in-memory {@link CandidateIndex} and keeps it as fresh as the database. The
 * first use loads every creator in keyset batches; every later use first re-reads the
 * creators whose `updated_at` moved since the watermark (the profile's `updated_at` is
 * bumped by every profile or social-account change). The watermark is the start of the
 * oldest transaction still open when a sync begins, so a change committed by a
 * transaction that started long ago is still caught; a sync starts only after the
 * request that asks for it, so a change committed before a request is visible to it.
 */
@Injectable()
export class CandidateIndexService implements OnApplicationShutdown {
  private readonly logger = new Logger(CandidateIndexService.name);
  private readonly index = new CandidateIndex();
  /** Scores pairs from the index; one per process, used synchronously (its scratch arrays are shared). */
  readonly evaluator = new PairEvaluator(this.index);
  private loaded = false;
  private closed = false;
  private watermark = 0;
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private readonly counters = { loadMs: null as number | null, syncs: 0, resynced: 0 };

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onApplicationShutdown(): void {
    this.closed = true;
  }

  /** The index, synced with every change committed before this call. */
  async fresh(): Promise<CandidateIndex> {
    await this.sync();
    return this.index;
  }

  stats(): IndexStats {
    return {
      loaded: this.loaded,
      loadMs: this.counters.loadMs,
      creators: this.index.rankableCreators,
      accounts: this.index.liveAccounts,
      syncs: this.counters.syncs,
      resynced: this.counters.resynced,
    };
  }

  /** Drops creators the caller found deleted (deletions leave no `updated_at` to notice). */
  forget(creatorIds: readonly string[]): void {
    for (const id of creatorIds) this.index.removeCreator(id);
  }

  /**
   * Runs a sync that starts after this call. Callers arriving while one is running share
   * the next one, which starts when the running one ends: one query wave per burst.
   */
  private sync(): Promise<void> {
    if (!this.inFlight) return this.start();
    this.queued ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<void> {
    const run = (this.loaded ? this.syncChanges() : this.loadAll()).finally(() => {
      if (this.inFlight === run) this.inFlight = undefined;
    });
    this.inFlight = run;
    return run;
  }

  /** Start of the oldest open transaction on this database, in microseconds, less the margin. */
  private async lowWatermark(): Promise<number> {
    const [row] = await this.db.query<{ micros: number }[]>(
      `SELECT (extract(epoch FROM least(now(), min(xact_start))) * 1000000)::float8 AS micros
         FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend'`,
    );
    return row!.micros - SAFETY_MARGIN_MICROS;
  }

  private async loadAll(): Promise<void> {
    const started = performance.now();
    const watermark = await this.lowWatermark();
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      if (this.closed) return;
      const rows = await this.db.query<ProfileRow[]>(
        `SELECT ${PROFILE_COLUMNS} FROM creator_profiles WHERE id > $1 ORDER BY id LIMIT ${LOAD_BATCH}`,
        [after],
      );
      for (const row of rows) this.index.putCreator({ id: row.id, niches: row.niches, updatedAtMicros: row.micros });
      if (rows.length < LOAD_BATCH) break;
      after = rows.at(-1)!.id;
    }
    let cursor = { creator: '00000000-0000-0000-0000-000000000000', id: '00000000-0000-0000-0000-000000000000' };
    for (;;) {
      if (this.closed) return;
      const rows = await this.db.query<AccountRow[]>(
        `SELECT ${ACCOUNT_COLUMNS} FROM social_accounts WHERE (creator_id, id) > ($1, $2) ORDER BY creator_id, id LIMIT ${LOAD_BATCH}`,
        [cursor.creator, cursor.id],
      );
      this.appendAccounts(rows);
      if (rows.length < LOAD_BATCH) break;
      const last = rows.at(-1)!;
      cursor = { creator: last.creator_id, id: last.id };
    }
    this.index.buckets.flushAll();
    this.watermark = watermark;
    this.loaded = true;
    this.counters.loadMs = Math.round(performance.now() - started);
    this.logger.log(`Matching index loaded: ${this.index.rankableCreators} creators, ${this.index.liveAccounts} accounts in ${this.counters.loadMs} ms`);
  }

  private async syncChanges(): Promise<void> {
    const watermark = await this.lowWatermark();
    const moved = await this.db.query<{ id: string; micros: number }[]>(
      `SELECT id, (extract(epoch FROM updated_at) * 1000000)::float8 AS micros
         FROM creator_profiles WHERE updated_at >= to_timestamp($1::float8 / 1000000)`,
      [this.watermark],
    );
    const changed = moved.filter((row) => {
      const slot = this.index.findCreator(row.id);
      return slot < 0 || this.index.creatorUpdatedAt[slot] !== row.micros;
    });
    if (changed.length > 0) await this.reload(changed.map((row) => row.id));
    this.watermark = watermark;
    this.counters.syncs += 1;
    this.index.compactIfWorthIt();
  }

  private async reload(ids: string[]): Promise<void> {
    const [profiles, accounts] = await Promise.all([
      this.db.query<ProfileRow[]>(`SELECT ${PROFILE_COLUMNS} FROM creator_profiles WHERE id = ANY($1::uuid[])`, [ids]),
      this.db.query<AccountRow[]>(`SELECT ${ACCOUNT_COLUMNS} FROM social_accounts WHERE creator_id = ANY($1::uuid[]) ORDER BY creator_id, id`, [ids]),
    ]);
    const present = new Set(profiles.map((row) => row.id));
    for (const id of ids) if (!present.has(id)) this.index.removeCreator(id);
    for (const row of profiles) this.index.putCreator({ id: row.id, niches: row.niches, updatedAtMicros: row.micros });
    // A profile deleted between the two reads: its accounts are dropped with it.
    this.appendAccounts(accounts.filter((row) => present.has(row.creator_id)));
    this.counters.resynced += ids.length;
  }

  /** Appends account rows ordered by creator, skipping creators the index does not know. */
  private appendAccounts(rows: AccountRow[]): void {
    let creatorId = '';
    let slot = -1;
    for (const row of rows) {
      if (row.creator_id !== creatorId) {
        creatorId = row.creator_id;
        slot = this.index.findCreator(creatorId);
      }
      // A profile created after the profile pass of the load: the next sync brings it with its accounts.
      if (slot < 0) continue;
      const account: AccountRecord = {
        id: row.id,
        platform: row.platform,
        followers: row.followers,
        engagementRate: row.engagement_rate,
        audience: row.audience_countries ?? {},
      };
      this.index.appendAccount(slot, account);
    }
  }
}
