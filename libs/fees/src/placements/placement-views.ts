import type { AssessmentOutcome, AssessmentProblem, FeeAssessment, Placement, PlacementRevision, RefundOrder, StoredDiscrepancy, StoredFeeLine, StoredViolation } from '../entities';
import type { RefundOrderState } from '../entities';

export const placementReference = (seq: string) => `PLC-${seq}`;

export interface AssessmentView {
  id: string;
  basis: 'declared' | 'worker-statement';
  revision: number;
  statementId: string | null;
  outcome: AssessmentOutcome;
  serious: boolean;
  violations: StoredViolation[];
  problems: AssessmentProblem[];
  ruleIds: string[];
  discrepancies: StoredDiscrepancy[] | null;
  assessedAt: string;
}

export interface RefundOrderView {
  id: string;
  reference: string;
  agencyId: string;
  /** Set for an order from a fee assessment. */
  placementId: string | null;
  placementReference?: string;
  assessmentId: string | null;
  /** Set for an order from a complaint's decision. */
  complaintId: string | null;
  caseReference: string | null;
  amountMinor: string;
  currency: string;
  state: RefundOrderState;
  serious: boolean;
  dueAt: string;
  paidReference: string | null;
  settledAt: string | null;
  cancelReason: string | null;
  version: number;
  createdAt: string;
}

export interface PlacementSummary {
  id: string;
  reference: string;
  agencyId: string;
  agencyName?: string;
  workerName: string;
  employerName: string;
  destinationCountry: string;
  occupationCategory: string;
  contractStart: string;
  revision: number;
  createdAt: string;
}

export interface PlacementView extends PlacementSummary {
  licenseNumber: string;
  workerPassportNumber: string;
  workerEmail: string | null;
  originCountry: string;
  monthlySalaryMinor: string;
  salaryCurrency: string;
  recruitedOn: string;
  contractMonths: number;
  fees: StoredFeeLine[];
  updatedAt: string;
  /** The assessment of the current revision's declared fees. */
  assessment: AssessmentView | null;
  refundOrders: RefundOrderView[];
}

export interface RevisionView {
  revision: number;
  reason: string | null;
  actorId: string | null;
  actorRole: string;
  createdAt: string;
  terms: PlacementRevision['terms'];
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
  version: r.version,
  createdAt: r.createdAt.toISOString(),
});

export const revisionViewOf = (r: PlacementRevision): RevisionView => ({ revision: r.revision, reason: r.reason, actorId: r.actorId, actorRole: r.actorRole, createdAt: r.createdAt.toISOString(), terms: r.terms, fees: r.fees });
