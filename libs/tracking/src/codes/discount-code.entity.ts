import { CampaignEntity, EnrollmentEntity } from '@app/campaigns';
import { BIGINT_COLUMN } from '@app/core';
import { CreatorProfileEntity } from '@app/creators';
import { OrganizationEntity } from '@app/identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';

/**
 * A creator's discount code in a campaign. It carries the discount it was issued with, so
 * a later change to the campaign never changes a code the brand already set up in its
 * store. Codes are revoked, never deleted, and never reissued within the organization.
 */
@Entity('discount_codes')
@Index('uq_discount_codes_organization_key', ['organizationId', 'codeKey'], { unique: true })
@Index('uq_discount_codes_enrollment_active', ['enrollmentId'], { unique: true, where: `"status" = 'ACTIVE'` })
@Index('ix_discount_codes_campaign', ['campaignId', 'id'])
@Index('ix_discount_codes_creator', ['creatorId', 'id'])
@Index('ix_discount_codes_organization', ['organizationId', 'id'])
@Check('chk_discount_codes_status', `"status" IN ('ACTIVE', 'REVOKED')`)
@Check(
  'chk_discount_codes_discount',
  `("discount_type" = 'PERCENTAGE' AND "percent_bps" BETWEEN 1 AND 10000 AND "amount_minor" IS NULL)
    OR ("discount_type" = 'FIXED_AMOUNT' AND "amount_minor" > 0 AND "percent_bps" IS NULL)`,
)
export class DiscountCodeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<OrganizationEntity>;

  @Column('uuid')
  campaignId!: string;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Relation<CampaignEntity>;

  @Column('uuid')
  enrollmentId!: string;

  @ManyToOne(() => EnrollmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: Relation<EnrollmentEntity>;

  @Column('uuid')
  creatorId!: string;

  @ManyToOne(() => CreatorProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'creator_id' })
  creator?: Relation<CreatorProfileEntity>;

  /** As shoppers type it at checkout: upper-case letters and digits. */
  @Column('text')
  code!: string;

  /** The code with look-alike characters folded (O→0, I and L→1): what uniqueness and order matching compare. */
  @Column('text')
  codeKey!: string;

  @Column('text')
  discountType!: string;

  @Column('integer', { nullable: true })
  percentBps!: number | null;

  @Column('bigint', { nullable: true, transformer: BIGINT_COLUMN })
  amountMinor!: bigint | null;

  /** The campaign currency when the code was issued. */
  @Column('char', { length: 3 })
  currency!: string;

  @Column('text')
  status!: string;

  @Column('uuid')
  createdByUserId!: string;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('uuid', { nullable: true })
  revokedByUserId!: string | null;

  @Column('text', { nullable: true })
  revokedReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
