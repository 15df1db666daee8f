import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';

/**
 * A login session: one family of rotating refresh tokens. Revoking it ends every access
 * token issued under it at the next request.
 */
@Entity('sessions')
@Index('ix_sessions_user', ['userId'])
@Index('ix_sessions_expires_at', ['expiresAt'])
export class SessionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  lastUsedAt!: Date;

  /** Absolute end of the session, whatever the refreshes. */
  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  /** LOGOUT, LOGOUT_ALL, REFRESH_TOKEN_REUSE, ... */
  @Column('text', { nullable: true })
  revokedReason!: string | null;

  @Column('text', { nullable: true })
  userAgent!: string | null;

  @Column('text', { nullable: true })
  ipHash!: string | null;
}
