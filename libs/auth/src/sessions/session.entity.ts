import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A signed-in session. Access tokens name it (`sid`), and every request checks it is still
 * open, so ending a session (logout, disable, role change, password change) takes effect at once.
 */
@Entity({ name: 'auth_session' })
@Index('ix_auth_session_user_open', ['userId'], { where: 'revoked_at IS NULL' })
export class Session {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_auth_session' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_auth_session_user' })
  user?: User;

  /** SHA-256 of the current refresh secret; the previous one is forgotten at each rotation. */
  @Column({ type: 'text' })
  refreshHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** logout, refresh-reuse, disabled, roles-changed, password-changed, password-reset */
  @Column({ type: 'text', nullable: true })
  revokedReason: string | null;
}
