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
  /** The triage deadline's setup (policy and calendar), for DeadlineService.startPart. */
  triageSetup: DeadlineSetupRow;
}

/** The triage deadline the case will start: its kind and jurisdiction. */
export interface TriageQuestion {
  kind: string;
  jurisdictionCode: string;
}

/**
 * The registration read, one statement: the serial, the license number's agency, the
 * least-loaded of the active inspectors (their ids from libs/auth's published expression) and the
 * triage deadline's policy and calendar (libs/deadlines' published read). Every filing does it,
 * before its one writing statement (the acknowledgement cap is asked there: complaint_ack_room).
 * It writes nothing (the serial is a sequence's: a filing that fails after it leaves a gap in the
 * references, as one that rolled back always did).
 */
export async function readRegistration(m: EntityManager, licenseNumber: string | null, triage: TriageQuestion): Promise<Registration> {
  const [row] = (await preparedQuery(
    m,
    `SELECT nextval('complaint_serial_seq')::int AS serial,
            ${licenseHolderSql('$1')} AS license_agency_id,
            a.id AS assignee_id,
            s.*
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (${leastLoadedInspector(activeIdsWithRoleSql('$2'))}) a ON true
       LEFT JOIN LATERAL (${deadlineSetupSql('$3::text', '$4::text')}) s ON true`,
    [licenseNumber, 'inspector', triage.kind, triage.jurisdictionCode],
  )) as ({ serial: number; license_agency_id: string | null; assignee_id: string | null } & DeadlineSetupRow)[];
  const { serial, license_agency_id, assignee_id, ...triageSetup } = row;
  return {
    serial,
    licenseAgencyId: license_agency_id,
    assignee: assignee_id ? { id: assignee_id } : null,
    triageSetup,
  };
}
