import { CreatorProfileEntity } from '@app/creators';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';

export enum PayoutAccountStatus {
  /** Created at Stripe; the creator has not finished onboarding (or Stripe is still verifying). */
  ONBOARDING = 'ONBOARDING',
  /** Onboarded and able to receive transfers. */
  ACTIVE = 'ACTIVE',
  /** Onboarded, but Stripe needs more information before transfers can resume. */
  RESTRICTED = 'RESTRICTED',
  /** Rejected by Stripe or the platform: it will not receive transfers again. */
  DISABLED = 'DISABLED',
}

/**
 * A creator's Stripe Connect account (one per creator), as Stripe last told us through its
 * webhooks. `lastStripeEventAt` is the creation time of the newest event applied: an older
 * event arriving late is not allowed to roll the state back.
 */
@Entity('payout_accounts')
@Index('uq_payout_accounts_creator', ['creatorId'], { unique: true })
@Index('uq_payout_accounts_stripe_account', ['stripeAccountId'], { unique: true })
@Check('chk_payout_accounts_status', `"status" IN ('ONBOARDING', 'ACTIVE', 'RESTRICTED', 'DISABLED')`)
export class PayoutAccountEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  creatorId!: string;

  @ManyToOne(() => CreatorProfileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'creator_id' })
  creator?: Relation<CreatorProfileEntity>;

  /** `acct_…` */
  @Column('text')
  stripeAccountId!: string;

  @Column('text', { default: PayoutAccountStatus.ONBOARDING })
  status!: PayoutAccountStatus;

  /** The creator went through Stripe's onboarding form to the end. */
  @Column('boolean', { default: false })
  detailsSubmitted!: boolean;

  /** Stripe pays the balance out to the creator's bank account. */
  @Column('boolean', { default: false })
  payoutsEnabled!: boolean;

  /** Stripe's status of the `transfers` capability: `active`, `inactive`, `pending` (or another Stripe adds). */
  @Column('text', { default: 'inactive' })
  transfersCapability!: string;

  /** What Stripe needs from the creator now: `currently_due` and `past_due` requirements. */
  @Column('text', { array: true, default: () => "'{}'" })
  requirementsDue!: string[];

  /** Why Stripe disabled the account, e.g. `requirements.past_due`. */
  @Column('text', { nullable: true })
  disabledReason!: string | null;

  /** ISO 3166-1 alpha-2; fixed once the account exists. */
  @Column('char', { length: 2 })
  country!: string;

  @Column('timestamptz', { nullable: true })
  lastStripeEventAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
