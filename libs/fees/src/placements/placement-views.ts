import { PlacementContractView } from '../contracts/model-contracts.service';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ViolationKind } from '../assessment';
import { ASSESSMENT_OUTCOMES, REFUND_ORDER_STATES } from '../entities';
import type {
  AssessmentOutcome,
  AssessmentProblem,
  FeeAssessment,
  Placement,
  PlacementRevision,
  PlacementTermsRecord,
  RefundOrder,
  RefundOrderState,
  StoredDiscrepancy,
  StoredFeeLine,
  StoredViolation,
} from '../entities';

export const placementReference = (seq: string) => `PLC-${seq}`;

const MINOR = '^[0-9]+$';
const SIGNED_MINOR = '^-?[0-9]+$';
const CURRENCY = '^[A-Z]{3}$';

/** The kinds of fee violation the assessment finds. */
export const FEE_VIOLATION_KINDS = ['item-not-allowed', 'item-over-cap', 'placement-fee-over-cap', 'protected-category'] as const;

/** A fee charged to the worker, as recorded. */
export class FeeLineView implements StoredFeeLine {
  @ApiProperty({ example: 'placement-fee', description: "'placement-fee' or a cost-item code (GET /public/fees/vocabulary)." })
  item: string;

  @ApiProperty({ type: String, pattern: MINOR, example: '2500000', description: 'Integer minor units, written as a decimal string.' })
  amountMinor: string;

  @ApiProperty({ pattern: CURRENCY, example: 'PHP', description: 'ISO 4217.' })
  currency: string;

  /** The day the fee was charged (YYYY-MM-DD). */
  @ApiProperty({ format: 'date', example: '2026-03-02', description: 'The day the fee was charged.' })
  date: string;

  @ApiProperty({ example: 'OR-2026-000123', description: "The receipt's number ('' for a line a worker stated without one)." })
  receiptNumber: string;
}

/** A fee found over what the rule in force on its date allows. */
export class FeeViolation implements StoredViolation {
  @ApiProperty({ type: 'integer', minimum: 0, description: "Which fee line (0-based) of the assessed list: the declared fees, or the statement's lines." })
  lineIndex: number;

  @ApiProperty({ example: 'placement-fee' })
  item: string;

  @ApiProperty({ format: 'date', example: '2026-03-02', description: 'The day the fee was charged.' })
  date: string;

  @ApiProperty({ example: 'OR-2026-000123', description: "The fee's receipt number ('' when a worker stated it without one)." })
  receiptNumber: string;

  @ApiProperty({
    enum: FEE_VIOLATION_KINDS,
    enumName: 'FeeViolationKind',
    description:
      'item-not-allowed: the item may not be charged; item-over-cap / placement-fee-over-cap: more than the cap; protected-category: any fee in a protected category.',
  })
  kind: ViolationKind;

  @ApiProperty({
    type: String,
    pattern: MINOR,
    example: '1500000',
    description: 'How much of the fee is over what is allowed, integer minor units of `currency` as a decimal string.',
  })
  excessMinor: string;

  @ApiProperty({ pattern: CURRENCY, example: 'PHP' })
  currency: string;

  @ApiProperty({ format: 'uuid', description: 'The rule applied.' })
  ruleId: string;

  /** Protected-category fees are serious offences (SPEC: a fee charged to a domestic worker). */
  @ApiProperty({ description: 'A serious violation: a fee charged in a protected category.' })
  serious: boolean;
}

/** A fee line that could not be assessed. */
export class FeeAssessmentProblem implements AssessmentProblem {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    nullable: true,
    description: 'The fee line concerned (0-based); null when it concerns every line under one rule (a missing exchange rate).',
  })
  lineIndex: number | null;

  @ApiProperty({
    enum: ['no-rule-in-force', 'missing-exchange-rate'],
    enumName: 'FeeAssessmentProblemCode',
    description:
      "no-rule-in-force: no fee rule covers the fee's date; missing-exchange-rate: a conversion the rule needs has no rate in force (an administrator must record one).",
  })
  code: 'no-rule-in-force' | 'missing-exchange-rate';

  @ApiProperty({ example: 'No fee rule for domestic-work work in HK is in force on 2026-03-02.' })
  detail: string;
}

