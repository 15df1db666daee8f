import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The visitor hashes a creator's own browser had on a day, as the redirector would have
 * hashed it (address and user agent under that day's salt). An order whose click came from
 * one of them was placed by the creator: a self-referral. Hashes of different days never
 * compare, so each is kept with its day, and only for as long as a self-referral could
 * still be judged.
 */
@Entity('creator_visitors')
@Index('ix_creator_visitors_day', ['day'])
export class CreatorVisitorEntity {
  /** The creator's user: known from the access token, so noting a visit costs no lookup. */
  @PrimaryColumn('uuid')
  userId!: string;

  @PrimaryColumn('text')
  visitorHash!: string;

  @PrimaryColumn('date')
  day!: string;

  @Column('timestamptz', { default: () => 'now()' })
  firstSeenAt!: Date;
}
