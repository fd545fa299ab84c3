import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ClaimState } from '../lifecycle/claim-transitions';

export type ClaimantKind = 'worker' | 'beneficiary' | 'officer';

export interface EligibilityRecord {
  eligible: boolean;
  checks: { check: string; ok: boolean; detail: string }[];
}

/**
 * A welfare-fund claim. State changes only through lifecycle/claim-transitions.ts. The
 * beneficiary's identity and the payout details are encrypted envelopes (AAD welfare_claim:<id>:<field>).
 */
@Entity({ name: 'welfare_claim' })
@Index('uq_welfare_claim_reference', ['reference'], { unique: true })
@Index('ix_welfare_claim_state', ['state', 'createdAt'])
@Index('ix_welfare_claim_worker', ['workerPassportNumber'])
@Index('ix_welfare_claim_filed_by', ['filedBy'])
@Index('ix_welfare_claim_created', ['createdAt', 'id'])
@Index('ix_welfare_claim_type_created', ['claimType', 'createdAt', 'id'])
@Check('ck_welfare_claim_state', `state IN ('submitted','under_review','documents_requested','approved','rejected','disbursed','paid')`)
@Check('ck_welfare_claim_claimant', `claimant_kind IN ('worker','beneficiary','officer')`)
@Check(
  'ck_welfare_claim_eligibility_exception',
  `eligibility_exception IS NULL OR eligibility_exception IN ('late-filing-good-cause','contribution-paid-unrecorded','agency-failed-to-remit','record-error','humanitarian')`,
)
// The eligibility-exceptions report's keyset (decided_at, reference) INCLUDE (eligibility_exception), partial: migration EligibilityExceptionPageIndex.
@Index('ix_welfare_claim_exception_page', { synchronize: false })
export class WelfareClaim {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_welfare_claim' })
  id: string;

  /** WC-<year>-<serial>-<check digit>. */
  @Column({ type: 'text' })
  reference: string;

  /** e.g. death:natural, disability:partial, medical, repatriation. */
  @Column({ type: 'text' })
  claimType: string;

  @Column({ type: 'text' })
  state: ClaimState;

  /** The member the claim is about. */
  @Column({ type: 'text' })
  workerPassportNumber: string;

  @Column({ type: 'text' })
  workerName: string;

  @Column({ type: 'text' })
  claimantKind: ClaimantKind;

  /** The account that filed it (worker, beneficiary or officer): a worker or beneficiary sees only the claims they filed. */
  @Column({ type: 'uuid', nullable: true })
  filedBy: string | null;

  @Column({ type: 'text', nullable: true })
  beneficiaryNameEnc: string | null;

  @Column({ type: 'text', nullable: true })
  beneficiaryRelationship: string | null;

  @Column({ type: 'text', nullable: true })
  beneficiaryIdEnc: string | null;

  @Column({ type: 'text', nullable: true })
  payoutEnc: string | null;

  @Column({ type: 'date' })
  incidentDate: string;

  @Column({ type: 'date' })
  filedOn: string;

  @Column({ type: 'text' })
  facts: string;

  @Column({ type: 'bigint', nullable: true })
  claimedMinor: string | null;

  @Column({ type: 'int', nullable: true })
  degreePercent: number | null;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'jsonb' })
  eligibility: EligibilityRecord;

  /** What the schedule in force on the incident date gives (null when it cannot be computed). */
  @Column({ type: 'bigint', nullable: true })
  scheduledMinor: string | null;

  @Column({ type: 'uuid', nullable: true })
  scheduleEntryId: string | null;

  @Column({ type: 'bigint', nullable: true })
  approvedMinor: string | null;

  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;

  /** Approved outside eligibility: the supervisor's reason from ELIGIBILITY_EXCEPTION_REASONS (with `decisionReason`, the words). */
  @Column({ type: 'text', nullable: true })
  eligibilityException: string | null;

  /** Who approved or rejected it, and when (the Clock); null before the decision (and for claims decided before issue 20). */
  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'jsonb' })
  requestedDocuments: string[];

  @Column({ type: 'text', nullable: true })
  paidReference: string | null;

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
