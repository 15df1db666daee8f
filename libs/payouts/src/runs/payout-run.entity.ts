import { BIGINT_COLUMN } from '@app/core';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { PayoutRunStatus } from './payout-status.js';

/** One payout run: every creator's approved commissions in one currency up to a cutoff, paid together. */
@Entity('payout_runs')
@Index('ix_payout_runs_created', ['createdAt', 'id'])
@Check('chk_payout_runs_status', `"status" IN ('SENDING', 'COMPLETED')`)
export class PayoutRunEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('char', { length: 3 })
  currency!: string;

  /** Commissions approved (clawbacks recorded) after this stay for the next run. */
  @Column('timestamptz')
  cutoff!: Date;

  @Column('text')
  status!: PayoutRunStatus;

  @Column('uuid')
  createdBy!: string;

  @Column('integer')
  payoutCount!: number;

  @Column('bigint', { transformer: BIGINT_COLUMN })
  totalMinor!: bigint;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;
}
