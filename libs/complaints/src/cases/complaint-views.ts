import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AgencyMatchView } from '@app/agencies';
import { FeeDiscrepancy } from '@app/fees';
import { FieldEncryption, fieldAad } from '@app/common';
import { DEADLINE_STATES } from '@app/deadlines';
import { NOTIFICATION_LANGUAGES } from '@app/notifications';
import { COMPLAINT_DEADLINES } from '../deadlines/complaint-deadline-kinds';
import { COMPLAINT_CHANNELS, COMPLAINT_SOURCES } from '../entities';
import type { Allegation, Complaint, ComplaintEvent } from '../entities';
import { CLOSE_OUTCOMES, COMPLAINT_ACTIONS, COMPLAINT_STAGES, allowedComplaintActions } from '../lifecycle/complaint-transitions';
import { ALLEGATION_CATEGORIES } from '../penalties';
import { EvidenceView } from '../evidence/complaint-evidence.service';
import { INSPECTION_FACTS_FOR_AGENCY } from './agency-visibility';

const COMPLAINT_DEADLINE_KINDS: string[] = Object.values(COMPLAINT_DEADLINES).filter((k) => k !== COMPLAINT_DEADLINES.finePayment);

const UUID = 'uuid';
const MINOR = '^[1-9][0-9]*$';
const CURRENCY = '^[A-Z]{3}$';

/** What every timeline entry can be: how the case was registered, a move of the lifecycle, a note, an assignment, evidence added. */
export const TIMELINE_KINDS = [
  'submitted',
  ...COMPLAINT_ACTIONS,
  'note',
  'assign',
  'evidence',
  'agency-linked',
  'agency-unlinked',
  'information',
  'compliance-declared',
] as const;

/** A sanction as decided (or proposed) on an allegation. */
export class DecidedSanctionView {
  @ApiProperty({
    enum: ['suspension', 'revocation', 'fine', 'refund-order'],
    enumName: 'SanctionKind',
    example: 'suspension',
    description: 'refund-order: the agency pays the worker back (a refund order, garnished from escrow when unpaid).',
  })
  kind: 'suspension' | 'revocation' | 'fine' | 'refund-order';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 2, description: 'A suspension only: its length in months.' })
  months?: number;

  @ApiPropertyOptional({
    type: String,
    pattern: MINOR,
    example: '5000000',
    description: 'A fine or a refund order only: the amount, integer minor units as a decimal string.',
  })
  amountMinor?: string;

  @ApiPropertyOptional({ type: String, pattern: CURRENCY, example: 'PHP', description: 'A fine or a refund order only: ISO 4217.' })
  currency?: string;
}

/** Why the penalty schedule proposed what it did. */
export class SanctionBasisView {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: "The agency's prior decided offences of the same gravity (the ladder starts after them).",
  })
  priorSameGravity: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Months of suspension in all prior decided offences, of either gravity.' })
  priorSuspensionMonths: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 2, description: 'priorSuspensionMonths plus the months of the suspensions proposed now.' })
  cumulativeSuspensionMonths: number;

  @ApiProperty({
    type: String,
    enum: ['serious-offence', 'fourth-offence', 'cumulative-suspension'],
    nullable: true,
    example: null,
    description: 'Why revocation is proposed; null when it is not.',
  })
  revocationBecause: 'serious-offence' | 'fourth-offence' | 'cumulative-suspension' | null;
}

/** A violation's sanctions: what the penalty schedule proposed, what the supervisor decided, and why they departed from it. */
export class AllegationSanctionView {
  @ApiProperty({ type: [DecidedSanctionView], description: "The penalty schedule's proposal." })
  proposed: DecidedSanctionView[];

  @ApiProperty({ type: SanctionBasisView })
  basis: SanctionBasisView;

  @ApiProperty({
    type: [DecidedSanctionView],
    description: 'What the supervisor decided (the proposal when they said nothing). It takes effect when the decision becomes final.',
  })
  decided: DecidedSanctionView[];

  @ApiPropertyOptional({ type: String, description: 'Only when the decision departs from the proposal: the reason given.' })
  departureReason?: string;

  @ApiPropertyOptional({
    enum: ['less-serious', 'serious'],
    enumName: 'OffenceGravity',
    description: "This violation's own gravity under the schedule used (absent on decisions recorded before it was kept).",
  })
  gravity?: 'less-serious' | 'serious';

