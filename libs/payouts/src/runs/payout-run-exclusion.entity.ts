import { BIGINT_COLUMN } from '@app/core';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { PayoutRunEntity } from './payout-run.entity.js';
import { PayoutExclusionReason } from './payout-status.js';

/** A creator a run did not pay (or paid only in part), and why: what finance and the creator are told. */
@Entity('payout_run_exclusions')
@Index('uq_payout_run_exclusions', ['runId', 'creatorId', 'reason'], { unique: true })
@Check('chk_payout_run_exclusions_reason', `"reason" IN ('NO_PAYOUT_ACCOUNT', 'AWAITING_BRAND_FUNDING', 'BELOW_MINIMUM', 'NOTHING_OWED')`)
export class PayoutRunExclusionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  runId!: string;

  @ManyToOne(() => PayoutRunEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'run_id' })
  run?: Relation<PayoutRunEntity>;

  @Column('uuid')
  creatorId!: string;

  @Column('text')
  reason!: PayoutExclusionReason;

  /** The commissions left out, net. */
  @Column('bigint', { transformer: BIGINT_COLUMN })
  amountMinor!: bigint;

  @Column('integer')
  commissionCount!: number;
}
