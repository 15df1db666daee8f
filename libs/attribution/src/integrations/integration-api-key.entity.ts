import { OrganizationEntity } from '@app/identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { MerchantIntegrationEntity } from './merchant-integration.entity.js';

/** What a key may do. `orders:write`: record orders and refunds (`recordOrder`, `recordRefund`). */
export const API_KEY_SCOPES = ['orders:write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * A merchant integration's API key. Several per integration, so a shop can rotate: make a
 * new key, switch, revoke the old one. Only the key's SHA-256 is kept (keys are long and
 * random, so no slow hash is needed), and its first characters to tell keys apart.
 */
@Entity('integration_api_keys')
@Index('uq_integration_api_keys_hash', ['keyHash'], { unique: true })
@Index('ix_integration_api_keys_integration', ['integrationId', 'id'])
@Check('chk_integration_api_keys_scopes', `"scopes" <@ ARRAY['orders:write']::text[]`)
@Check('chk_integration_api_keys_revoked', `("revoked_at" IS NULL) = ("revoked_by_user_id" IS NULL)`)
export class IntegrationApiKeyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  integrationId!: string;

  @ManyToOne(() => MerchantIntegrationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'integration_id' })
  integration?: Relation<MerchantIntegrationEntity>;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<OrganizationEntity>;

  /** The key's first characters. */
  @Column('text')
  prefix!: string;

  /** SHA-256 of the key, hex. */
  @Column('text')
  keyHash!: string;

  @Column('text', { array: true })
  scopes!: ApiKeyScope[];

  @Column('uuid')
  createdByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Written at most about once a minute per key, not on every call. */
  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('uuid', { nullable: true })
  revokedByUserId!: string | null;

  @Column('text', { nullable: true })
  revokedReason!: string | null;
}
