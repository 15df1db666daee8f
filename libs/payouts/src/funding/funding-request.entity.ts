import { OrganizationEntity } from '@app/identity';
import { BIGINT_COLUMN } from '@app/core';
import { registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';

export enum FundingRequestStatus {
  /** The PaymentIntent waits for the brand's payment. */
  REQUIRES_PAYMENT = 'REQUIRES_PAYMENT',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELED = 'CANCELED',
}

registerEnumType(FundingRequestStatus, { name: 'FundingRequestStatus' });

/** A request that a brand pay for its approved commissions and fees, through a Stripe PaymentIntent. */
@Entity('funding_requests')
@Index('ix_funding_requests_organization', ['organizationId', 'createdAt', 'id'])
@Index('uq_funding_requests_payment_intent', ['stripePaymentIntentId'], { unique: true, where: '"stripe_payment_intent_id" IS NOT NULL' })
@Check('chk_funding_requests_status', `"status" IN ('REQUIRES_PAYMENT', 'SUCCEEDED', 'FAILED', 'CANCELED')`)
@Check('chk_funding_requests_amount', `"amount_minor" > 0`)
export class FundingRequestEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<OrganizationEntity>;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  amountMinor!: bigint;

  @Column('text')
  status!: FundingRequestStatus;

  /** Set once Stripe made the PaymentIntent (right after the row). */
  @Column('text', { nullable: true })
  stripePaymentIntentId!: string | null;

  @Column('uuid')
  createdBy!: string;

  @Column('text', { nullable: true })
  failureMessage!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { nullable: true })
  succeededAt!: Date | null;
}
