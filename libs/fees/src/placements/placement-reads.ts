import type { EntityManager } from 'typeorm';
import { type ReportPeriod, inReportPeriod } from '@app/deadlines';

/**
 * The published way to read the `placement` table from another library: the reads below, each the
 * query the caller used to write itself, so the table and its columns are named here alone.
 */

/** Where a placement's worker went: its employer and destination country; null when there is no such placement. */
export async function placementDestination(m: EntityManager, id: string): Promise<{ employerName: string; destinationCountry: string } | null> {
  const [row] = (await m.query(`SELECT employer_name, destination_country FROM placement WHERE id = $1`, [id])) as {
    employer_name: string;
    destination_country: string;
  }[];
  return row ? { employerName: row.employer_name, destinationCountry: row.destination_country } : null;
}

/**
 * For a report's `WITH`, after the report period's CTE `z` (REPORT_PERIOD_CTE): the placements
 * recorded in the period per agency, columns `agency_id` and `n` (ix_placement_created reads the period).
 */
export const placementsPerAgencySql = (period: ReportPeriod): string =>
  `SELECT pl.agency_id, count(*)::int AS n FROM placement pl, z WHERE ${inReportPeriod('pl.created_at', period)} GROUP BY pl.agency_id`;
