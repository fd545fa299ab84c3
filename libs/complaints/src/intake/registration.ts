import type { EntityManager } from 'typeorm';
import { LEAST_LOADED_INSPECTOR } from '../cases/workloads';
import { preparedQuery } from '@app/database';

/** What filing needs to know before it writes anything. */
export interface Registration {
  /** The next case serial (complaint_serial_seq), for the reference number. */
  serial: number;
  /** The agency holding the license number given, when it names one. */
  licenseAgencyId: string | null;
  /** The inspector to assign (null when there is no active inspector), with where and how to tell them. */
  assignee: { id: string; email: string; language: string } | null;
}

/**
 * The registration read, one statement: the serial, the license number's agency and the
 * least-loaded inspector. On the public path every filing does it: one round trip, not three.
 */
export async function readRegistration(m: EntityManager, licenseNumber: string | null): Promise<Registration> {
  const [row] = (await preparedQuery(
    m,
    `SELECT nextval('complaint_serial_seq')::int AS serial,
            (SELECT l.agency_id FROM license l WHERE l.number = $1) AS license_agency_id,
            a.id AS assignee_id, a.email AS assignee_email, a.preferred_language AS assignee_language
       FROM (SELECT 1) one LEFT JOIN LATERAL (${LEAST_LOADED_INSPECTOR}) a ON true`,
    [licenseNumber],
  )) as { serial: number; license_agency_id: string | null; assignee_id: string | null; assignee_email: string | null; assignee_language: string | null }[];
  return {
    serial: row.serial,
    licenseAgencyId: row.license_agency_id,
    assignee: row.assignee_id ? { id: row.assignee_id, email: row.assignee_email!, language: row.assignee_language! } : null,
  };
}
