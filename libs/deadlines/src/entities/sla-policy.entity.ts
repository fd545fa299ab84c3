import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DayCounting, EscalationLevel } from '../policies/policy-rules';

/** The SLA of one deadline kind. Seeded from the kind's defaults; admins edit it. */
@Entity({ name: 'sla_policy' })
@Check('ck_sla_policy_counting', `counting IN ('calendar','business')`)
@Check('ck_sla_policy_reminder_share', `reminder_share IS NULL OR (reminder_share > 0 AND reminder_share < 1)`)
export class SlaPolicy {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_sla_policy' })
  kind: string;

  @Column({ type: 'int' })
  durationDays: number;

  @Column({ type: 'text' })
  counting: DayCounting;

  @Column({
    type: 'numeric',
    precision: 4,
    scale: 3,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  reminderShare: number | null;

  @Column({ type: 'jsonb' })
  escalations: EscalationLevel[];

  /** Bumped on every edit; open deadlines record the version they were computed with. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
