import { ComplaintIntake, ComplaintLifecycle, InspectionsService, LifecycleActor } from '@app/complaints';
import { DocumentsService } from '@app/documents';
import { SMALL_PDF } from '../documents/fixtures';
import { createUser } from './identity';
import type { TestApp } from './test-app';

const OFFICIAL: LifecycleActor = { userId: null, roles: ['supervisor', 'inspector', 'system'], agencyId: null, auditActor: 'system' };

/** Records the complaints rows of the access matrix need (filled by createComplaintsFixtures in its beforeAll). */
export const complaintsFixtures = {
  /** A case against the matrix agency, for reads and notes. */
  caseId: '',
  reference: '',
  secret: '',
  /** A new submitted case against the matrix agency (each allowed caller of an action gets its own). */
  newCase: async (): Promise<string> => '',
  /** A case of the matrix agency in adjudication, and one decided (for the agency's answer and appeal). */
  inAdjudicationId: '',
  decidedId: '',
  /** The current version of a case (moves and assignment name it). */
  version: async (_id: string): Promise<number> => 0,
  /** Open fines of the matrix agency: one paid by the inspector, one by the supervisor. */
  fineForInspector: '',
  fineForSupervisor: '',
  /** Open fines for the agency's admin and staff to declare their payment of (issue 22). */
  fineToDeclareByAdmin: '',
  fineToDeclareByStaff: '',
  /** Fines whose payment the agency declared, for the inspector and the supervisor to reject. */
  fineToRejectByInspector: '',
  fineToRejectBySupervisor: '',
  /** A declared fine with its stored proof, for every reader to download. */
  fineWithProof: '',
  /** An inspector to assign cases to. */
  inspectorId: '',
  /** An inspection of the matrix agency the agency was notified of, and a new planned one per caller. */
  inspectionId: '',
  newInspection: async (): Promise<string> => '',
  /** Makes a worker account the complainant of the fixture case. */
  linkWorker: async (_userId: string): Promise<void> => undefined,
  /** Makes a worker account the complainant of this case. */
  linkCase: async (_id: string, _userId: string): Promise<void> => undefined,
  /** A new decided case against the matrix agency (its appeal window open). */
  newDecided: async (): Promise<string> => '',
  /** Settled cases of the matrix agency, for its admin and its staff to declare compliance with. */
  settledForAdmin: '',
  settledForStaff: '',
};

export const complaintBody = (agencyName: string) => ({
  agencyName,
  allegations: [{ category: 'unpaid-wages', facts: 'Two months of salary were never paid.' }],
  complainantName: 'Matrix Complainant',
  email: 'matrix.complainant@workers.test',
  language: 'en',
});

export async function createComplaintsFixtures(t: TestApp, matrixAgencyId: string): Promise<void> {
  const f = complaintsFixtures;
  f.inspectorId = (await createUser(t, { roles: ['inspector'], signIn: false })).id;
  const intake = t.app.get(ComplaintIntake, { strict: false });
  const lifecycle = t.app.get(ComplaintLifecycle, { strict: false });
  const [{ legal_name: name }] = await t.dataSource.query(`SELECT legal_name FROM agency WHERE id = $1`, [matrixAgencyId]);
  const file = async () =>
    t.dataSource.transaction((m) =>
      intake.file(m, complaintBody(name), { source: 'public', channel: 'web', auditActor: 'system', actorId: null, agencyId: matrixAgencyId }),
    );
  const first = await file();
  [f.caseId, f.reference, f.secret] = [first.complaint.id, first.complaint.reference, first.trackingSecret!];
  f.newCase = async () => (await file()).complaint.id;
  const inspections = t.app.get(InspectionsService, { strict: false });
  f.newInspection = async () =>
    t.dataSource.transaction(
      async (m) =>
        (await inspections.plan(m, { agencyId: matrixAgencyId, origin: 'routine', reason: 'matrix fixture' }, { userId: null, auditActor: 'system' })).id,
    );
  f.inspectionId = await f.newInspection();
  await inspections.act(f.inspectionId, 'notify-agency', { version: 1 }, { userId: null, roles: ['inspector'], auditActor: 'system' });
  f.version = async (id) => Number((await t.dataSource.query(`SELECT version FROM complaint WHERE id = $1`, [id]))[0].version);
  f.linkWorker = async (userId) => {
    await t.dataSource.query(`UPDATE complaint SET complainant_user_id = $2 WHERE id = $1`, [f.caseId, userId]);
  };
  const toAdjudication = async () => {
    const id = (await file()).complaint.id;
    await lifecycle.act(id, 'accept', {}, OFFICIAL);
    await lifecycle.act(id, 'fail-conciliation', { reason: 'matrix' }, OFFICIAL);
    return id;
  };
  f.linkCase = async (id, userId) => {
    await t.dataSource.query(`UPDATE complaint SET complainant_user_id = $2 WHERE id = $1`, [id, userId]);
  };
  f.inAdjudicationId = await toAdjudication();
  const decided = async () => {
    const id = await toAdjudication();
    const [a] = await t.dataSource.query(`SELECT id FROM allegation WHERE complaint_id = $1`, [id]);
    await lifecycle.act(id, 'decide', { findings: [{ allegationId: a.id, finding: 'dismissed' }] }, OFFICIAL);
    return id;
  };
  f.newDecided = decided;
  f.decidedId = await decided();
  const [allegation] = await t.dataSource.query(`SELECT id FROM allegation WHERE complaint_id = $1`, [f.decidedId]);
  const fine = async (n: number) =>
    (
      (await t.dataSource.query(
        `INSERT INTO fine (reference, agency_id, complaint_id, allegation_id, amount_minor, currency, state, due_at, created_at)
       VALUES ($1, $2, $3, $4, 100000, 'PHP', 'open', now() + interval '30 days', now()) RETURNING id`,
        [`FN-MATRIX-${n}`, matrixAgencyId, f.decidedId, allegation.id],
      )) as { id: string }[]
    )[0].id;
  // Two fines on two allegations would need two allegations: the unique key is (complaint, allegation), so use two cases.
  f.fineForInspector = await fine(1);
  const [other] = await t.dataSource.query(`SELECT id FROM allegation WHERE complaint_id = $1`, [f.inAdjudicationId]);
  f.fineForSupervisor = (
    (await t.dataSource.query(
      `INSERT INTO fine (reference, agency_id, complaint_id, allegation_id, amount_minor, currency, state, due_at, created_at)
     VALUES ('FN-MATRIX-2', $1, $2, $3, 100000, 'PHP', 'open', now() + interval '30 days', now()) RETURNING id`,
      [matrixAgencyId, f.inAdjudicationId, other.id],
    )) as { id: string }[]
  )[0].id;
  f.fineToDeclareByAdmin = await fineOnNewCase(t, matrixAgencyId, 'FN-MATRIX-3');
  f.fineToDeclareByStaff = await fineOnNewCase(t, matrixAgencyId, 'FN-MATRIX-4');
  f.fineToRejectByInspector = await declaredFine(t, await fineOnNewCase(t, matrixAgencyId, 'FN-MATRIX-5'));
  f.fineToRejectBySupervisor = await declaredFine(t, await fineOnNewCase(t, matrixAgencyId, 'FN-MATRIX-6'));
  f.fineWithProof = await declaredFine(t, await fineOnNewCase(t, matrixAgencyId, 'FN-MATRIX-7'));
  f.settledForAdmin = await settledCase(t, matrixAgencyId);
  f.settledForStaff = await settledCase(t, matrixAgencyId);
}

