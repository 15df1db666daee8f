import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';
import { OrganizationEntity } from './organization.entity.js';

/** An invitation to join a brand's team. Only a hash of its token is stored. */
@Entity('invitations')
@Index('uq_invitations_token_hash', ['tokenHash'], { unique: true })
@Index('uq_invitations_pending_email', ['organizationId', 'email'], {
  unique: true,
  where: '"accepted_at" IS NULL AND "revoked_at" IS NULL',
})
@Index('ix_invitations_organization', ['organizationId', 'id'])
@Check('chk_invitations_role', `"role" IN ('BRAND_ADMIN', 'BRAND_MEMBER')`)
export class InvitationEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<OrganizationEntity>;

  /** Stored trimmed and lower-cased. */
  @Column('text')
  email!: string;

  @Column('text')
  role!: string;

  @Column('text')
  tokenHash!: string;

  @Column('uuid')
  invitedByUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invited_by_user_id' })
  invitedBy?: Relation<UserEntity>;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  acceptedAt!: Date | null;

  @Column('uuid', { nullable: true })
  acceptedByUserId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'accepted_by_user_id' })
  acceptedBy?: Relation<UserEntity>;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
