import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ViolationKind } from '../assessment';
import { Placement } from './placement.entity';

export const ASSESSMENT_OUTCOMES = ['compliant', 'violations', 'incomplete'] as const;
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];
export type AssessmentBasis = 'declared' | 'worker-statement';

export interface StoredViolation {
  lineIndex: number;
  item: string;
  date: string;
  receiptNumber: string;
  kind: ViolationKind;
  excessMinor: string;
  currency: string;
  ruleId: string;
  /** Protected-category fees are serious offences (SPEC: a fee charged to a domestic worker). */
  serious: boolean;
}

/** A line that could not be assessed: no rule in force on its date, or no exchange rate. */
export interface AssessmentProblem {
  lineIndex: number | null;
  code: 'no-rule-in-force' | 'missing-exchange-rate';
  detail: string;
}

/** Stated minus declared, per item and currency (positive: the worker paid more than declared). */
export interface StoredDiscrepancy {
  item: string;
  currency: string;
  declaredMinor: string;
  statedMinor: string;
  differenceMinor: string;
}

/**
 * The result of assessing one revision of a placement's declared fees, or one worker statement,
 * against the rules in force on each fee's date. Never updated: a later rule or amendment makes a
 * new assessment and leaves this one as it was.
 */
@Entity({ name: 'fee_assessment' })
@Index('ix_fee_assessment_placement', ['placementId', 'seq'])
@Check('ck_fee_assessment_outcome', `outcome IN ('compliant','violations','incomplete')`)
@Check('ck_fee_assessment_basis', `basis IN ('declared','worker-statement') AND ((basis = 'worker-statement') = (statement_id IS NOT NULL))`)
export class FeeAssessment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_fee_assessment' })
  id: string;

  /** Order of assessment (the clock may stand still between two). */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @Column({ type: 'uuid' })
  placementId: string;

  @ManyToOne(() => Placement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'placement_id', foreignKeyConstraintName: 'fk_fee_assessment_placement' })
  placement?: Placement;

  @Column({ type: 'text' })
  basis: AssessmentBasis;

  /** The placement revision whose fees (declared) or terms (statement) were assessed. */
  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'uuid', nullable: true })
  statementId: string | null;

  @Column({ type: 'text' })
  outcome: AssessmentOutcome;

  @Column({ type: 'boolean' })
  serious: boolean;

  @Column({ type: 'jsonb' })
  violations: StoredViolation[];

  @Column({ type: 'jsonb' })
  problems: AssessmentProblem[];

  /** The rules applied (ids), for the record. */
  @Column({ type: 'jsonb' })
  ruleIds: string[];

  /** For a worker statement: how it differs from the declared fees. */
  @Column({ type: 'jsonb', nullable: true })
  discrepancies: StoredDiscrepancy[] | null;

  @Column({ type: 'timestamptz' })
  assessedAt: Date;
}