/** How a worker's statement differs from the declared fees, for one item and currency. */
export class FeeDiscrepancy implements StoredDiscrepancy {
  @ApiProperty({ example: 'placement-fee' })
  item: string;

  @ApiProperty({ pattern: CURRENCY, example: 'PHP' })
  currency: string;

  @ApiProperty({ type: String, pattern: MINOR, example: '2500000', description: 'What the agency declared, integer minor units as a decimal string.' })
  declaredMinor: string;

  @ApiProperty({ type: String, pattern: MINOR, example: '8000000', description: 'What the worker says they paid, integer minor units as a decimal string.' })
  statedMinor: string;

  @ApiProperty({
    type: String,
    pattern: SIGNED_MINOR,
    example: '5500000',
    description: 'Stated minus declared (positive: the worker paid more than declared), as a decimal string.',
  })
  differenceMinor: string;
}

/** One assessment of a placement's fees; never changed. */
export class AssessmentView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    enum: ['declared', 'worker-statement'],
    enumName: 'AssessmentBasis',
    description: "declared: the agency's declared fees of a revision; worker-statement: what the worker stated they paid.",
  })
  basis: 'declared' | 'worker-statement';

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The placement revision whose fees (declared) or terms (statement) were assessed.' })
  revision: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The worker statement assessed; null for declared fees.' })
  statementId: string | null;

  @ApiProperty({
    enum: ASSESSMENT_OUTCOMES,
    enumName: 'AssessmentOutcome',
    description:
      'compliant: every fee is allowed; violations: at least one is over; incomplete: some could not be assessed (see problems) and none was found over.',
  })
  outcome: AssessmentOutcome;

  @ApiProperty({ description: 'True when a violation is serious (a fee charged in a protected category).' })
  serious: boolean;

  @ApiProperty({ type: [FeeViolation] })
  violations: StoredViolation[];

  @ApiProperty({ type: [FeeAssessmentProblem], description: 'Fee lines that could not be assessed.' })
  problems: AssessmentProblem[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'The rules applied.' })
  ruleIds: string[];

  @ApiProperty({
    type: [FeeDiscrepancy],
    nullable: true,
    description: 'For a worker statement: how it differs from the declared fees, per item and currency; null for declared fees.',
  })
  discrepancies: StoredDiscrepancy[] | null;

  @ApiProperty({ format: 'date-time' })
  assessedAt: string;
}

/** An order that an agency pay a worker back, by a deadline. */
export class RefundOrderView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'RO-2026-000042', description: 'RO-<year>-<serial>, readable over the phone.' })
  reference: string;

  @ApiProperty({ format: 'uuid', description: 'The agency that must pay.' })
  agencyId: string;

  /** Set for an order from a fee assessment. */
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The placement, for an order from a fee assessment; null for an order from a complaint decision.',
  })
  placementId: string | null;

  @ApiPropertyOptional({
    example: 'PLC-1042',
    description: "The placement's reference, where the answer includes it (lists and single reads of orders from a fee assessment).",
  })
  placementReference?: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The assessment that found the excess; null for an order from a complaint decision.',
  })
  assessmentId: string | null;

  /** Set for an order from a complaint's decision. */
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The complaint whose decision ordered it; null for an order from a fee assessment.',
  })
  complaintId: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: "For a complaint decision's order: the case reference and the ordered item (`<case>#<key>`); null otherwise.",
  })
  caseReference: string | null;

  @ApiProperty({ type: String, pattern: MINOR, example: '1500000', description: 'The amount to pay back, integer minor units as a decimal string.' })
  amountMinor: string;

  @ApiProperty({ pattern: CURRENCY, example: 'PHP' })
  currency: string;

  @ApiProperty({
    enum: REFUND_ORDER_STATES,
    enumName: 'RefundOrderState',
    description:
      "open: to be paid by dueAt; payment-declared: the agency declared its payment with proof, awaiting the ministry (not garnished meanwhile); paid: the agency's payment was recorded or its declaration confirmed; garnished: paid from the agency's escrow; cancelled.",
  })
  state: RefundOrderState;

  @ApiProperty({ description: 'Ordered for a serious violation (a fee charged in a protected category).' })
  serious: boolean;

  @ApiProperty({ format: 'date-time', description: 'The payment deadline.' })
  dueAt: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: "The proof of payment (bank or remittance reference; 'escrow:<entry id>' when garnished); null while open or cancelled.",
  })
  paidReference: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was paid, garnished or cancelled; null while open.' })
  settledAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why it was cancelled; null unless cancelled.' })
  cancelReason: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'The payment reference the agency declared (POST /agency/refund-orders/{id}/payment-declaration); null until it declares one.',
  })
  declaredReference: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The proof of payment the agency uploaded with its declaration (GET /refund-orders/{id}/payment-proof); null until it declares.',
  })
  declaredDocumentId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the agency declared its payment; null until it declares.' })
  declaredAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: "Why the ministry rejected the agency's latest declaration (the order is open again); null otherwise.",
  })
  declarationRejectedReason: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'Send it back to pay or cancel (409 stale-version when it changed meanwhile).' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** A placement in a list. */
