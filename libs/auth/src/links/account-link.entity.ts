import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Language, Role } from '../roles';
import { User } from '../users/user.entity';

export const ACCOUNT_LINK_PURPOSES = ['verify-email', 'reset-password', 'staff-invitation', 'agency-registration'] as const;
export type AccountLinkPurpose = (typeof ACCOUNT_LINK_PURPOSES)[number];

/**
 * A single-use link mailed to an address (docs/auth.md, "Links by mail"). The link carries a
 * random token; this row holds only its SHA-256, so a database dump opens no account.
 *
 * - `verify-email`: a pending worker registration. The account does not exist until the link is
 *   followed: the row holds what the registration asked for (email, password hash, name,
 *   language). Several may be pending for one address; the first followed creates the account.
 * - `reset-password`: for an existing account (`user_id`).
 * - `staff-invitation`: an agency admin's invitation (email, agency, role, name, language); the
 *   account is created when the owner of the address accepts it and chooses a password.
 * - `agency-registration`: a new agency's registration (issue 22): the first admin's address,
 *   password hash, name and language, and in `payload` what the agency registers (legal identity,
 *   owners, officers, address). The agency and the admin's account exist once the link is opened.
 */
@Entity({ name: 'account_link' })
@Index('uq_account_link_token_hash', ['tokenHash'], { unique: true })
@Index('ix_account_link_email_open', ['email'], { where: 'used_at IS NULL' })
@Index('ix_account_link_user_open', ['userId'], { where: 'used_at IS NULL' })
@Check('ck_account_link_purpose', `purpose IN ('verify-email','reset-password','staff-invitation','agency-registration')`)
@Check('ck_account_link_language', `preferred_language IS NULL OR preferred_language IN ('en','fil','id','ne')`)
@Check(
  'ck_account_link_shape',
  `(purpose = 'reset-password' AND user_id IS NOT NULL) OR ` +
    `(purpose = 'verify-email' AND email IS NOT NULL AND password_hash IS NOT NULL AND display_name IS NOT NULL) OR ` +
    `(purpose = 'staff-invitation' AND email IS NOT NULL AND agency_id IS NOT NULL AND roles IS NOT NULL AND display_name IS NOT NULL) OR ` +
    `(purpose = 'agency-registration' AND email IS NOT NULL AND password_hash IS NOT NULL AND display_name IS NOT NULL AND payload IS NOT NULL)`,
)
export class AccountLink {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_account_link' })
  id: string;

  @Column({ type: 'text' })
  purpose: AccountLinkPurpose;

  /** SHA-256 (hex) of the link's token; the token itself is never stored. */
  @Column({ type: 'text' })
  tokenHash: string;

  /** The account a reset is for. */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_account_link_user' })
  user?: User;

  /** The address a registration or invitation is for (trimmed, lower-cased). */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** A registration's chosen password (argon2id), moved to the account when it is created. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'text', nullable: true })
  displayName: string | null;

  @Column({ type: 'text', nullable: true })
  preferredLanguage: Language | null;

  /** An invitation's roles and agency. */
  @Column({ type: 'text', array: true, nullable: true })
  roles: Role[] | null;

  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  /** What an agency registration asks for (opaque here: libs/agencies reads it when the link is opened). */
  @Column({ type: 'jsonb', nullable: true })
  payload: Record<string, unknown> | null;

  /** Who sent an invitation. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Set once, when the link is followed or made void (a newer link, a used sibling). */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
