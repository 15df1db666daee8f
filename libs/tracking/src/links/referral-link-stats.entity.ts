import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';

/** Postgres bigint counts as numbers: exact far beyond any link's clicks (2^53). */
const COUNT = { to: (value: number) => value, from: (value: string) => Number(value) };
import { ReferralLinkEntity } from './referral-link.entity.js';

/**
 * Click counts per link, kept by the worker in the same transaction that stores the
 * clicks, so they always equal a count over `click_events`. Bot clicks are counted apart.
 */
@Entity('referral_link_stats')
export class ReferralLinkStatsEntity {
  @PrimaryColumn('uuid')
  linkId!: string;

  @OneToOne(() => ReferralLinkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_id' })
  link?: Relation<ReferralLinkEntity>;

  /** Clicks by people (bots excluded). */
  @Column('bigint', { default: 0, transformer: COUNT })
  clicks!: number;

  /** Of those, the first click of a visitor on this link within an hour. */
  @Column('bigint', { default: 0, transformer: COUNT })
  uniqueClicks!: number;

  @Column('bigint', { default: 0, transformer: COUNT })
  botClicks!: number;

  /** The latest click by a person. */
  @Column('timestamptz', { nullable: true })
  lastClickAt!: Date | null;
}
