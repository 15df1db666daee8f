import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { DisclosureResult } from '../rules/check-disclosure.js';
import { SponsoredPostRevisionEntity } from './sponsored-post-revision.entity.js';
import { SponsoredPostEntity } from './sponsored-post.entity.js';

/**
 * A brand or finance user's decision on one revision of a post, overriding its check.
 * Append-only: a later decision on the same revision is a new row and wins; a new revision
 * is checked afresh, and no earlier override applies to it.
 */
@Entity('disclosure_overrides')
@Index('ix_disclosure_overrides_revision', ['revisionId', 'id'])
@Index('ix_disclosure_overrides_post', ['postId', 'id'])
@Check('chk_disclosure_overrides_decision', `"decision" IN ('COMPLIANT', 'NON_COMPLIANT')`)
export class DisclosureOverrideEntity {
  /** UUID v7: the newest decision on a revision has the greatest id. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  postId!: string;

  @ManyToOne(() => SponsoredPostEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'post_id' })
  post?: Relation<SponsoredPostEntity>;

  @Column('uuid')
  revisionId!: string;

  @ManyToOne(() => SponsoredPostRevisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'revision_id' })
  revisionRow?: Relation<SponsoredPostRevisionEntity>;

  @Column('text')
  decision!: DisclosureResult.COMPLIANT | DisclosureResult.NON_COMPLIANT;

  @Column('text')
  note!: string;

  @Column('uuid')
  decidedByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
