import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One click on a referral link. The table is partitioned by month of `clicked_at` and
 * written only by the worker, in batches; its schema (partitions, indexes) lives in the
 * migrations, which TypeORM cannot express, so this entity does not take part in schema
 * diffs. There is no IP address here, ever: a visitor is a salted hash whose salt
 * changes every day.
 */
@Entity({ name: 'click_events', synchronize: false })
export class ClickEventEntity {
  /** UUID v7: time-ordered, and the `cid` the shopper carries to the merchant. */
  @PrimaryColumn('uuid')
  id!: string;

  /** The time in `id`, to the millisecond: lookups by id prune to one partition. */
  @PrimaryColumn('timestamptz')
  clickedAt!: Date;

  @Column('uuid')
  linkId!: string;

  @Column('uuid')
  enrollmentId!: string;

  @Column('uuid')
  campaignId!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid')
  creatorId!: string;

  /** HMAC of address and user agent under the day's salt. */
  @Column('text')
  visitorHash!: string;

  /** ISO 3166-1 alpha-2 from a trusted proxy header, when one is configured. */
  @Column('char', { length: 2, nullable: true })
  country!: string | null;

  @Column('text')
  deviceClass!: string;

  @Column('text', { nullable: true })
  referrerHost!: string | null;

  @Column('boolean')
  isBot!: boolean;

  /** The visitor's first click on this link within an hour. Never true for bots. */
  @Column('boolean')
  isUnique!: boolean;
}
