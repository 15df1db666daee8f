import { OrganizationEntity } from '@app/identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';

export enum MerchantIntegrationKind {
  GENERIC = 'GENERIC',
  SHOPIFY = 'SHOPIFY',
}

export enum MerchantIntegrationStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

/**
 * A brand's shop sending orders: by signed webhooks (generic or Shopify) or by the
 * `recordOrder` mutation with one of its API keys ({@link IntegrationApiKeyEntity}). The
 * signing secret has to be known to verify an HMAC, so it is kept encrypted (never hashed).
 * A rotated-out secret keeps verifying until `previousSecretExpiresAt`.
 */
@Entity('merchant_integrations')
@Index('uq_merchant_integrations_name', ['organizationId', 'name'], { unique: true })
@Check('chk_merchant_integrations_kind', `"kind" IN ('GENERIC', 'SHOPIFY')`)
@Check('chk_merchant_integrations_status', `"status" IN ('ACTIVE', 'DISABLED')`)
export class MerchantIntegrationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<OrganizationEntity>;

  @Column('text')
  kind!: MerchantIntegrationKind;

  @Column('text')
  name!: string;

  @Column('text', { default: MerchantIntegrationStatus.ACTIVE })
  status!: MerchantIntegrationStatus;

  /** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  @Column('text')
  secretCiphertext!: string;

  @Column('text', { nullable: true })
  previousSecretCiphertext!: string | null;

  @Column('timestamptz', { nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastEventAt!: Date | null;

  @Column('uuid')
  createdByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
