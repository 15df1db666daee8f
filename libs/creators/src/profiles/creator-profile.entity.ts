import { UserEntity } from '@app/identity';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';

/** A creator's public profile. One per user; `id` is the creator id used everywhere else. */
@Entity('creator_profiles')
@Index('uq_creator_profiles_user', ['userId'], { unique: true })
@Index('ix_creator_profiles_updated_at', ['updatedAt'])
@Index('ix_creator_profiles_niches', { synchronize: false })
@Index('ix_creator_profiles_search', { synchronize: false })
export class CreatorProfileEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column('text')
  displayName!: string;

  @Column('text', { default: '' })
  bio!: string;

  /** ISO 3166-1 alpha-2, where the creator lives. */
  @Column('char', { length: 2, nullable: true })
  country!: string | null;

  /** ISO 639-1 codes. */
  @Column('text', { array: true, default: () => "'{}'" })
  languages!: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  niches!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Bumped on every change to the profile or its social accounts: matching syncs from it. */
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
