import { AuditService, changedFields, userActor } from '@app/audit';
import { brandOrganization } from '@app/campaigns';
import {
  type Actor,
  assertAnyRole,
  BadUserInputException,
  cleanText,
  type ConnectionShape,
  isUuid,
  mapConnection,
  newId,
  pagesByParent,
  type ParentPageKey,
  Role,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AttributionErrorCode, AttributionException, integrationNotFound } from '../attribution.exception.js';
import { API_KEY_SCOPES, type ApiKeyScope, IntegrationApiKeyEntity } from './integration-api-key.entity.js';
import type { CreatedIntegrationApiKey, IntegrationApiKey } from './integration-api-key.model.js';
import { MerchantIntegrationEntity } from './merchant-integration.entity.js';
import { API_KEY_PREFIX_LENGTH, hashApiKey, newApiKey } from './secret-box.js';

export function toIntegrationApiKey(row: IntegrationApiKeyEntity): IntegrationApiKey {
  return {
    id: row.id,
    integrationId: row.integrationId,
    prefix: row.prefix,
    scopes: [...row.scopes],
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
  };
}

function apiKeyNotFound(id: string): AttributionException {
  return new AttributionException(AttributionErrorCode.NotFound, `Integration API key ${id} not found`);
}

/** The scopes asked for, each known, without repeats; `field` names the argument in errors. */
export function parseScopes(scopes: readonly string[], field: string): ApiKeyScope[] {
  if (scopes.length === 0) throw new BadUserInputException(field, `${field}: give at least one scope (${API_KEY_SCOPES.join(', ')})`);
  scopes.forEach((scope, index) => {
    if (!(API_KEY_SCOPES as readonly string[]).includes(scope)) {
      throw new BadUserInputException(field, `${field}[${index}]: unknown scope "${scope}"; the scopes are ${API_KEY_SCOPES.join(', ')}`);
    }
  });
  return [...new Set(scopes as ApiKeyScope[])];
}

/**
 * An integration's API keys: brand admins make them (the key is shown once) and revoke
 * them, for good and at once; brand members see them, never more than their prefix.
 */
@Injectable()
export class IntegrationApiKeyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, integrationId: string, scopes: readonly string[]): Promise<CreatedIntegrationApiKey> {
    const organizationId = brandOrganization(actor, 'create integration API keys');
    assertAnyRole(actor, [Role.BRAND_ADMIN], 'create integration API keys');
    const wanted = parseScopes(scopes, 'scopes');
    return this.db.transaction(async (manager) => {
      // Shared lock: the integration cannot change hands or vanish while its key is made.
      const integration = isUuid(integrationId)
        ? await manager
            .createQueryBuilder(MerchantIntegrationEntity, 'i')
            .where('i.id = :integrationId AND i.organizationId = :organizationId', { integrationId, organizationId })
            .setLock('pessimistic_read')
            .getOne()
        : null;
      if (!integration) throw integrationNotFound(integrationId);
      return this.insert(manager, { integrationId, organizationId, scopes: wanted, userId: actor.userId });
    });
  }

  /** Makes a key in the caller's transaction, with its audit entry; for a new integration's first key too. */
  async insert(
    manager: EntityManager,
    { integrationId, organizationId, scopes, userId }: { integrationId: string; organizationId: string; scopes: ApiKeyScope[]; userId: string },
  ): Promise<CreatedIntegrationApiKey> {
    const key = newApiKey();
    const id = newId();
    const prefix = key.slice(0, API_KEY_PREFIX_LENGTH);
    await manager.insert(IntegrationApiKeyEntity, { id, integrationId, organizationId, prefix, keyHash: hashApiKey(key), scopes, createdByUserId: userId });
    await this.audit.record(manager, {
      actor: userActor(userId),
      organizationId,
      action: 'integration_api_key.created',
      entityType: 'integration_api_key',
      entityId: id,
      after: { integrationId, prefix, scopes },
    });
    const row = await manager.findOneByOrFail(IntegrationApiKeyEntity, { id });
    return { apiKey: toIntegrationApiKey(row), key };
  }

  /** Stops a key working at once. Revoking is for good: a revoked key is never restored. */
  async revoke(actor: Actor, id: string, reason: string | null | undefined): Promise<IntegrationApiKey> {
    const organizationId = brandOrganization(actor, 'revoke integration API keys');
    assertAnyRole(actor, [Role.BRAND_ADMIN], 'revoke integration API keys');
    const why = cleanText(reason, 'reason', { max: 500, required: false });
    if (!isUuid(id)) throw apiKeyNotFound(id);
    return this.db.transaction(async (manager) => {
      const current = await manager
        .createQueryBuilder(IntegrationApiKeyEntity, 'k')
        .where('k.id = :id AND k.organizationId = :organizationId', { id, organizationId })
        .setLock('pessimistic_write')
        .getOne();
      if (!current) throw apiKeyNotFound(id);
      if (current.revokedAt) {
        throw new AttributionException(AttributionErrorCode.StateConflict, `Integration API key ${id} was already revoked at ${current.revokedAt.toISOString()}`);
      }
      const revokedAt = new Date();
      await manager.update(IntegrationApiKeyEntity, { id }, { revokedAt, revokedByUserId: actor.userId, revokedReason: why });
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId,
        action: 'integration_api_key.revoked',
        entityType: 'integration_api_key',
        entityId: id,
        ...changedFields(current, { revokedAt, revokedByUserId: actor.userId, revokedReason: why }),
        reason: why,
      });
      return toIntegrationApiKey(await manager.findOneByOrFail(IntegrationApiKeyEntity, { id }));
    });
  }

  /** Keys of several integrations, newest first, one page each, in one query (the integrations were already read in the caller's scope). */
  async pages(keys: readonly ParentPageKey[]): Promise<ConnectionShape<IntegrationApiKey>[]> {
    const pages = await pagesByParent(this.db, IntegrationApiKeyEntity, 'integrationId', keys, { direction: 'DESC' });
    return pages.map((page) => mapConnection(page, toIntegrationApiKey));
  }
}