  @ApiPropertyOptional({
    enum: ['less-serious', 'serious'],
    enumName: 'OffenceGravity',
    description: 'The gravity of the offence the decision counts: the gravest of its violations (one complainant, one offence).',
  })
  offenceGravity?: 'less-serious' | 'serious';

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 2,
    description: "The offence's number among the agency's offences of its gravity (each earlier decided case counts once).",
  })
  offenceNumber?: number;

  @ApiPropertyOptional({
    type: String,
    format: UUID,
    nullable: true,
    description:
      'Null on the violation that carries the proposal; on the others of the same decision, that violation (numbered together, they propose nothing of their own).',
  })
  numberedWith?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2000-01-01',
    description: 'The first day of the penalty schedule version used (null: the built-in defaults).',
  })
  scheduleEffectiveFrom?: string | null;
}

/** Before the decision: what the penalty schedule proposes if every allegation is found a violation, and why. */
export class SanctionProposalView {
  @ApiProperty({
    enum: ['every-allegation-found'],
    example: 'every-allegation-found',
    description: 'What the proposal assumes: every allegation found a violation (dismissing the only serious one changes it).',
  })
  assumes: 'every-allegation-found';

  @ApiProperty({
    enum: ['less-serious', 'serious'],
    enumName: 'OffenceGravity',
    example: 'less-serious',
    description: 'The gravest gravity among the allegations under the schedule in force.',
  })
  gravity: 'less-serious' | 'serious';

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 1,
    description: "The offence's number: one complainant is one offence, numbered after the agency's decided cases of the same gravity.",
  })
  offenceNumber: number;

  @ApiProperty({ type: [DecidedSanctionView], description: 'The sanctions proposed.' })
  sanctions: DecidedSanctionView[];

  @ApiProperty({ type: SanctionBasisView })
  basis: SanctionBasisView;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2000-01-01',
    description: 'The first day of the penalty schedule version in force today (null: the built-in defaults).',
  })
  scheduleEffectiveFrom: string | null;
}

/** One allegation of the case, with its finding once decided. */
export class AllegationView {
  @ApiProperty({ type: String, format: UUID })
  id: string;

  @ApiProperty({ enum: ALLEGATION_CATEGORIES, enumName: 'AllegationCategory', example: 'retained-documents' })
  category: string;

  @ApiProperty({ type: String, example: 'They kept my passport when I arrived and have not given it back.' })
  facts: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-02-20', description: 'When it happened, as the complainant said.' })
  occurredOn: string | null;

  @ApiProperty({
    type: String,
    pattern: MINOR,
    nullable: true,
    example: '5000000',
    description: 'An amount at stake (e.g. a fee charged), integer minor units as a decimal string.',
  })
  amountMinor: string | null;

  @ApiProperty({ type: String, pattern: CURRENCY, nullable: true, example: 'PHP', description: "ISO 4217, the amount's currency." })
  currency: string | null;

  @ApiProperty({
    type: String,
    enum: ['violation', 'dismissed'],
    nullable: true,
    example: null,
    description: 'The finding of the decision; null until decided.',
  })
  finding: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The decision's note on this allegation." })
  findingNote: string | null;

  @ApiProperty({ type: AllegationSanctionView, nullable: true, description: 'For a violation found: the sanctions proposed and decided; null otherwise.' })
  sanction: AllegationSanctionView | null;
}

/** One entry of the case's timeline: a move, a note, an assignment or evidence added. */
export class TimelineEntry {
  @ApiProperty({
    enum: TIMELINE_KINDS,
    example: 'accept',
    description:
      "`submitted` (the case was registered), a lifecycle action (docs/complaints.md), `note`, `assign`, `evidence` (the body is the evidence's kind), `information` (what the complainant added from their account) " +
      'or `compliance-declared` (the agency declared it complied with the settlement; the body is its statement).',
  })
  kind: string;

  @ApiProperty({ type: String, enum: COMPLAINT_STAGES, nullable: true, description: 'The stage before the move; null for entries that are not moves.' })
  fromStage: string | null;

  @ApiProperty({ type: String, enum: COMPLAINT_STAGES, nullable: true, description: 'The stage after the move; null for entries that are not moves.' })
  toStage: string | null;

  @ApiProperty({ type: String, nullable: true, description: "A note's text, a move's reason or referral target, an evidence's kind." })
  body: string | null;

  @ApiProperty({
    enum: ['internal', 'shared'],
    enumName: 'NoteVisibility',
    description: 'internal: ministry staff only; shared: the complainant and the agency see it too.',
  })
  visibility: 'internal' | 'shared';

  @ApiProperty({ type: String, format: 'date-time' })
  at: string;
}

/** One deadline of the case (its SLA clock). */
export class DeadlineSummary {
  @ApiProperty({
    type: String,
    example: 'complaint.triage',
    description: `The deadline kind: ${COMPLAINT_DEADLINE_KINDS.map((k) => '`' + k + '`').join(', ')}.`,
  })
  kind: string;

