import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Work a committed change asks for: written in the change's own transaction, moved to its
 * queue by the relay afterwards. A change that rolls back leaves no message, and a message
 * whose change committed is delivered even if the process dies right after the commit.
 */
@Entity('outbox_messages')
@Index('ix_outbox_messages_unpublished', ['createdAt'], { where: '"published_at" IS NULL' })
export class OutboxMessageEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** The BullMQ queue the job goes to. */
  @Column('text')
  queue!: string;

  /** The job's name on that queue. */
  @Column('text')
  jobName!: string;

  /** The job id, so a message relayed twice is still one job (BullMQ refuses ids with a colon). */
  @Column('text')
  jobId!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;
}
