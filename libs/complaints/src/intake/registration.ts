import type { EntityManager } from 'typeorm';
import { licenseHolderSql } from '@app/agencies';
import { activeIdsWithRoleSql } from '@app/auth';
import { DeadlineSetupRow, deadlineSetupSql } from '@app/deadlines';
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
  /** The public filings of the acknowledgement's address since the window's start (null when none was asked for). */
  recentAcknowledgements: number | null;
  /** The triage deadline's setup (policy and calendar), for DeadlineService.start. */
  triageSetup: DeadlineSetupRow;
}

/** The triage deadline the case will start: its kind and jurisdiction. */
export interface TriageQuestion {
  kind: string;
  jurisdictionCode: string;
}

/** The acknowledgement cap's question: whose address (its blind index), since when. */
export interface AckQuestion {
  emailIndex: string;
  since: Date;
}

/**
 * The registration read, one statement: the serial, the license number's agency, the
 * least-loaded of the active inspectors (their ids from libs/auth's published expression) and,
 * when the acknowledgement cap applies, the address's recent public filings, counted under the
 * address's transaction lock (complaint_ack_recent: the lock first, then a count that sees every
 * filing committed before it; migration 1796456110000) and the triage deadline's policy and
 * calendar (libs/deadlines' published read). Every filing does it: one round trip, where it took
 * five (inspectors, registration, lock, count, policy).
 */
export async function readRegistration(m: EntityManager, licenseNumber: string | null, ack: AckQuestion | null, triage: TriageQuestion): Promise<Registration> {
  const [row] = (await preparedQuery(
    m,
    `SELECT nextval('complaint_serial_seq')::int AS serial,
            ${licenseHolderSql('$1')} AS license_agency_id,
            a.id AS assignee_id,
            CASE WHEN $3::text IS NOT NULL THEN complaint_ack_recent($3::text, $4::timestamptz) END AS recent_acks,
            s.*
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (${leastLoadedInspector(activeIdsWithRoleSql('$2'))}) a ON true
       LEFT JOIN LATERAL (${deadlineSetupSql('$5::text', '$6::text')}) s ON true`,
    [licenseNumber, 'inspector', ack?.emailIndex ?? null, ack?.since ?? null, triage.kind, triage.jurisdictionCode],
  )) as ({ serial: number; license_agency_id: string | null; assignee_id: string | null; recent_acks: number | null } & DeadlineSetupRow)[];
  const { serial, license_agency_id, assignee_id, recent_acks, ...triageSetup } = row;
  return {
    serial,
    licenseAgencyId: license_agency_id,
    assignee: assignee_id ? { id: assignee_id } : null,
    recentAcknowledgements: recent_acks,
    triageSetup,
  };
}
