import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A campaign's clicks on one day of its organization's time zone: the sum of its links'
 * `analytics_click_days` rows for that day, kept equal to them by the drain that writes
 * those rows. A campaign report reads one row a day here instead of one per link a day.
 */
@Entity('analytics_campaign_click_days')
export class CampaignClickDayEntity {
  @PrimaryColumn('uuid')
  campaignId!: string;

  @PrimaryColumn('date')
  day!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('integer')
  clicks!: number;

  @Column('integer')
  uniqueClicks!: number;

  @Column('integer')
  botClicks!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  refreshedAt!: Date;
}

/**
 * A campaign's sales on one day, in one currency: the sum of its enrollments'
 * `analytics_sale_days` rows for that day and currency, over every source.
 */
@Entity('analytics_campaign_sale_days')
export class CampaignSaleDayEntity {
  @PrimaryColumn('uuid')
  campaignId!: string;

  @PrimaryColumn('date')
  day!: string;

  @PrimaryColumn('char', { length: 3 })
  currency!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('integer')
  orders!: number;

  @Column('bigint')
  grossMinor!: string;

  @Column('bigint')
  netMinor!: string;

  @Column('integer')
  refundedOrders!: number;

  @Column('bigint')
  refundedMinor!: string;

  @Column('bigint')
  commissionPendingMinor!: string;

  @Column('bigint')
  commissionApprovedMinor!: string;

  @Column('bigint')
  commissionPaidMinor!: string;

  @Column('bigint')
  feeMinor!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  refreshedAt!: Date;
}
