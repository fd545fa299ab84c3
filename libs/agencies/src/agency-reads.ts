import type { EntityManager } from 'typeorm';

/**
 * The published way to read the `agency` table from another library: the reads below, and for a
 * query that must join it (the case queue's sort by agency, a report), the table and the columns
 * to compose, so that their names live here alone.
 */
export const AGENCY_TABLE = 'agency';

/** The columns of the agency joined under `alias`, as SQL expressions. */
export const agencyColumns = (alias: string) => ({ id: `${alias}.id`, legalName: `${alias}.legal_name` });

/** An agency's legal name; null when there is no such agency. */
export async function agencyLegalName(m: EntityManager, id: string): Promise<string | null> {
  const rows = (await m.query(`SELECT legal_name FROM agency WHERE id = $1`, [id])) as { legal_name: string }[];
  return rows[0]?.legal_name ?? null;
}

/** The agency whose legal name is `name` (case aside), when exactly one has it; otherwise null. */
export async function agencyIdByLegalName(m: EntityManager, name: string): Promise<string | null> {
  const rows = (await m.query(`SELECT id FROM agency WHERE lower(legal_name) = lower($1) LIMIT 2`, [name])) as { id: string }[];
  return rows.length === 1 ? rows[0].id : null;
}