export class PlacementSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'PLC-1042', description: 'PLC-<serial>, readable over the phone.' })
  reference: string;

  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiPropertyOptional({
    example: 'Pacific Manpower Services Inc.',
    description: "The agency's legal name, where the answer includes it (lists and single reads).",
  })
  agencyName?: string;

  @ApiProperty({ example: 'Maria Santos' })
  workerName: string;

  @ApiProperty({ example: 'Chan Tai Man' })
  employerName: string;

  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'HK' })
  destinationCountry: string;

  @ApiProperty({ example: 'domestic-work' })
  occupationCategory: string;

  @ApiProperty({ format: 'date', example: '2026-05-01' })
  contractStart: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 1,
    description: 'The current revision (1: as recorded; each amendment adds one). Send it back to amend.',
  })
  revision: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** A placement with its current terms and fees, its latest assessment and its refund orders. */
export class PlacementView extends PlacementSummary {
  @ApiProperty({ example: 'LIC-2025-0007', description: 'The license under which the worker was placed.' })
  licenseNumber: string;

  @ApiProperty({ example: 'P1234567A' })
  workerPassportNumber: string;

  @ApiProperty({ type: String, format: 'email', nullable: true, description: "The worker's email (lower-cased); null when the agency gave none." })
  workerEmail: string | null;

  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'PH', description: "The origin country (this installation's) when recorded." })
  originCountry: string;

  @ApiProperty({ type: String, pattern: MINOR, example: '460000', description: 'Monthly basic salary, integer minor units as a decimal string.' })
  monthlySalaryMinor: string;

  @ApiProperty({ pattern: CURRENCY, example: 'HKD' })
  salaryCurrency: string;

  @ApiProperty({ format: 'date', example: '2026-02-15', description: 'When the agency recruited the worker; no fee may be dated earlier.' })
  recruitedOn: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 120, example: 24 })
  contractMonths: number;

  @ApiProperty({ type: [FeeLineView], description: 'Every fee the agency declares it charged, as of the current revision.' })
  fees: StoredFeeLine[];

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;

  /** The assessment of the current revision's declared fees. */
  @ApiProperty({
    type: AssessmentView,
    nullable: true,
    description: 'The latest assessment of the declared fees (an amendment of terms that decide nothing keeps the earlier one).',
  })
  assessment: AssessmentView | null;

  @ApiProperty({ type: [RefundOrderView], description: 'The refund orders opened for this placement, oldest first.' })
  refundOrders: RefundOrderView[];

  @ApiProperty({
    type: PlacementContractView,
    nullable: true,
    description:
      'The contract terms registered with the placement and their check against the model contract in force on the recruitment date (issue 20); null for a placement recorded before model contracts.',
  })
  contract: PlacementContractView | null;
}

