import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Hours of a link with new clicks, marked by a trigger on `click_events` in the transaction
 * that stored them; the rollup worker recomputes the days they fall on and removes them.
 */
@Entity('analytics_dirty_links')
// The drain takes the oldest marks first; without this index each batch sorts every mark waiting.
@Index('ix_analytics_dirty_links_marked_at', ['markedAt'])
export class DirtyLinkHourEntity {
  @PrimaryColumn('uuid')
  linkId!: string;

  @PrimaryColumn('timestamptz')
  hour!: Date;

  /** When the hour was first marked: the oldest mark is how far the rollups lag behind. */
  @CreateDateColumn({ type: 'timestamptz' })
  markedAt!: Date;
}

/** Hours of an enrollment whose orders or commissions changed, marked by triggers on both tables. */
@Entity('analytics_dirty_enrollments')
@Index('ix_analytics_dirty_enrollments_marked_at', ['markedAt'])
export class DirtyEnrollmentHourEntity {
  @PrimaryColumn('uuid')
  enrollmentId!: string;

  @PrimaryColumn('timestamptz')
  hour!: Date;

  /** When the hour was first marked: the oldest mark is how far the rollups lag behind. */
  @CreateDateColumn({ type: 'timestamptz' })
  markedAt!: Date;
}

/**
 * An organization whose rollups must be rebuilt whole because its time zone changed (its
 * days now start at another hour), requested by a trigger on `organizations`.
 */
@Entity('analytics_rebuild_requests')
export class RebuildRequestEntity {
  @PrimaryColumn('uuid')
  organizationId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt!: Date;
}
