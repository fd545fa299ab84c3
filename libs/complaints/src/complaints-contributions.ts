import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ClearanceContributor, ClearanceSource, OpenCase, OutstandingObligation, Scorecard, ScorecardContributor, ScorecardSource } from '@app/agencies';
import { OPEN_STAGES } from './lifecycle/complaint-transitions';
import { Allegation, Complaint } from './entities';
import { SanctionEffects } from './cases/sanction-effects';

/**
 * What complaints tells licensing: open complaints and decided violations for the public
 * scorecard (counts only), and unpaid fines, which block a license application's clearance.
 *
 * `openComplaints` counts only complaints an officer has vetted: accepted at triage (they left
 * `submitted` by `accept`, or a supervisor reopened them) and not closed. A complaint still
 * `submitted` (anyone can file one, anonymously) or referred or dismissed at triage never counts,
 * so fabricated filings cannot move an agency's public score. Inspection cases are not complaints.
 */
@Injectable()
export class ComplaintsContributions implements OnModuleInit, ScorecardContributor, ClearanceContributor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scorecards: ScorecardSource,
    private readonly clearance: ClearanceSource,
    private readonly sanctions: SanctionEffects,
  ) {}

  onModuleInit(): void {
    this.scorecards.register(this);
    this.clearance.register(this);
  }

  /**
   * The counts kept per agency in `agency_complaint_counts` (triggers on `complaint` and
   * `allegation`, in the writing transaction): at most 16 rows per agency, whatever its history.
   */
  async forAgencies(agencyIds: readonly string[]): Promise<Map<string, Partial<Scorecard>>> {
    const rows = (await this.db.query(
      `SELECT agency_id, sum(open_complaints)::int AS open_complaints, sum(decided_violations)::int AS decided_violations
         FROM agency_complaint_counts WHERE agency_id = ANY($1) GROUP BY agency_id`,
      [agencyIds],
    )) as { agency_id: string; open_complaints: number; decided_violations: number }[];
    return new Map(rows.map((r) => [r.agency_id, { openComplaints: r.open_complaints, decidedViolations: r.decided_violations }]));
  }

  async outstanding(m: EntityManager, agencyId: string): Promise<OutstandingObligation[]> {
    const rows = (await m.query(
      `SELECT reference, amount_minor::text AS amount, currency FROM fine WHERE agency_id = $1 AND state IN ('open','payment-declared') ORDER BY created_at`,
      [agencyId],
    )) as { reference: string; amount: string; currency: string }[];
    return rows.map((r) => ({ kind: 'unpaid-fine', reference: r.reference, amountMinor: r.amount, currency: r.currency.trim() }));
  }

  /**
   * Revocation pending: a decision that revokes, still open to appeal (decided) or under appeal;
   * or a case in adjudication whose proposal (every allegation found) is revocation.
   */
  async pendingRevocations(m: EntityManager, agencyId: string): Promise<string[]> {
    const decided = (await m.query(
      `SELECT DISTINCT c.reference, c.stage FROM complaint c JOIN allegation a ON a.complaint_id = c.id
        WHERE c.agency_id = $1 AND c.stage IN ('decided','appealed') AND a.finding = 'violation' AND a.sanction -> 'decided' @> '[{"kind":"revocation"}]'::jsonb
        ORDER BY c.reference`,
      [agencyId],
    )) as { reference: string; stage: string }[];
    const out = decided.map((r) => `case ${r.reference}: revocation decided, ${r.stage === 'decided' ? 'open to appeal' : 'under appeal'}`);
    for (const c of await m.find(Complaint, { where: { agencyId, stage: 'adjudication' }, order: { createdAt: 'ASC' } })) {
      const proposal = await this.sanctions.preview(m, c, await m.find(Allegation, { where: { complaintId: c.id } }));
      if (proposal?.sanctions.some((s) => s.kind === 'revocation')) out.push(`case ${c.reference}: revocation proposed, awaiting decision`);
    }
    return out;
  }

  /** Violations decided (final: closed as decided or appeal-decided) since `since`, one sentence per case. */
  async violationsSince(m: EntityManager, agencyId: string, since: Date): Promise<string[]> {
    const rows = (await m.query(
      `SELECT c.reference, min(c.closed_at) AS closed_at FROM complaint c JOIN allegation a ON a.complaint_id = c.id
        WHERE c.agency_id = $1 AND c.stage = 'closed' AND c.outcome IN ('decided','appeal-decided') AND a.finding = 'violation' AND c.closed_at >= $2
        GROUP BY c.reference ORDER BY 2`,
      [agencyId, since],
    )) as { reference: string; closed_at: Date }[];
    return rows.map((r) => `case ${r.reference}: violation decided ${new Date(r.closed_at).toISOString().slice(0, 10)}`);
  }

  /** The agency's open cases (complaints and inspections, any open stage), oldest first. */
  async openCases(m: EntityManager, agencyId: string): Promise<OpenCase[]> {
    const rows = await m.find(Complaint, { where: { agencyId, stage: In([...OPEN_STAGES]) }, order: { createdAt: 'ASC' }, take: 200 });
    return rows.map((c) => ({ reference: c.reference, kind: c.kind, stage: c.stage, priority: c.priority, openedAt: c.createdAt.toISOString() }));
  }
}
