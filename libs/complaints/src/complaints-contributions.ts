import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ClearanceContributor, ClearanceSource, OutstandingObligation, Scorecard, ScorecardContributor, ScorecardSource } from '@app/agencies';
import { ACCEPTED_OPEN_STAGES } from './lifecycle/complaint-transitions';

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
  ) {}

  onModuleInit(): void {
    this.scorecards.register(this);
    this.clearance.register(this);
  }

  async forAgencies(agencyIds: readonly string[]): Promise<Map<string, Partial<Scorecard>>> {
    const rows = (await this.db.query(
      `SELECT c.agency_id,
              count(DISTINCT c.id) FILTER (WHERE c.stage::text = ANY($2::text[]) AND c.kind = 'complaint')::int AS open_complaints,
              count(a.id) FILTER (WHERE c.stage = 'closed' AND c.outcome IN ('decided','appeal-decided') AND a.finding = 'violation')::int AS decided_violations
         FROM complaint c LEFT JOIN allegation a ON a.complaint_id = c.id
        WHERE c.agency_id = ANY($1)
        GROUP BY c.agency_id`,
      [agencyIds, ACCEPTED_OPEN_STAGES],
    )) as { agency_id: string; open_complaints: number; decided_violations: number }[];
    return new Map(rows.map((r) => [r.agency_id, { openComplaints: r.open_complaints, decidedViolations: r.decided_violations }]));
  }

  async outstanding(m: EntityManager, agencyId: string): Promise<OutstandingObligation[]> {
    const rows = (await m.query(`SELECT reference, amount_minor::text AS amount, currency FROM fine WHERE agency_id = $1 AND state = 'open' ORDER BY created_at`, [agencyId])) as { reference: string; amount: string; currency: string }[];
    return rows.map((r) => ({ kind: 'unpaid-fine', reference: r.reference, amountMinor: r.amount, currency: r.currency.trim() }));
  }
}
