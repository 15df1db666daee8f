import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum UserStatus {
  Active = 'ACTIVE',
  Disabled = 'DISABLED',
  /** Personal data erased on request: the row stays only so money records keep their owner. */
  Erased = 'ERASED',
}

@Entity('users')
// Emails are unique case-insensitively: a functional index on lower(email), written in the migration.
@Index('uq_users_email_lower', { synchronize: false })
@Check('chk_users_status', `"status" IN ('ACTIVE', 'DISABLED', 'ERASED')`)
export class UserEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Stored trimmed and lower-cased. */
  @Column('text')
  email!: string;

  @Column('text')
  displayName!: string;

  /** argon2id PHC string. */
  @Column('text')
  passwordHash!: string;

  @Column('text', { default: UserStatus.Active })
  status!: UserStatus;

  @Column('timestamptz', { nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
