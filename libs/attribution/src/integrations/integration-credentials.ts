import { isUuid } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type ApiKeyScope, IntegrationApiKeyEntity } from './integration-api-key.entity.js';
import { MerchantIntegrationEntity, MerchantIntegrationStatus } from './merchant-integration.entity.js';
import { MerchantIntegrationService } from './merchant-integration.service.js';
import { hashApiKey } from './secret-box.js';

export interface VerifiableIntegration {
  id: string;
  organizationId: string;
  kind: MerchantIntegrationEntity['kind'];
  active: boolean;
  /** The current secret first, then a rotated-out one still in its grace period. */
  secrets: string[];
}

/** An integration reached with one of its API keys, and what that key may do. */
export interface KeyedIntegration extends VerifiableIntegration {
  apiKeyId: string;
  scopes: ApiKeyScope[];
}

/** How long an integration's decrypted secrets are reused before they are read again. */
const CACHE_MS = 10_000;
/** `last_event_at` and a key's `last_used_at` are written at most this often per row and process. */
const TOUCH_EVERY_MS = 60_000;
const MAX_CACHED = 10_000;

/**
 * The secrets a webhook is verified with, decrypted once and kept briefly in memory: a
 * busy shop sends many webhooks a second, and each would otherwise read and decrypt the
 * same row. A rotation is seen within seconds, and the old secret stays valid far longer.
 */
@Injectable()
export class IntegrationCredentials {
  private readonly logger = new Logger(IntegrationCredentials.name);
  private readonly cache = new Map<string, { at: number; value: VerifiableIntegration | null }>();
  private readonly touched = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly integrations: MerchantIntegrationService,
  ) {}

  async forWebhook(id: string): Promise<VerifiableIntegration | null> {
    if (!isUuid(id)) return null;
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached && now - cached.at < CACHE_MS) return cached.value;
    const row = await this.db.getRepository(MerchantIntegrationEntity).findOneBy({ id });
    const value = row ? this.verifiable(row, new Date(now)) : null;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(id, { at: now, value });
    return value;
  }

  /**
   * The integration an API key belongs to, or null: an unknown or revoked key, or a disabled
   * integration's. Read every time, so a revocation takes effect on the next call.
   */
  async byApiKey(key: string | undefined): Promise<KeyedIntegration | null> {
    if (!key || key.length > 200) return null;
    const apiKey = await this.db
      .getRepository(IntegrationApiKeyEntity)
      .createQueryBuilder('k')
      .innerJoinAndSelect('k.integration', 'i')
      .where('k.keyHash = :hash AND k.revokedAt IS NULL', { hash: hashApiKey(key) })
      .getOne();
    const row = apiKey?.integration;
    if (!apiKey || !row || row.status !== MerchantIntegrationStatus.ACTIVE) return null;
    this.touch(apiKey.id, 'key_last_used_at');
    return { ...this.verifiable(row, new Date()), apiKeyId: apiKey.id, scopes: apiKey.scopes };
  }

  /** Records that an event arrived, at most once a minute per integration. */
  noteEvent(id: string): void {
    this.touch(id, 'last_event_at');
  }

  forget(id: string): void {
    this.cache.delete(id);
  }

  private verifiable(row: MerchantIntegrationEntity, now: Date): VerifiableIntegration {
    const secrets = [this.integrations.box.open(row.secretCiphertext, row.id)];
    if (row.previousSecretCiphertext && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
      secrets.push(this.integrations.box.open(row.previousSecretCiphertext, row.id));
    }
    return { id: row.id, organizationId: row.organizationId, kind: row.kind, active: row.status === MerchantIntegrationStatus.ACTIVE, secrets };
  }

  private touch(id: string, what: 'last_event_at' | 'key_last_used_at'): void {
    const key = `${what}:${id}`;
    const now = Date.now();
    if (now - (this.touched.get(key) ?? 0) < TOUCH_EVERY_MS) return;
    if (this.touched.size >= MAX_CACHED) this.touched.clear();
    this.touched.set(key, now);
    // Other processes write too: skip the row when one did within the minute.
    const sql =
      what === 'last_event_at'
        ? `UPDATE merchant_integrations SET last_event_at = now() WHERE id = $1 AND (last_event_at IS NULL OR last_event_at < now() - interval '1 minute')`
        : `UPDATE integration_api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`;
    this.db.query(sql, [id]).catch((error: unknown) => {
      this.logger.warn({ err: error, id, what }, 'Could not record integration activity');
    });
  }
}