/** The terms of a placement at one revision. */
export class PlacementTermsView implements PlacementTermsRecord {
  @ApiProperty({ example: 'Maria Santos' })
  workerName: string;

  @ApiProperty({ example: 'P1234567A' })
  workerPassportNumber: string;

  @ApiProperty({ type: String, format: 'email', nullable: true })
  workerEmail: string | null;

  @ApiProperty({ example: 'Chan Tai Man' })
  employerName: string;

  @ApiProperty({ pattern: '^[A-Z]{2}$', example: 'HK' })
  destinationCountry: string;

  @ApiProperty({ example: 'domestic-work' })
  occupationCategory: string;

  @ApiProperty({ type: String, pattern: MINOR, example: '460000', description: 'Monthly basic salary, integer minor units as a decimal string.' })
  monthlySalaryMinor: string;

  @ApiProperty({ pattern: CURRENCY, example: 'HKD' })
  salaryCurrency: string;

  @ApiProperty({ format: 'date', example: '2026-02-15' })
  recruitedOn: string;

  @ApiProperty({ format: 'date', example: '2026-05-01' })
  contractStart: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 120, example: 24 })
  contractMonths: number;
}

/** One version of a placement: the record (revision 1) or an amendment. */
export class RevisionView {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  revision: number;

  @ApiProperty({ type: String, nullable: true, description: 'Why it was amended; null for the first record.' })
  reason: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who recorded or amended it; null for the system.' })
  actorId: string | null;

  @ApiProperty({ example: 'agency_staff', description: "The role they acted in, or 'system'." })
  actorRole: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: PlacementTermsView })
  terms: PlacementRevision['terms'];

  @ApiProperty({ type: [FeeLineView] })
  fees: StoredFeeLine[];
}

export const summaryOf = (p: Placement): PlacementSummary => ({
  id: p.id,
  reference: placementReference(p.seq),
  agencyId: p.agencyId,
  ...(p.agency ? { agencyName: p.agency.legalName } : {}),
  workerName: p.workerName,
  employerName: p.employerName,
  destinationCountry: p.destinationCountry,
  occupationCategory: p.occupationCategory,
  contractStart: p.contractStart,
  revision: p.revision,
  createdAt: p.createdAt.toISOString(),
});

export const assessmentViewOf = (a: FeeAssessment): AssessmentView => ({
  id: a.id,
  basis: a.basis,
  revision: a.revision,
  statementId: a.statementId,
  outcome: a.outcome,
  serious: a.serious,
  violations: a.violations,
  problems: a.problems,
  ruleIds: a.ruleIds,
  discrepancies: a.discrepancies,
  assessedAt: a.assessedAt.toISOString(),
});

export const refundOrderViewOf = (r: RefundOrder): RefundOrderView => ({
  id: r.id,
  reference: r.reference,
  agencyId: r.agencyId,
  placementId: r.placementId,
  ...(r.placement ? { placementReference: placementReference(r.placement.seq) } : {}),
  assessmentId: r.assessmentId,
  complaintId: r.complaintId,
  caseReference: r.caseReference,
  amountMinor: r.amountMinor,
  currency: r.currency,
  state: r.state,
  serious: r.serious,
  dueAt: r.dueAt.toISOString(),
  paidReference: r.paidReference,
  settledAt: r.settledAt ? r.settledAt.toISOString() : null,
  cancelReason: r.cancelReason,
  declaredReference: r.declaredReference,
  declaredDocumentId: r.declaredDocumentId,
  declaredAt: r.declaredAt ? r.declaredAt.toISOString() : null,
  declarationRejectedReason: r.declarationRejectedReason,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
});

export const revisionViewOf = (r: PlacementRevision): RevisionView => ({
  revision: r.revision,
  reason: r.reason,
  actorId: r.actorId,
  actorRole: r.actorRole,
  createdAt: r.createdAt.toISOString(),
  terms: r.terms,
  fees: r.fees,
});
