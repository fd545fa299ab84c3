import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StateChangeEvent } from './state-change-event';
import { LicenseApplication } from './license-application.entity';

/** One change of a license application (create, submit, take, return, recommend, approve, reject, document). */
@Entity({ name: 'license_application_event' })
@Index('ix_license_application_event_application', ['applicationId', 'id'])
export class LicenseApplicationEvent extends StateChangeEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_license_application_event' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => LicenseApplication, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_license_application_event_application' })
  application?: LicenseApplication;

  /** Reasons, notes, correction items or the document kind. */
  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;
}