  @ApiProperty({ type: String, format: 'date-time' })
  dueAt: string;

  @ApiProperty({ enum: DEADLINE_STATES, example: 'pending', description: 'pending (running), paused, met, breached (overdue, still open), cancelled.' })
  state: string;
}

/** The scheduled hearing. */
export class HearingView {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-12-10T02:00:00.000Z' })
  at: string;

  @ApiProperty({ type: String, example: 'Room 4, Ministry building, Manila' })
  place: string;

  @ApiProperty({
    enum: ['scheduled', 'held', 'cancelled'],
    enumName: 'HearingStatus',
    example: 'scheduled',
    description: 'scheduled: no decision until it is held (`hold-hearing`, once its time has come) or cancelled with a reason (`cancel-hearing`).',
  })
  status: 'scheduled' | 'held' | 'cancelled';

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When it was recorded as held.' })
  heldAt?: string;

  @ApiPropertyOptional({ type: String, description: 'Why it was cancelled.' })
  cancelReason?: string;
}

/** One amount a settlement makes payable. */
export class SettlementAmountView {
  @ApiProperty({ type: String, pattern: MINOR, example: '5000000', description: 'Integer minor units as a decimal string.' })
  amountMinor: string;

  @ApiProperty({ type: String, pattern: CURRENCY, example: 'PHP' })
  currency: string;

  @ApiProperty({ type: String, example: 'the complainant' })
  payableTo: string;
}

/** The terms the parties settled on in conciliation. */
export class SettlementView {
  @ApiProperty({ type: String, example: 'The agency refunds the placement fee and returns the passport.' })
  terms: string;

  @ApiProperty({ type: [SettlementAmountView] })
  amounts: SettlementAmountView[];

  @ApiProperty({ type: String, format: 'date', example: '2026-04-30', description: 'The day by which the agency must comply.' })
  complyBy: string;
}

/** The agency's declaration that it complied with the settlement: the ministry confirms it with `comply` (or records a breach). */
export class ComplianceDeclarationView {
  @ApiProperty({ type: String, example: 'We refunded the placement fee by bank transfer on 2 April and returned the passport in person.' })
  statement: string;

  @ApiProperty({ type: String, format: 'date-time' })
  declaredAt: string;

  @ApiProperty({ type: String, format: UUID, description: 'The agency user who declared it.' })
  declaredBy: string;

  @ApiProperty({
    type: [EvidenceView],
    description:
      "The proof attached to it, stored as the agency's evidence on the case (download it from `.../evidence/{documentId}/content`); empty when none.",
  })
  documents: EvidenceView[];
}

/** A fee the fee rules did not allow, among those the complainant stated. */
export class FeeCheckViolationView {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Which of the stated fees (statedFees.fees[i]).' })
  lineIndex: number;

  @ApiProperty({ type: String, example: 'placement-fee', description: 'The cost-item code.' })
  item: string;

  @ApiProperty({ type: String, example: 'over-cap', description: "What the rule says is wrong with it (the fees module's violation kind)." })
  kind: string;

  @ApiProperty({ type: String, pattern: MINOR, example: '3000000', description: 'How much over what was allowed, integer minor units as a decimal string.' })
  excessMinor: string;

  @ApiProperty({ type: String, pattern: CURRENCY, example: 'PHP' })
  currency: string;
}

/** A stated fee (or the whole statement) the check could not assess. */
export class FeeCheckProblemView {
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true, description: 'Which stated fee; null when it concerns the whole statement.' })
  lineIndex: number | null;

  @ApiProperty({ type: String, example: 'no-rule-in-force' })
  code: string;

  @ApiProperty({ type: String })
  detail: string;
}

/** The fees module's check of the fees the complainant said they paid (the public calculator's check). */
export class FeeCheckView {
  @ApiProperty({ enum: ['compliant', 'violations', 'incomplete'], example: 'violations' })
  outcome: string;

  @ApiProperty({ type: Boolean, description: 'A serious violation (e.g. a fee charged to a worker in a protected category): it makes the case urgent.' })
  serious: boolean;

  @ApiProperty({ type: [FeeCheckViolationView] })
  violations: FeeCheckViolationView[];

  @ApiProperty({ type: [FeeCheckProblemView] })
  problems: FeeCheckProblemView[];
}

/** One term of the contract: as registered with the placement and as the worker states it. */
export class ContractTermComparisonView {
  @ApiProperty({
    enum: ['monthly-salary', 'hours-per-week', 'rest-days-per-week', 'paid-leave-days-per-year', 'contract-months', 'fare-paid-by'],
    enumName: 'ContractTerm',
    example: 'monthly-salary',
  })
  term: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '499000 HKD',
    description: "The registered contract's term (salary as minor units and currency); null when the registration does not state it.",
  })
  registered: string | null;

  @ApiProperty({ example: '350000 HKD', description: 'What the worker says they actually got.' })
  stated: string;

  @ApiProperty({ type: Boolean, description: 'The two versions differ.' })
  differs: boolean;
}

