import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, ConfigService } from '@app/common';
import { InspectionsService } from '../inspections/inspections.service';

/**
 * Complaints against one agency are linked (the case view lists the others). When a complaint is
 * accepted and COMPLAINTS_PATTERN_THRESHOLD (3) complaints against that agency have been accepted
 * within COMPLAINTS_PATTERN_WINDOW_DAYS (90), an inspection of the agency is planned by itself
 * (origin `pattern`, inspections/), unless one is already open.
 */
@Injectable()
export class PatternWatch {
  constructor(
    private readonly inspections: InspectionsService,
    private readonly config: ConfigService,
    private readonly clock: Clock,
  ) {}

  async afterAccept(m: EntityManager, agencyId: string | null, correlationId?: string): Promise<string | null> {
    if (!agencyId) return null;
    const { COMPLAINTS_PATTERN_THRESHOLD: threshold, COMPLAINTS_PATTERN_WINDOW_DAYS: days } = this.config.get('complaints');
    // Serialise per agency, so two acceptances at once open one inspection, not two.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('lcs:pattern:' || $1))`, [agencyId]);
    const since = new Date(this.clock.now().getTime() - days * 86_400_000);
    const accepted = (await m.query(
      `SELECT reference FROM complaint
        WHERE agency_id = $1 AND kind = 'complaint' AND created_at >= $2 AND stage <> 'submitted' AND (outcome IS NULL OR outcome NOT IN ('referred','dismissed'))
        ORDER BY created_at`,
      [agencyId, since],
    )) as { reference: string }[];
    if (accepted.length < threshold) return null;
    // One open inspection at a time: a planned (or conducted) one, or a case opened before inspections had their own lifecycle.
    if (await this.inspections.openFor(m, agencyId)) return null;
    const legacy = (await m.query(
      `SELECT 1 FROM complaint WHERE agency_id = $1 AND kind = 'inspection' AND source = 'system' AND stage <> 'closed' AND NOT EXISTS (SELECT 1 FROM inspection i WHERE i.follow_up_case_id = complaint.id) LIMIT 1`,
      [agencyId],
    )) as unknown[];
    if (legacy.length) return null;
    const inspection = await this.inspections.plan(
      m,
      {
        agencyId,
        origin: 'pattern',
        reason: `Pattern: ${accepted.length} complaints against this agency accepted within ${days} days (${accepted.map((a) => a.reference).join(', ')}). Inspect the agency.`,
      },
      { userId: null, auditActor: 'system', correlationId },
    );
    return inspection.reference;
  }
}
