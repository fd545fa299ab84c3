import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StateChangeEvent } from './state-change-event';
import { License } from './license.entity';

/**
 * One change of a license: issue, suspend, lift, reinstate, revoke, surrender, expire. Written in
 * the same transaction as the change (and its audit entry). Suspension history is read from here.
 */
@Entity({ name: 'license_event' })
@Index('ix_license_event_license', ['licenseId', 'id'])
export class LicenseEvent extends StateChangeEvent {
  /** Increasing: the order events happened in (several can share one instant). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'pk_license_event' })
  id: string;

  @Column({ type: 'uuid' })
  licenseId: string;

  @ManyToOne(() => License, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'license_id', foreignKeyConstraintName: 'fk_license_event_license' })
  license?: License;

  /** Internal: never shown publicly. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** For a suspension: when it ends. */
  @Column({ type: 'timestamptz', nullable: true })
  until: Date | null;
}