/** The worker's account of their contract beside the registered one (issue 20). */
export class ContractComparisonView {
  @ApiProperty({ type: String, format: UUID, description: 'The placement whose registered contract it is compared with.' })
  placementId: string;

  @ApiProperty({ example: 'PLC-42' })
  placementReference: string;

  @ApiProperty({ type: Boolean, description: 'Some term differs: the case is flagged as contract substitution (and carries that allegation).' })
  substitution: boolean;

  @ApiProperty({ type: [ContractTermComparisonView], description: 'Every term the worker stated, the two versions side by side.' })
  terms: ContractTermComparisonView[];
}

/** The complainant's stated fees against the fees the agency declared for their placement. */
export class DeclaredFeesComparisonView {
  @ApiProperty({
    type: String,
    format: UUID,
    description:
      "The placement compared with: the case's own, or the complainant account's latest placement with the agency (in the destination country given).",
  })
  placementId: string;

  @ApiProperty({ type: String, example: 'PLC-42' })
  placementReference: string;

  @ApiProperty({ type: [FeeDiscrepancy], description: 'Per item and currency where stated and declared differ: stated minus declared.' })
  discrepancies: FeeDiscrepancy[];

  @ApiProperty({ type: Boolean, description: 'Flagged: the worker says they paid more than the agency declared for some item.' })
  underDeclared: boolean;
}

/** The staff's view of the stated-fees check: the rules' verdict, and the comparison with the agency's declared receipts. */
export class StaffFeeCheckView extends FeeCheckView {
  @ApiProperty({
    type: DeclaredFeesComparisonView,
    nullable: true,
    description:
      "Against the agency's declared receipts for the complainant's placement; null when no placement of theirs with the agency is known (an anonymous or unlinked complaint, no agency on the case), or the fees were stated before this comparison existed.",
  })
  declaredComparison: DeclaredFeesComparisonView | null;
}

/** What every party may see of a case. */
export class ComplaintViewBase {
  @ApiProperty({ type: String, format: UUID })
  id: string;

  @ApiProperty({ type: String, example: 'CMP-2026-00042-7', description: 'CMP-<year>-<serial>-<check digit>: what the case is known and followed by.' })
  reference: string;

  @ApiProperty({ enum: COMPLAINT_STAGES, enumName: 'ComplaintStage', example: 'submitted' })
  stage: string;

  @ApiProperty({ type: String, enum: CLOSE_OUTCOMES, nullable: true, example: null, description: 'How a closed case ended; null while it is open.' })
  outcome: string | null;

  @ApiProperty({
    enum: ['normal', 'urgent'],
    enumName: 'ComplaintPriority',
    example: 'normal',
    description: 'urgent: documents retained, abuse or trafficking alleged, the worker still abroad, or a missed triage; shorter deadlines.',
  })
  priority: string;

  @ApiProperty({ type: [AllegationView] })
  allegations: AllegationView[];

  @ApiProperty({ type: HearingView, nullable: true, description: 'The hearing, once scheduled.' })
  hearing: HearingView | null;

  @ApiProperty({ type: SettlementView, nullable: true, description: 'The settlement, once the parties settled.' })
  settlement: SettlementView | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'Send it back with a change (409 stale-version when it moved on).' })
  version: number;

  @ApiProperty({
    type: String,
    example: 'Asia/Manila',
    description: "The IANA time zone of the case's jurisdiction: show its instants (deadlines, hearing, timeline) as local dates in this zone.",
  })
  timeZone: string;
}

/** The complainant as ministry staff see them. */
export class ComplainantView {
  @ApiProperty({ type: String, format: UUID, nullable: true, description: 'The worker account that filed the case (or was linked to it).' })
  userId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Maria Santos' })
  name: string | null;

  @ApiProperty({ type: String, format: 'email', nullable: true })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+63 917 123 4567' })
  phone: string | null;

  @ApiProperty({ type: Boolean, description: 'Filed anonymously on the public path: no name or contact was kept.' })
  anonymous: boolean;

  @ApiProperty({ type: Boolean, description: 'The agency never learns who the complainant is.' })
  identityProtected: boolean;

  @ApiProperty({
    type: Boolean,
    description:
      'The name, email and phone are held but withheld from this answer (null): the identity is protected, and showing it is its own audited step (`POST /complaints/{id}/identity` with a reason). False when they are shown, or none is held.',
  })
  identityWithheld: boolean;

