import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Running counts per discount code, kept as orders arrive, so the coupon-leak rule reads one
 * row instead of scanning a code's orders.
 */
@Entity('fraud_code_usage')
export class CodeUsageEntity {
  @PrimaryColumn('uuid')
  discountCodeId!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('integer', { default: 0 })
  ordersWithCode!: number;

  /** Orders with the code and no valid click on the same creator's links. */
  @Column('integer', { default: 0 })
  ordersWithoutClickTrail!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
