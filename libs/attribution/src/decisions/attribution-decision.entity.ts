import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { OrderEntity } from '../orders/order.entity.js';

/** A candidate as stored (jsonb). */
export interface StoredCandidate {
  kind: string;
  ref: string;
  at: string;
  creatorId: string | null;
  enrollmentId: string | null;
  campaignId: string | null;
  outcome: string;
  reasonCode: string;
  reason: string;
}

export enum DecisionMethod {
  /** Chosen by the rules when the order arrived. */
  RULES = 'RULES',
  /** Assigned by finance to an order the rules left unattributed. */
  MANUAL = 'MANUAL',
}

/**
 * Why an order was credited to whom: every candidate with its outcome and reason, the rule
 * applied, the winner. One per order. A manual assignment keeps the candidates and records
 * who assigned it and why.
 */
@Entity('attribution_decisions')
@Check('chk_attribution_decisions_method', `"method" IN ('RULES', 'MANUAL')`)
@Check('chk_attribution_decisions_manual', `"method" = 'RULES' OR ("decided_by_user_id" IS NOT NULL AND "reason" IS NOT NULL)`)
export class AttributionDecisionEntity {
  @PrimaryColumn('uuid')
  orderId!: string;

  @OneToOne(() => OrderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  order?: Relation<OrderEntity>;

  @Column('uuid')
  organizationId!: string;

  @Column('text', { nullable: true })
  rule!: string | null;

  @Column('jsonb')
  candidates!: StoredCandidate[];

  /** Index into `candidates` of the winner chosen by the rules. */
  @Column('integer', { nullable: true })
  winnerIndex!: number | null;

  @Column('uuid', { nullable: true })
  winnerEnrollmentId!: string | null;

  @Column('uuid', { nullable: true })
  winnerCreatorId!: string | null;

  @Column('uuid', { nullable: true })
  winnerCampaignId!: string | null;

  @Column('text', { default: DecisionMethod.RULES })
  method!: DecisionMethod;

  @Column('uuid', { nullable: true })
  decidedByUserId!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz')
  decidedAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
