import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Language, Role } from '../roles';

@Entity({ name: 'app_user' })
@Index('uq_app_user_email', ['email'], { unique: true })
@Index('ix_app_user_agency', ['agencyId'])
@Check('ck_app_user_agency_membership', `(agency_id IS NOT NULL) = (roles && ARRAY['agency_admin','agency_staff']::text[])`)
@Check('ck_app_user_language', `preferred_language IN ('en','fil','id','ne')`)
@Check('ck_app_user_roles_nonempty', `cardinality(roles) > 0`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_app_user' })
  id: string;

  /** Stored trimmed and lower-cased, so uniqueness holds whatever case people type. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  displayName: string;

  @Column({ type: 'text', default: 'en' })
  preferredLanguage: Language;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Set for agency users only (the check constraint holds it so). */
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  /**
   * The agency's row is libs/agencies' (which builds on this library): the relation names its
   * entity by name, for the foreign key only, and is never loaded.
   */
  @ManyToOne('Agency', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_app_user_agency' })
  agency?: { id: string };

  @Column({ type: 'text' })
  passwordHash: string;

  /** The phone number the person gave on their account page, sealed (AAD `app_user:<id>:phone`); null: none. */
  @Column({ type: 'text', nullable: true })
  phoneEnc: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