  @ApiProperty({ type: Boolean, description: 'Still abroad with the employer.' })
  workerAbroad: boolean;

  @ApiProperty({ enum: NOTIFICATION_LANGUAGES, example: 'en', description: 'The language of every message to them.' })
  language: string;
}

/** Another case against the same agency. */
export class LinkedCaseView {
  @ApiProperty({ type: String, format: UUID })
  id: string;

  @ApiProperty({ type: String, example: 'CMP-2026-00041-9' })
  reference: string;

  @ApiProperty({ enum: ['complaint', 'inspection'], enumName: 'ComplaintKind', example: 'complaint' })
  kind: string;

  @ApiProperty({ enum: COMPLAINT_STAGES, enumName: 'ComplaintStage', example: 'conciliation', description: "The case's stage." })
  stage: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

/** Ministry staff: everything, the complainant's details decrypted (each such read is audited by the caller). */
export class StaffComplaintView extends ComplaintViewBase {
  @ApiProperty({
    enum: COMPLAINT_SOURCES,
    enumName: 'ComplaintSource',
    example: 'public',
    description:
      'The door it came in by: public (no account), worker (account), inspector (walk-in, hotline), system (a fee violation, a pattern of complaints).',
  })
  source: string;

  @ApiProperty({ enum: COMPLAINT_CHANNELS, enumName: 'ComplaintChannel', example: 'web' })
  channel: string;

  @ApiProperty({
    type: [String],
    example: ['documents-retained'],
    description: 'Why it is urgent: documents-retained, abuse-alleged, trafficking-indicators, worker-abroad, protected-category-fee.',
  })
  urgentReasons: string[];

  @ApiProperty({ type: String, format: UUID, nullable: true, description: 'The licensed agency complained about, when it could be identified.' })
  agencyId: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'PH-LRA-2026-00042-7 / Bayanihan Manpower Services Inc.',
    description: 'What the complainant said about the recruiter (license number, name, description), joined by " / ".',
  })
  recruiterGiven: string | null;

  @ApiProperty({ type: String, nullable: true })
  employerName: string | null;

  @ApiProperty({ type: String, pattern: '^[A-Z]{2}$', nullable: true, example: 'SA', description: 'ISO 3166-1 alpha-2.' })
  destinationCountry: string | null;

  @ApiProperty({ type: String, format: UUID, nullable: true, description: 'The placement the case is about (system cases from a fee violation).' })
  placementId: string | null;

  @ApiProperty({ type: [String], format: UUID, description: "Refund orders the case is about (a fee violation's)." })
  refundOrderIds: string[];

  @ApiProperty({ type: String, format: UUID, nullable: true, description: 'The inspector in charge.' })
  assignedTo: string | null;

  @ApiProperty({ type: Boolean, description: "Moved to the supervisors' queue by an escalation (until a supervisor assigns it)." })
  inSupervisorQueue: boolean;

  @ApiProperty({ type: ComplainantView })
  complainant: ComplainantView;

  @ApiProperty({ type: String, nullable: true, description: 'Where a referred case was sent.' })
  referralTarget: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The reason given when the case closed.' })
  closeReason: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The agency's written answer in adjudication." })
  agencyAnswer: string | null;

  @ApiProperty({ type: Boolean, description: 'The conciliation was extended (once only).' })
  conciliationExtended: boolean;

  @ApiProperty({ type: [TimelineEntry], description: 'Every entry, internal ones included, oldest first.' })
  timeline: TimelineEntry[];

  @ApiProperty({ type: [DeadlineSummary], description: 'Every deadline of the case, oldest first.' })
  deadlines: DeadlineSummary[];

  @ApiProperty({
    enum: COMPLAINT_ACTIONS,
    enumName: 'ComplaintAction',
    isArray: true,
    description: 'The actions the lifecycle table allows from this stage (whoever may take them).',
  })
  allowedActions: string[];

  @ApiProperty({
    enum: ['complaint', 'inspection'],
    enumName: 'ComplaintKind',
    description: "A worker's complaint, or an inspection case the system opened on a pattern of complaints against one agency.",
  })
  kind: string;

  @ApiProperty({ type: [LinkedCaseView], description: 'Other cases against the same agency, newest first (at most 50).' })
  linkedCases: LinkedCaseView[];

  @ApiProperty({
    type: StaffFeeCheckView,
    nullable: true,
    description:
      "The check of the fees the complainant stated, when they stated them: against the rules, and against the agency's declared receipts (a difference is flagged).",
  })
  feeCheck: StaffFeeCheckView | null;

  @ApiProperty({
    type: [AgencyMatchView],
    description:
      'While no agency is linked: licensed agencies the words the complainant gave may mean (trigram match on legal names and branch names), best first, at most 5; an officer links one (POST /complaints/{id}/agency). Empty once linked.',
  })
  agencySuggestions: AgencyMatchView[];

  @ApiProperty({
    type: SanctionProposalView,
    nullable: true,
    description:
      "Before the decision (conciliation, settled, adjudication, appealed): the penalty schedule's proposal if every allegation is found a violation, and why. Null in other stages or with no licensed agency on the case.",
  })
  sanctionProposal: SanctionProposalView | null;

  @ApiProperty({
    type: ContractComparisonView,
    nullable: true,
    description:
      'The contract the worker says they actually got beside the contract registered with the placement, when they stated it; `substitution` flags a difference.',
  })
  contractComparison: ContractComparisonView | null;

  @ApiProperty({
    type: ComplianceDeclarationView,
    nullable: true,
    description:
      "The agency's declaration that it complied with the case's latest settlement (POST /agency/complaints/{id}/compliance-declaration); null until it declares, or when the case was never settled. It moves nothing: `comply` confirms it.",
  })
  complianceDeclaration: ComplianceDeclarationView | null;
}

