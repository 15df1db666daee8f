import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SaleCounterColumns } from './rollup-counters.js';

/**
 * What one enrollment sold on one day of its organization's time zone, in one currency,
 * through one source (a link, a code, or neither: a returning customer or a manual
 * assignment), with the commissions those orders earned by status. Recomputed from
 * `orders` and `commissions` whenever either changes for that day.
 */
@Entity('analytics_sale_days')
@Index('ix_analytics_sale_days_organization', ['organizationId', 'day'])
@Index('ix_analytics_sale_days_campaign', ['campaignId', 'day'])
@Index('ix_analytics_sale_days_creator', ['creatorId', 'day'])
@Index('ix_analytics_sale_days_link', ['linkId', 'day'])
@Index('ix_analytics_sale_days_code', ['codeId', 'day'])
export class SaleDayEntity extends SaleCounterColumns {
  @PrimaryColumn('uuid')
  enrollmentId!: string;

  @PrimaryColumn('date')
  day!: string;

  @PrimaryColumn('char', { length: 3 })
  currency!: string;

  /** `link:<id>`, `code:<id>` or `other`. */
  @PrimaryColumn('text')
  sourceKey!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid')
  campaignId!: string;

  @Column('uuid')
  creatorId!: string;

  @Column('uuid', { nullable: true })
  linkId!: string | null;

  @Column('uuid', { nullable: true })
  codeId!: string | null;
}
