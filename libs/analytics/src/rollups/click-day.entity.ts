import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ClickCounterColumns } from './rollup-counters.js';

/**
 * One referral link's clicks on one day of its organization's time zone, recomputed from
 * `click_events` whenever clicks of that day arrive. Bots are counted apart, never mixed in.
 */
@Entity('analytics_click_days')
@Index('ix_analytics_click_days_organization', ['organizationId', 'day'])
@Index('ix_analytics_click_days_campaign', ['campaignId', 'day'])
@Index('ix_analytics_click_days_creator', ['creatorId', 'day'])
@Index('ix_analytics_click_days_enrollment', ['enrollmentId', 'day'])
export class ClickDayEntity extends ClickCounterColumns {
  @PrimaryColumn('uuid')
  linkId!: string;

  /** The calendar day in the organization's time zone, `YYYY-MM-DD`. */
  @PrimaryColumn('date')
  day!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid')
  campaignId!: string;

  @Column('uuid')
  enrollmentId!: string;

  @Column('uuid')
  creatorId!: string;
}