/** The agency: allegations, shared notes, what it must answer. Never contact details; no identity when protected. */
export class AgencyComplaintView extends ComplaintViewBase {
  @ApiProperty({ type: String, nullable: true, description: "The complainant's name; null when their identity is protected (or they gave none)." })
  complainantName: string | null;

  @ApiProperty({ type: String, nullable: true })
  employerName: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The agency's written answer, once recorded." })
  agencyAnswer: string | null;

  @ApiProperty({ type: [TimelineEntry], description: 'The shared entries only, oldest first.' })
  timeline: TimelineEntry[];

  @ApiProperty({
    type: [DeadlineSummary],
    description: "The deadlines that concern the agency: its answer, the conciliation, the settlement's compliance, the appeal window.",
  })
  deadlines: DeadlineSummary[];

  @ApiProperty({
    type: ComplianceDeclarationView,
    nullable: true,
    description:
      "The agency's declaration that it complied with the case's latest settlement (POST /agency/complaints/{id}/compliance-declaration); null until it declares, or when the case was never settled. It moves nothing: `comply` confirms it.",
  })
  complianceDeclaration: ComplianceDeclarationView | null;
}

/** What happens next, in the complainant's language. */
export class NextStepView {
  @ApiProperty({ type: String, example: 'An officer reviews your complaint and decides how it will be handled.' })
  what: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      "By when: the stage's own deadline (triage; the conciliation's end; the settlement's compliance date; in adjudication the decision's due date; the appeal window's end); null when closed, under appeal, or none is running.",
  })
  by: string | null;
}

/** The complainant: where the case is, what happens next and by when, shared notes, the decision. */
export class WorkerComplaintView extends ComplaintViewBase {
  @ApiProperty({ type: NextStepView })
  nextStep: NextStepView;

  @ApiProperty({ type: [TimelineEntry], description: 'The shared entries and the information the complainant added (kind `information`), oldest first.' })
  timeline: TimelineEntry[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The agency's written answer in adjudication, once recorded: the complainant sees what the agency says before the hearing.",
  })
  agencyAnswer: string | null;

  @ApiProperty({ enum: NOTIFICATION_LANGUAGES, example: 'en', description: 'The language of this view and of every message.' })
  language: string;
}

/** A case in the list of a worker's own complaints. */
export class WorkerComplaintListItem {
  @ApiProperty({ type: String, format: UUID })
  id: string;

  @ApiProperty({ type: String, example: 'CMP-2026-00042-7' })
  reference: string;

