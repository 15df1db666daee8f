import { isUuid } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

/** How long an integration's decrypted secrets are reused before they are read again. */
const CACHE_MS = 10_000;
/** `last_event_at` / `api_key_last_used_at` are written at most this often per integration and process. */
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

  /** The integration an API key belongs to, or null; a disabled integration's key is refused too. */
  async byApiKey(key: string | undefined): Promise<VerifiableIntegration | null> {
    if (!key || key.length > 200) return null;
    const row = await this.db.getRepository(MerchantIntegrationEntity).findOneBy({ apiKeyHash: hashApiKey(key) });
    if (!row || row.status !== MerchantIntegrationStatus.ACTIVE) return null;
    this.touch(row.id, 'api_key_last_used_at');
    return this.verifiable(row, new Date());
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

  private touch(id: string, column: 'last_event_at' | 'api_key_last_used_at'): void {
    const key = `${column}:${id}`;
    const now = Date.now();
    if (now - (this.touched.get(key) ?? 0) < TOUCH_EVERY_MS) return;
    if (this.touched.size >= MAX_CACHED) this.touched.clear();
    this.touched.set(key, now);
    this.db.query(`UPDATE merchant_integrations SET ${column} = now() WHERE id = $1`, [id]).catch((error: unknown) => {
      this.logger.warn({ err: error, integrationId: id }, 'Could not record integration activity');
    });
  }
}
