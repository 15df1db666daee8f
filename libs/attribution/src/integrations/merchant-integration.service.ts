import { AuditService, userActor } from '@app/audit';
import { brandOrganization } from '@app/campaigns';
import {
  type Actor,
  type AppConfig,
  assertAnyRole,
  cleanText,
  type ConnectionShape,
  InjectConfig,
  isUniqueViolation,
  isUuid,
  mapConnection,
  newId,
  paginate,
  type PageArgs,
  pageRequest,
  Role,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttributionErrorCode, AttributionException, integrationNotFound } from '../attribution.exception.js';
import { MerchantIntegrationEntity, MerchantIntegrationKind, MerchantIntegrationStatus } from './merchant-integration.entity.js';
import type { CreatedMerchantIntegration, CreateMerchantIntegrationInput, MerchantIntegration, RotatedIntegrationSecret } from './merchant-integration.model.js';
import { IntegrationApiKeyService } from './integration-api-key.service.js';
import { newSigningSecret, SecretBox } from './secret-box.js';

export function toMerchantIntegration(row: MerchantIntegrationEntity, now = new Date()): MerchantIntegration {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    webhookPath: row.kind === MerchantIntegrationKind.SHOPIFY ? `/webhooks/shopify/${row.id}` : `/webhooks/orders/${row.id}`,
    previousSecretValidUntil: row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null,
    lastEventAt: row.lastEventAt,
    createdAt: row.createdAt,
  };
}

/** Brand admins create integrations and rotate their secrets; secrets are shown once, at creation or rotation. */
@Injectable()
export class MerchantIntegrationService {
  readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly apiKeys: IntegrationApiKeyService,
  ) {
    this.box = new SecretBox(config.sales.secretsKey);
  }

  async create(actor: Actor, input: CreateMerchantIntegrationInput): Promise<CreatedMerchantIntegration> {
    const organizationId = brandOrganization(actor, 'create merchant integrations');
    assertAnyRole(actor, [Role.BRAND_ADMIN], 'create merchant integrations');
    const name = cleanText(input.name, 'input.name', { max: 100, required: true })!;
    const id = newId();
    const signingSecret = newSigningSecret();
    const row = this.db.getRepository(MerchantIntegrationEntity).create({
      id,
      organizationId,
      kind: input.kind,
      name,
      status: MerchantIntegrationStatus.ACTIVE,
      secretCiphertext: this.box.seal(signingSecret, id),
      previousSecretCiphertext: null,
      previousSecretExpiresAt: null,
      lastEventAt: null,
      createdByUserId: actor.userId,
    });
    let apiKey: string;
    try {
      apiKey = await this.db.transaction(async (manager) => {
        await manager.insert(MerchantIntegrationEntity, row);
        await this.audit.record(manager, {
          actor: userActor(actor.userId),
          organizationId,
          action: 'merchant_integration.created',
          entityType: 'merchant_integration',
          entityId: id,
          after: { kind: row.kind, name },
        });
        // A new integration works at once: its first key can record orders.
        const first = await this.apiKeys.insert(manager, { integrationId: id, organizationId, scopes: ['orders:write'], userId: actor.userId });
        return first.key;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_merchant_integrations_name')) {
        throw new AttributionException(AttributionErrorCode.Taken, `input.name: your organization already has an integration named "${name}"`, { field: 'input.name' });
      }
      throw error;
    }
    const stored = await this.db.getRepository(MerchantIntegrationEntity).findOneByOrFail({ id });
    return { integration: toMerchantIntegration(stored), signingSecret, apiKey };
  }

  /** A new signing secret; the replaced one keeps verifying for the grace period, so shops can switch without losing orders. */
  async rotateSecret(actor: Actor, id: string): Promise<RotatedIntegrationSecret> {
    const organizationId = brandOrganization(actor, 'rotate integration secrets');
    assertAnyRole(actor, [Role.BRAND_ADMIN], 'rotate integration secrets');
    const signingSecret = newSigningSecret();
    const row = await this.db.transaction(async (manager) => {
      const current = await manager
        .createQueryBuilder(MerchantIntegrationEntity, 'i')
        .where('i.id = :id AND i.organizationId = :organizationId', { id, organizationId })
        .setLock('pessimistic_write')
        .getOne();
      if (!current) throw integrationNotFound(id);
      const previousSecretExpiresAt = new Date(Date.now() + this.config.sales.secretRotationGraceSeconds * 1000);
      await manager.update(
        MerchantIntegrationEntity,
        { id },
        { secretCiphertext: this.box.seal(signingSecret, id), previousSecretCiphertext: current.secretCiphertext, previousSecretExpiresAt },
      );
      await this.audit.record(manager, {
        actor: userActor(actor.userId),
        organizationId,
        action: 'merchant_integration.secret_rotated',
        entityType: 'merchant_integration',
        entityId: id,
        after: { previousSecretExpiresAt: previousSecretExpiresAt.toISOString() },
      });
      return manager.findOneByOrFail(MerchantIntegrationEntity, { id });
    });
    return { integration: toMerchantIntegration(row), signingSecret };
  }

  async get(actor: Actor, id: string): Promise<MerchantIntegration> {
    const organizationId = brandOrganization(actor, 'see merchant integrations');
    const row = isUuid(id) ? await this.db.getRepository(MerchantIntegrationEntity).findOneBy({ id, organizationId }) : null;
    if (!row) throw integrationNotFound(id);
    return toMerchantIntegration(row);
  }

  async list(actor: Actor, args: PageArgs): Promise<ConnectionShape<MerchantIntegration>> {
    const organizationId = brandOrganization(actor, 'see merchant integrations');
    const query = this.db.getRepository(MerchantIntegrationEntity).createQueryBuilder('i').where('i.organizationId = :organizationId', { organizationId });
    const page = await paginate(query, pageRequest(args, this.config.graphql), { direction: 'DESC' });
    return mapConnection(page, (row) => toMerchantIntegration(row));
  }
}