/** A new case against the agency, accepted and settled (terms, nothing to pay, comply within 30 days); optionally assigned to an inspector. */
export async function settledCase(t: TestApp, agencyId: string, assignee: string | null = null): Promise<string> {
  const [{ legal_name: name }] = await t.dataSource.query(`SELECT legal_name FROM agency WHERE id = $1`, [agencyId]);
  const filed = await t.dataSource.transaction((m) =>
    t.app
      .get(ComplaintIntake, { strict: false })
      .file(m, complaintBody(name), { source: 'public', channel: 'web', auditActor: 'system', actorId: null, agencyId }),
  );
  const id = filed.complaint.id;
  await t.dataSource.query(`UPDATE complaint SET assigned_to = $2 WHERE id = $1`, [id, assignee]);
  const lifecycle = t.app.get(ComplaintLifecycle, { strict: false });
  await lifecycle.act(id, 'accept', {}, OFFICIAL);
  const complyBy = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await lifecycle.act(id, 'settle', { settlement: { terms: 'The agency refunds the placement fee.', amounts: [], complyBy } }, OFFICIAL);
  return id;
}

/** A new case against the agency with an open fine on its allegation, due in 30 days (the fine's own deadline is not started). */
export async function fineOnNewCase(t: TestApp, agencyId: string, reference: string, amountMinor = '100000'): Promise<string> {
  const [{ legal_name: name }] = await t.dataSource.query(`SELECT legal_name FROM agency WHERE id = $1`, [agencyId]);
  const intake = t.app.get(ComplaintIntake, { strict: false });
  const filed = await t.dataSource.transaction((m) =>
    intake.file(m, complaintBody(name), { source: 'public', channel: 'web', auditActor: 'system', actorId: null, agencyId }),
  );
  const [a] = await t.dataSource.query(`SELECT id FROM allegation WHERE complaint_id = $1`, [filed.complaint.id]);
  return (
    (await t.dataSource.query(
      `INSERT INTO fine (reference, agency_id, complaint_id, allegation_id, amount_minor, currency, state, due_at, created_at)
     VALUES ($1, $2, $3, $4, $5, 'PHP', 'open', now() + interval '30 days', now()) RETURNING id`,
      [reference, agencyId, filed.complaint.id, a.id, amountMinor],
    )) as { id: string }[]
  )[0].id;
}

/** Marks a fine's payment declared by its agency, with a stored proof (as POST /agency/fines/{id}/payment-declaration leaves it). */
export async function declaredFine(t: TestApp, fineId: string): Promise<string> {
  const [{ agency_id: agencyId }] = await t.dataSource.query(`SELECT agency_id FROM fine WHERE id = $1`, [fineId]);
  const proof = await t.app.get(DocumentsService, { strict: false }).store(t.dataSource.manager, {
    content: SMALL_PDF,
    declaredName: 'receipt.pdf',
    ownerType: 'fine',
    ownerId: fineId,
    agencyId,
    kind: 'payment-proof',
    uploadedBy: null,
    actor: 'system' as const,
  });
  await t.dataSource.query(
    `UPDATE fine SET state = 'payment-declared', declared_reference = 'MATRIX-DECL', declared_document_id = $2, declared_at = now() WHERE id = $1`,
    [fineId, proof.id],
  );
  return fineId;
}
