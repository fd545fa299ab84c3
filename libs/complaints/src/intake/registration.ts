import type { EntityManager } from 'typeorm';
import { licenseHolderSql } from '@app/agencies';
import { leastLoadedInspector } from '../cases/workloads';
import { preparedQuery } from '@app/database';

/** What filing needs to know before it writes anything. */
export interface Registration {
  /** The next case serial (complaint_serial_seq), for the reference number. */
  serial: number;
  /** The agency holding the license number given, when it names one. */
  licenseAgencyId: string | null;
  /** The inspector to assign (null when there is no active inspector); told by mail through their account (AssignmentDigest). */
  assignee: { id: string } | null;
}

/**
 * The registration read, one statement: the serial, the license number's agency and the
 * least-loaded of the active inspectors given (their ids, from libs/auth's `Accounts`). On the
 * public path every filing does it: with the inspectors' read, two round trips, not four.
 */
export async function readRegistration(m: EntityManager, licenseNumber: string | null, inspectorIds: readonly string[]): Promise<Registration> {
  const [row] = (await preparedQuery(
    m,
    `SELECT nextval('complaint_serial_seq')::int AS serial,
            ${licenseHolderSql('$1')} AS license_agency_id,
            a.id AS assignee_id
       FROM (SELECT 1) one LEFT JOIN LATERAL (${leastLoadedInspector('$2')}) a ON true`,
    [licenseNumber, [...inspectorIds]],
  )) as { serial: number; license_agency_id: string | null; assignee_id: string | null }[];
  return {
    serial: row.serial,
    licenseAgencyId: row.license_agency_id,
    assignee: row.assignee_id ? { id: row.assignee_id } : null,
  };
}
