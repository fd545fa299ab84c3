import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '@app/agencies';
import type { CloseOutcome, ComplaintStage } from '../lifecycle/complaint-transitions';

export const COMPLAINT_SOURCES = ['public', 'worker', 'inspector', 'system'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

export const COMPLAINT_CHANNELS = ['web', 'walk-in', 'hotline', 'system'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export type ComplaintPriority = 'normal' | 'urgent';

export type ComplaintKind = 'complaint' | 'inspection';

/** The fees module's verdict on the fees a complainant says they paid (public calculator's check). */
export interface StoredFeeCheck {
  outcome: string;
  serious: boolean;
  violations: { lineIndex: number; item: string; kind: string; excessMinor: string; currency: string }[];
  problems: { lineIndex: number | null; code: string; detail: string }[];
  /** The fees as stated (compared with the agency's declared receipts); absent on checks stored before. */
  stated?: { item: string; amountMinor: string; currency: string; date: string }[];
}

/**
 * The worker's account of the contract they actually got, side by side with the contract registered
 * with the placement (issue 20): every term the worker stated, both versions, and whether they
 * differ. A difference flags the case as contract substitution.
 */
export interface StoredContractCheck {
  placementId: string;
  placementReference: string;
  terms: { term: string; registered: string | null; stated: string; differs: boolean }[];
  substitution: boolean;
}

export interface SettlementTerms {
  terms: string;
  amounts: { amountMinor: string; currency: string; payableTo: string }[];
  /** The day by which the agency must comply (YYYY-MM-DD). */
  complyBy: string;
}

export interface Hearing {
  at: string;
  place: string;
  /** scheduled (no decision until it is held or cancelled), held, or cancelled (with a reason). Absent on hearings stored before: scheduled. */
  status?: 'scheduled' | 'held' | 'cancelled';
  heldAt?: string;
  cancelReason?: string;
}

/**
 * A contract-violation complaint (a case). Its stage changes only through the transition table
 * (lifecycle/complaint-transitions.ts), by ComplaintLifecycle. The complainant's name, email and
 * phone are stored only as encrypted envelopes (AAD: complaint:<id>:<field>); the email's blind
 * index lets an account holder's complaints be found without decrypting. No IP address is kept.
 */
@Entity({ name: 'complaint' })
@Index('uq_complaint_reference', ['reference'], { unique: true })
@Index('ix_complaint_agency', ['agencyId', 'createdAt'])
@Index('ix_complaint_queue', ['stage', 'priority', 'createdAt'])
@Index('ix_complaint_assignee', ['assignedTo', 'stage'])
@Index('ix_complaint_complainant', ['complainantUserId'])
// The reports' period (created_at, INCLUDE what they read): migration ReportPeriodIndexes.
@Index('ix_complaint_created', { synchronize: false })
// The queue's keyset indexes (urgent first, then created_at, id; partial on open cases): expressions
// TypeORM cannot declare, created by migration QueueKeysetIndexes and left alone by schema sync.
@Index('ix_complaint_open_queue', { synchronize: false })
@Index('ix_complaint_open_assignee_queue', { synchronize: false })
@Index('ix_complaint_open_supervisor_queue', { synchronize: false })
@Index('ix_complaint_open_agency_queue', { synchronize: false })
@Index('ix_complaint_agency_queue', { synchronize: false })
@Index('ix_complaint_stage_queue', { synchronize: false })
// The queue's other orders (sort=filed, deadline, stage, agency): migration QueueSortIndexes.
@Index('ix_complaint_open_filed', { synchronize: false })
@Index('ix_complaint_open_due', { synchronize: false })
@Index('ix_complaint_open_assignee_due', { synchronize: false })
@Index('ix_complaint_open_supervisor_due', { synchronize: false })
@Index('ix_complaint_open_stage_order', { synchronize: false })
@Index('ix_complaint_open_no_agency_filed', { synchronize: false })
// An agency's decided cases (prior offences): migration OpenDeadlineAndApplicationIndexes.
@Index('ix_complaint_agency_decided', { synchronize: false })
@Index('uq_complaint_source_event', ['sourceEventId'], { unique: true, where: 'source_event_id IS NOT NULL' })
// The acknowledgement cap counts a public address's recent filings by its blind index (docs/complaints.md).
@Index('ix_complaint_contact_email_index', ['contactEmailIndex', 'createdAt'], { where: 'contact_email_index IS NOT NULL' })
@Check('ck_complaint_stage', `stage IN ('submitted','conciliation','settled','adjudication','decided','appealed','closed')`)
@Check('ck_complaint_source', `source IN ('public','worker','inspector','system')`)
@Check('ck_complaint_priority', `priority IN ('normal','urgent')`)
@Check('ck_complaint_kind', `kind IN ('complaint','inspection')`)
@Check('ck_complaint_closed', `(stage = 'closed') = (outcome IS NOT NULL)`)
export class Complaint {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_complaint' })
  id: string;

  /** CMP-<year>-<serial>-<check digit>, read over the phone; with the secret, also what the public path follows the case by. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  source: ComplaintSource;

  /** A worker's complaint, or an inspection case the system opened on a pattern of complaints against one agency. */
  @Column({ type: 'text', default: 'complaint' })
  kind: ComplaintKind;

  @Column({ type: 'text' })
  channel: ComplaintChannel;

  @Column({ type: 'text' })
  stage: ComplaintStage;

  @Column({ type: 'text', nullable: true })
  outcome: CloseOutcome | null;

  @Column({ type: 'text' })
  priority: ComplaintPriority;

  /** Why it is urgent (documents retained, abuse or trafficking indicators, still abroad). */
  @Column({ type: 'jsonb' })
  urgentReasons: string[];

  /** The licensed agency complained about, when it could be identified. */
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_complaint_agency' })
  agency?: Agency;

  /** What the complainant said about the recruiter (a name, a license number, an unlicensed recruiter in words). */
  @Column({ type: 'text', nullable: true })
  recruiterGiven: string | null;

  @Column({ type: 'text', nullable: true })
  employerName: string | null;

  @Column({ type: 'text', nullable: true })
  destinationCountry: string | null;

  @Column({ type: 'uuid', nullable: true })
  placementId: string | null;

  @Column({ type: 'text' })
  jurisdictionCode: string;

  /** The complainant's language for every message and the worker view. */
  @Column({ type: 'text' })
  language: string;

  /** A worker account that filed it (or was linked by an inspector). */
  @Column({ type: 'uuid', nullable: true })
  complainantUserId: string | null;

  @Column({ type: 'text', nullable: true })
  complainantNameEnc: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmailEnc: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhoneEnc: string | null;

  /** Blind index of the normalised email (equality lookups only). */
  @Column({ type: 'text', nullable: true })
  contactEmailIndex: string | null;

  @Column({ type: 'boolean' })
  anonymous: boolean;

  /** The complainant asked that the agency never learn who they are. */
  @Column({ type: 'boolean' })
  identityProtected: boolean;

  @Column({ type: 'boolean' })
  workerAbroad: boolean;

  /** SHA-256 of the tracking secret (a random 80-bit value: a slow hash adds nothing). Null for system cases. */
  @Column({ type: 'text', nullable: true })
  secretHash: string | null;

  @Column({ type: 'uuid', nullable: true })
  assignedTo: string | null;

  /** Moved to the supervisors' queue by an escalation. */
  @Column({ type: 'boolean' })
  inSupervisorQueue: boolean;

  @Column({ type: 'text', nullable: true })
  referralTarget: string | null;

  @Column({ type: 'text', nullable: true })
  closeReason: string | null;

  @Column({ type: 'boolean' })
  conciliationExtended: boolean;

  @Column({ type: 'jsonb', nullable: true })
  settlement: SettlementTerms | null;

  @Column({ type: 'jsonb', nullable: true })
  hearing: Hearing | null;

  @Column({ type: 'text', nullable: true })
  agencyAnswer: string | null;

  /** For system intake: the domain event it came from (one case per event). */
  @Column({ type: 'text', nullable: true })
  sourceEventId: string | null;

  /** Refund orders the case is about (a fee violation's). */
  @Column({ type: 'jsonb' })
  refundOrderIds: string[];

  /** The fees module's check of the fees the complainant says they paid, when they stated them. */
  @Column({ type: 'jsonb', nullable: true })
  feeCheck: StoredFeeCheck | null;

  /** The worker's stated contract against the registered one, when they stated it (issue 20). */
  @Column({ type: 'jsonb', nullable: true })
  contractCheck: StoredContractCheck | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /**
   * The earliest due time of the case's open deadlines, 'infinity' when none is open: the queue's
   * `sort=deadline` key. Kept by triggers on the deadline table (migration QueueSortIndexes), never
   * written through the entity (nor read into it); filing writes its first value with the row, the
   * due time of the triage deadline started in the same statement (intake/insert-case.ts).
   */
  @Column({ type: 'timestamptz', default: () => "'infinity'", insert: false, update: false, select: false })
  nextDueAt: Date;

  /**
   * Inspection cases: when the ministry notified the agency (the `accept` move, which mails its
   * admins). Until then the agency sees nothing of the inspection (agency-visibility.ts). Null for
   * complaints, which the agency sees from their filing.
   */
  @Column({ type: 'timestamptz', nullable: true })
  agencyNotifiedAt: Date | null;
}
