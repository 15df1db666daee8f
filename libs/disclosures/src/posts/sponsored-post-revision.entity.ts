import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { DisclosureResult } from '../rules/check-disclosure.js';
import { SponsoredPostEntity } from './sponsored-post.entity.js';

/** Where a revision's jurisdictions came from. */
export enum JurisdictionSource {
  /** Stated by the creator. */
  STATED = 'STATED',
  /** Taken from the creator's audience countries. */
  AUDIENCE = 'AUDIENCE',
}

/**
 * What a sponsored post said at one time, exactly as submitted, with the check made of it.
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE): an edit is a new revision,
 * so the evidence log shows every version and the rules each was judged by.
 */
@Entity('sponsored_post_revisions')
@Index('uq_sponsored_post_revisions_post_revision', ['postId', 'revision'], { unique: true })
@Check('chk_sponsored_post_revisions_result', `"check_result" IN ('COMPLIANT', 'NON_COMPLIANT', 'NEEDS_REVIEW')`)
@Check('chk_sponsored_post_revisions_jurisdiction_source', `"jurisdiction_source" IN ('STATED', 'AUDIENCE')`)
@Check('chk_sponsored_post_revisions_evidence', `("evidence_sha256" IS NULL) = ("evidence_media_ref" IS NULL)`)
@Check('chk_sponsored_post_revisions_sha256', `"evidence_sha256" IS NULL OR "evidence_sha256" ~ '^[0-9a-f]{64}$'`)
@Check('chk_sponsored_post_revisions_verbal_at', `"verbal_at_seconds" IS NULL OR "verbal_at_seconds" >= 0`)
export class SponsoredPostRevisionEntity {
  /** UUID v7: revisions list in the order they were made. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  postId!: string;

  @ManyToOne(() => SponsoredPostEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'post_id' })
  post?: Relation<SponsoredPostEntity>;

  /** 1 for the post as first submitted, then 2, 3… */
  @Column('integer')
  revision!: number;

  @Column('timestamptz')
  postedAt!: Date;

  /** The caption as captured, unchanged: the check reads its own normalized copy. */
  @Column('text')
  caption!: string;

  @Column('text', { nullable: true })
  transcript!: string | null;

  @Column('text', { array: true })
  disclosureMethods!: string[];

  @Column('integer', { nullable: true })
  verbalAtSeconds!: number | null;

  @Column('text', { array: true })
  jurisdictions!: string[];

  @Column('text')
  jurisdictionSource!: JurisdictionSource;

  /** SHA-256 of the screenshot or video frame, lower-case hex. */
  @Column('char', { length: 64, nullable: true })
  evidenceSha256!: string | null;

  /** Where that screenshot or frame is kept. */
  @Column('text', { nullable: true })
  evidenceMediaRef!: string | null;

  /** The brand name the check looked for ("paid partnership with <brand>"). */
  @Column('text')
  brandName!: string;

  @Column('text')
  checkResult!: DisclosureResult;

  @Column('text', { array: true })
  checkReasons!: string[];

  @Column('text', { array: true })
  checkWarnings!: string[];

  @Column('text')
  rulesetVersion!: string;

  @Column('uuid')
  submittedByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
