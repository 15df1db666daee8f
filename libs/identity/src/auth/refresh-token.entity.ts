import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SessionEntity } from './session.entity.js';

/** One refresh token of a session. Used once: refreshing marks it used and issues the next. */
@Entity('refresh_tokens')
@Index('uq_refresh_tokens_token_hash', ['tokenHash'], { unique: true })
@Index('ix_refresh_tokens_session', ['sessionId'])
export class RefreshTokenEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<SessionEntity>;

  /** SHA-256 of the token; the token itself is never stored. */
  @Column('text')
  tokenHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;
}