  @ApiProperty({ enum: COMPLAINT_STAGES, enumName: 'ComplaintStage', example: 'conciliation', description: "The case's stage." })
  stage: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

const allegationView = (a: Allegation): AllegationView => ({
  id: a.id,
  category: a.category,
  facts: a.facts,
  occurredOn: a.occurredOn,
  amountMinor: a.amountMinor,
  currency: a.currency?.trim() ?? null,
  finding: a.finding,
  findingNote: a.findingNote,
  sanction: a.sanction as AllegationSanctionView | null,
});

const timelineEntry = (e: ComplaintEvent): TimelineEntry => ({
  kind: e.kind,
  fromStage: e.fromStage,
  toStage: e.toStage,
  body: e.body,
  visibility: e.visibility,
  at: e.at.toISOString(),
});

const base = (c: Complaint, allegations: Allegation[], timeZone: string): ComplaintViewBase => ({
  id: c.id,
  reference: c.reference,
  stage: c.stage,
  outcome: c.outcome,
  priority: c.priority,
  allegations: allegations.map(allegationView),
  hearing: c.hearing ? { ...c.hearing, status: c.hearing.status ?? 'scheduled' } : null,
  settlement: c.settlement,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  version: c.version,
  timeZone,
});

/** Whether the case holds any of the complainant's details (name, email, phone). */
export const holdsComplainantDetails = (c: Complaint): boolean => Boolean(c.complainantNameEnc || c.contactEmailEnc || c.contactPhoneEnc);

/**
 * The complainant for ministry staff: with the details decrypted when `reveal`, else withheld
 * (a protected identity until an officer asks to see it: ComplaintCases.revealIdentity).
 */
export function complainantView(c: Complaint, crypto: FieldEncryption, reveal: boolean): ComplainantView {
  const dec = (v: string | null, field: string) => (reveal && v ? crypto.decrypt(v, fieldAad('complaint', c.id, field)) : null);
  return {
    userId: c.complainantUserId,
    name: dec(c.complainantNameEnc, 'complainant_name'),
    email: dec(c.contactEmailEnc, 'contact_email'),
    phone: dec(c.contactPhoneEnc, 'contact_phone'),
    anonymous: c.anonymous,
    identityProtected: c.identityProtected,
    identityWithheld: !reveal && holdsComplainantDetails(c),
    workerAbroad: c.workerAbroad,
    language: c.language,
  };
}

export function staffView(
  c: Complaint,
  allegations: Allegation[],
  events: ComplaintEvent[],
  deadlines: DeadlineSummary[],
  timeZone: string,
  crypto: FieldEncryption,
  linkedCases: StaffComplaintView['linkedCases'],
  sanctionProposal: SanctionProposalView | null = null,
  agencySuggestions: AgencyMatchView[] = [],
  declaredComparison: DeclaredFeesComparisonView | null = null,
  complianceDeclaration: ComplianceDeclarationView | null = null,
): StaffComplaintView {
  return {
    ...base(c, allegations, timeZone),
    source: c.source,
    channel: c.channel,
    urgentReasons: c.urgentReasons,
    agencyId: c.agencyId,
    recruiterGiven: c.recruiterGiven,
    employerName: c.employerName,
    destinationCountry: c.destinationCountry,
    placementId: c.placementId,
    refundOrderIds: c.refundOrderIds,
    assignedTo: c.assignedTo,
    inSupervisorQueue: c.inSupervisorQueue,
    complainant: complainantView(c, crypto, !c.identityProtected),
    referralTarget: c.referralTarget,
    closeReason: c.closeReason,
    agencyAnswer: c.agencyAnswer,
    conciliationExtended: c.conciliationExtended,
    timeline: events.map(timelineEntry),
    deadlines,
    allowedActions: allowedComplaintActions(c.stage),
    kind: c.kind,
    linkedCases,
    feeCheck: c.feeCheck
      ? { outcome: c.feeCheck.outcome, serious: c.feeCheck.serious, violations: c.feeCheck.violations, problems: c.feeCheck.problems, declaredComparison }
      : null,
    agencySuggestions,
    sanctionProposal,
    contractComparison: c.contractCheck,
    complianceDeclaration,
  };
}

const AGENCY_DEADLINES = ['complaint.agency-answer', 'complaint.appeal-window', 'complaint.settlement-compliance', 'complaint.conciliation'];

export function agencyView(
  c: Complaint,
  allegations: Allegation[],
  events: ComplaintEvent[],
  deadlines: DeadlineSummary[],
  timeZone: string,
  crypto: FieldEncryption,
  complianceDeclaration: ComplianceDeclarationView | null = null,
): AgencyComplaintView {
  const name = !c.identityProtected && c.complainantNameEnc ? crypto.decrypt(c.complainantNameEnc, fieldAad('complaint', c.id, 'complainant_name')) : null;
  const shared = base(c, allegations, timeZone);
  // An inspection's allegation is the ministry's internal text (the pattern and the complaints behind it).
  if (c.kind === 'inspection') shared.allegations = shared.allegations.map((a) => ({ ...a, facts: INSPECTION_FACTS_FOR_AGENCY }));
  return {
    ...shared,
    complainantName: name,
    employerName: c.employerName,
    agencyAnswer: c.agencyAnswer,
    timeline: events.filter((e) => e.visibility === 'shared').map(timelineEntry),
    deadlines: deadlines.filter((d) => AGENCY_DEADLINES.includes(d.kind)),
    complianceDeclaration,
  };
}

/** What happens next, per stage, in the complainant's language (en, fil, id, ne). */
const NEXT: Record<string, Record<string, string>> = {
  en: {
    submitted: 'An officer reviews your complaint and decides how it will be handled.',
    conciliation: 'A ministry officer arranges a meeting with the agency to settle the complaint.',
    settled: 'The agency must do what it agreed by the date shown.',
    adjudication: 'An officer will decide the case; you may be invited to a hearing.',
    decided: 'Either side may appeal until the date shown; then the decision takes effect.',
    appealed: 'The appeal is being decided.',
    closed: 'The case is closed.',
  },
  fil: {
    submitted: 'Sinusuri ng isang opisyal ang iyong reklamo at magpapasya kung paano ito hahawakan.',
    conciliation: 'Mag-aayos ang isang opisyal ng ministeryo ng pulong kasama ang ahensya para maayos ang reklamo.',
    settled: 'Dapat gawin ng ahensya ang napagkasunduan bago ang petsang nakasaad.',
    adjudication: 'Isang opisyal ang magpapasya sa kaso; maaari kang imbitahan sa isang pagdinig.',
    decided: 'Maaaring umapela ang alinmang panig hanggang sa petsang nakasaad; pagkatapos ay magkakabisa ang desisyon.',
    appealed: 'Pinagpapasyahan na ang apela.',
    closed: 'Sarado na ang kaso.',
  },
  id: {
    submitted: 'Seorang petugas memeriksa pengaduan Anda dan memutuskan cara menanganinya.',
    conciliation: 'Petugas kementerian mengatur pertemuan dengan agensi untuk menyelesaikan pengaduan.',
    settled: 'Agensi harus melakukan apa yang telah disepakati sebelum tanggal yang tertera.',
    adjudication: 'Seorang petugas akan memutuskan kasus ini; Anda mungkin diundang ke sidang.',
    decided: 'Kedua pihak dapat mengajukan banding sampai tanggal yang tertera; setelah itu keputusan berlaku.',
    appealed: 'Banding sedang diputuskan.',
    closed: 'Kasus sudah ditutup.',
  },
  ne: {
    submitted: 'एक अधिकारीले तपाईंको उजुरी हेर्दै हुनुहुन्छ र यसलाई कसरी अगाडि बढाउने निर्णय गर्नुहुनेछ।',
    conciliation: 'मन्त्रालयका अधिकारीले उजुरी मिलाउन एजेन्सीसँग बैठक मिलाउनुहुनेछ।',
    settled: 'एजेन्सीले तोकिएको मितिभित्र सहमति भएअनुसार गर्नुपर्छ।',
    adjudication: 'एक अधिकारीले मुद्दाको निर्णय गर्नुहुनेछ; तपाईंलाई सुनुवाइमा बोलाइन सक्छ।',
    decided: 'दुवै पक्षले तोकिएको मितिसम्म पुनरावेदन गर्न सक्छन्; त्यसपछि निर्णय लागू हुन्छ।',
    appealed: 'पुनरावेदनको निर्णय हुँदैछ।',
    closed: 'मुद्दा बन्द भएको छ।',
  },
};

/**
 * The deadline that dates the complainant's next step, per stage: in adjudication the decision
 * (not the agency's answer, which is the agency's step); none while an appeal is decided.
 */
const NEXT_STEP_DEADLINES: Record<string, readonly string[]> = {
  submitted: [COMPLAINT_DEADLINES.triage, COMPLAINT_DEADLINES.triageUrgent],
  conciliation: [COMPLAINT_DEADLINES.conciliation],
  settled: [COMPLAINT_DEADLINES.settlementCompliance],
  adjudication: [COMPLAINT_DEADLINES.decision, COMPLAINT_DEADLINES.decisionUrgent],
  decided: [COMPLAINT_DEADLINES.appealWindow],
  appealed: [],
  closed: [],
};

/** The timeline kind of information a complainant added from their account (internal: the agency never sees it, the complainant does). */
export const COMPLAINANT_INFORMATION = 'information';

export function workerView(
  c: Complaint,
  allegations: Allegation[],
  events: ComplaintEvent[],
  deadlines: DeadlineSummary[],
  timeZone: string,
): WorkerComplaintView {
  const kinds = NEXT_STEP_DEADLINES[c.stage] ?? [];
  const relevant = deadlines
    .filter((d) => d.state !== 'met' && d.state !== 'cancelled' && kinds.includes(d.kind))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return {
    ...base(c, allegations, timeZone),
    nextStep: { what: (NEXT[c.language] ?? NEXT.en)[c.stage], by: c.stage === 'closed' ? null : (relevant[0]?.dueAt ?? null) },
    // The shared entries, and what the complainant added themselves.
    timeline: events.filter((e) => e.visibility === 'shared' || e.kind === COMPLAINANT_INFORMATION).map(timelineEntry),
    agencyAnswer: c.agencyAnswer,
    language: c.language,
  };
}
