import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every Stripe event received, stored once: the primary key is Stripe's event id, so a
 * redelivered event finds its row and changes nothing. The handler of its type runs in the
 * transaction that stores it; `processedAt` stays null for types nothing handles.
 */
@Entity('stripe_events')
@Index('ix_stripe_events_object', ['objectId'])
export class StripeEventEntity {
  /** `evt_…` */
  @PrimaryColumn('text')
  id!: string;

  /** `account.updated`, `transfer.reversed`, … */
  @Column('text')
  type!: string;

  /** The id of the event's `data.object` (`acct_…`, `tr_…`). */
  @Column('text', { nullable: true })
  objectId!: string | null;

  /** When Stripe created the event. */
  @Column('timestamptz')
  created!: Date;

  /** The event as Stripe sent it. */
  @Column('jsonb')
  payload!: Record<string, unknown>;

  @Column('timestamptz', { default: () => 'now()' })
  receivedAt!: Date;

  @Column('timestamptz', { nullable: true })
  processedAt!: Date | null;
}
