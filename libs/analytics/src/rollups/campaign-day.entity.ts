import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ClickCounterColumns, SaleCounterColumns } from './rollup-counters.js';

/**
 * A campaign's clicks on one day of its organization's time zone: the sum of its links'
 * `analytics_click_days` rows for that day, kept equal to them by the drain that writes
 * those rows. A campaign report reads one row a day here instead of one per link a day.
 */
@Entity('analytics_campaign_click_days')
export class CampaignClickDayEntity extends ClickCounterColumns {
  @PrimaryColumn('uuid')
  campaignId!: string;

  @PrimaryColumn('date')
  day!: string;

  @Column('uuid')
  organizationId!: string;
}

/**
 * A campaign's sales on one day, in one currency: the sum of its enrollments'
 * `analytics_sale_days` rows for that day and currency, over every source.
 */
@Entity('analytics_campaign_sale_days')
export class CampaignSaleDayEntity extends SaleCounterColumns {
  @PrimaryColumn('uuid')
  campaignId!: string;

  @PrimaryColumn('date')
  day!: string;

  @PrimaryColumn('char', { length: 3 })
  currency!: string;

  @Column('uuid')
  organizationId!: string;
}
