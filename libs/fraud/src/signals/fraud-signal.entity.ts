import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A fraud rule's finding, kept with its numbers. Order signals hold that order's commission;
 * a code signal (a leaked coupon) marks the code, and holds each commission the code brings
 * while it stands. `resolvedAt` is set when finance clears it.
 */
@Entity('fraud_signals')
@Index('uq_fraud_signals_order_rule', ['orderId', 'rule'], { unique: true, where: `"scope" = 'ORDER'` })
@Index('uq_fraud_signals_code_open', ['discountCodeId', 'rule'], { unique: true, where: `"scope" = 'CODE' AND "resolved_at" IS NULL` })
@Index('ix_fraud_signals_organization', ['organizationId', 'createdAt'])
@Check('chk_fraud_signals_scope', `("scope" = 'ORDER' AND "order_id" IS NOT NULL) OR ("scope" = 'CODE' AND "discount_code_id" IS NOT NULL)`)
export class FraudSignalEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('text')
  scope!: 'ORDER' | 'CODE';

  @Column('text')
  rule!: string;

  @Column('uuid', { nullable: true })
  orderId!: string | null;

  @Column('uuid', { nullable: true })
  discountCodeId!: string | null;

  @Column('uuid', { nullable: true })
  creatorId!: string | null;

  @Column('text')
  reason!: string;

  @Column('jsonb')
  detail!: Record<string, string | number | boolean | null>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt!: Date | null;

  @Column('uuid', { nullable: true })
  resolvedByUserId!: string | null;
}
