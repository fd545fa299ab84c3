import { ComplaintEvidence, EvidenceDoor } from '@app/complaints/evidence';
import { DocumentsService } from '@app/documents';
import { SMALL_PDF } from '../documents/fixtures';
import { complaintsFixtures as cf } from './complaints-fixtures';
import { createUser } from './identity';
import type { TestApp } from './test-app';

/** Evidence the access matrix's download rows need (filled by createEvidenceFixtures in its beforeAll). */
export const evidenceFixtures = {
  /** The complainant's file on the fixture case (`complaintsFixtures.caseId`), added on the public path. */
  complainantDocumentId: '00000000-0000-4000-8000-000000000000',
  /** The matrix agency's own file on the same case. */
  agencyDocumentId: '00000000-0000-4000-8000-000000000000',
};

/** Call after createComplaintsFixtures (it needs the fixture case, its reference and secret). */
export async function createEvidenceFixtures(t: TestApp, matrixAgencyId: string): Promise<void> {
  const evidence = t.app.get(ComplaintEvidence, { strict: false });
  const documents = t.app.get(DocumentsService, { strict: false });
  const add = async (door: EvidenceDoor, kind: string): Promise<string> => {
    const staged = await documents.stage(SMALL_PDF, { declaredName: `${kind}.pdf` });
    try {
      return (await evidence.upload(door, staged, kind, { auditActor: 'system' })).id;
    } finally {
      await documents.discard(staged);
    }
  };
  evidenceFixtures.complainantDocumentId = await add({ party: 'complainant', reference: cf.reference, secret: cf.secret }, 'receipt');
  const agencyUser = await createUser(t, { roles: ['agency_staff'], agencyId: matrixAgencyId, signIn: false });
  evidenceFixtures.agencyDocumentId = await add({ party: 'agency', caseId: cf.caseId, userId: agencyUser.id, agencyId: matrixAgencyId }, 'contract');
}
