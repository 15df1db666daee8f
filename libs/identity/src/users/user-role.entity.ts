import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { UserEntity } from './user.entity.js';

/** A platform role held by a user (CREATOR, FINANCE, ADMIN). Brand roles live on memberships. */
@Entity('user_roles')
@Check('chk_user_roles_role', `"role" IN ('CREATOR', 'FINANCE', 'ADMIN')`)
export class UserRoleEntity {
  @PrimaryColumn('uuid')
  userId!: string;

  @PrimaryColumn('text')
  role!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** The admin who granted it; null for roles chosen at sign-up or by the CLI. */
  @Column('uuid', { nullable: true })
  grantedByUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt!: Date;
}
