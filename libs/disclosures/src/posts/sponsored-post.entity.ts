import { EnrollmentEntity } from '@app/campaigns';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { DisclosureResult } from '../rules/check-disclosure.js';

/** Whether a post's status is its rule check's result or a person's override of it. */
export enum PostStatusSource {
  CHECK = 'CHECK',
  OVERRIDE = 'OVERRIDE',
}

/**
 * A sponsored post a creator recorded for one enrollment: one per post URL. What the post
 * said is kept in its append-only revisions; this row points at the newest and caches its
 * standing (`status`), which the commission gate reads. A trigger keeps the identity
 * columns fixed and refuses DELETE: evidence outlives everything else.
 */
@Entity('sponsored_posts')
@Index('uq_sponsored_posts_enrollment_url', ['enrollmentId', 'urlKey'], { unique: true })
@Index('ix_sponsored_posts_enrollment_status', ['enrollmentId', 'status'])
@Index('ix_sponsored_posts_organization', ['organizationId', 'campaignId', 'id'])
@Index('ix_sponsored_posts_campaign', ['campaignId', 'id'])
@Index('ix_sponsored_posts_creator', ['creatorId', 'id'])
@Check('chk_sponsored_posts_status', `"status" IN ('COMPLIANT', 'NON_COMPLIANT', 'NEEDS_REVIEW')`)
@Check('chk_sponsored_posts_check_result', `"check_result" IN ('COMPLIANT', 'NON_COMPLIANT', 'NEEDS_REVIEW')`)
@Check('chk_sponsored_posts_status_source', `"status_source" IN ('CHECK', 'OVERRIDE')`)
@Check('chk_sponsored_posts_revision', `"revision" >= 1`)
export class SponsoredPostEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  enrollmentId!: string;

  @ManyToOne(() => EnrollmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: Relation<EnrollmentEntity>;

  /** The enrollment's campaign, organization and creator, copied so tenant queries are one index lookup. */
  @Column('uuid')
  campaignId!: string;

  @Column('uuid')
  organizationId!: string;

  @Column('uuid')
  creatorId!: string;

  @Column('text')
  platform!: string;

  /** As the creator gave it, trimmed. */
  @Column('text')
  url!: string;

  /** The URL reduced to what names the post (see `postUrlKey`): the same post shared twice has one key. */
  @Column('text')
  urlKey!: string;

  /** The newest revision's number. */
  @Column('integer')
  revision!: number;

  /** The newest revision's id. */
  @Column('uuid')
  revisionId!: string;

  /** What the rule set said of the newest revision. */
  @Column('text')
  checkResult!: DisclosureResult;

  /** The standing that counts: the check's result, or an override of the newest revision. */
  @Column('text')
  status!: DisclosureResult;

  @Column('text', { default: PostStatusSource.CHECK })
  statusSource!: PostStatusSource;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
