import { CreatorProfileEntity } from '@app/creators';
import { OrganizationEntity } from '@app/identity';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';

/** A brand's decision not to work with a creator: no applications, invitations or matches. */
@Entity('creator_bans')
@Index('uq_creator_bans_organization_creator', ['organizationId', 'creatorId'], { unique: true })
export class CreatorBanEntity {
  @PrimaryColumn('uuid')
  id!: string;

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
  reason!: string;

  @Column('uuid')
  bannedByUserId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
