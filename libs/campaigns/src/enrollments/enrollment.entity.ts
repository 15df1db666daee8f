import { CreatorProfileEntity } from '@app/creators';
import { OrganizationEntity } from '@app/identity';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { CampaignEntity } from '../campaigns/campaign.entity.js';

/** A creator's place in a campaign, from application or invitation to its end. One per pair. */
@Entity('enrollments')
@Index('uq_enrollments_campaign_creator', ['campaignId', 'creatorId'], { unique: true })
@Index('ix_enrollments_organization', ['organizationId', 'id'])
@Index('ix_enrollments_creator', ['creatorId', 'id'])
@Index('ix_enrollments_campaign', ['campaignId', 'id'])
@Check('chk_enrollments_status', `"status" IN ('APPLIED', 'INVITED', 'APPROVED', 'REJECTED', 'DECLINED', 'REMOVED', 'LEFT')`)
@Check('chk_enrollments_origin', `"origin" IN ('APPLICATION', 'INVITATION')`)
export class EnrollmentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  campaignId!: string;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Relation<CampaignEntity>;

  /** The campaign's organization, copied here so every tenant query is one index lookup. */
  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<OrganizationEntity>;

  @Column('uuid')
  creatorId!: string;

  @ManyToOne(() => CreatorProfileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'creator_id' })
  creator?: Relation<CreatorProfileEntity>;

  @Column('text')
  status!: string;

  @Column('text')
  origin!: string;

  /** The creator's pitch when applying. */
  @Column('text', { nullable: true })
  pitch!: string | null;

  /** The brand's message when inviting. */
  @Column('text', { nullable: true })
  invitationMessage!: string | null;

  /** Why it was rejected or removed, from a fixed list. */
  @Column('text', { nullable: true })
  reasonCode!: string | null;

  /** Free text beside the reason. */
  @Column('text', { nullable: true })
  reasonNote!: string | null;

  @Column('uuid', { nullable: true })
  decidedByUserId!: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  approvedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  endedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
