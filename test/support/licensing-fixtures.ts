import { randomUUID } from 'node:crypto';
import {
  APPLICATION_OWNER_TYPE,
  AgencyProfileService,
  ApplicationState,
  EscrowService,
  LicenseApplication,
  LicensingActor,
  LicensingService,
  REQUIRED_APPLICATION_DOCUMENTS,
} from '@app/agencies';
import { DocumentsService } from '@app/documents';
import { SMALL_PDF } from '../documents/fixtures';
import { createAgency } from './identity';
import type { TestApp } from './test-app';

/** Records the licensing rows of the access matrix need (filled by createLicensingFixtures in its beforeAll). */
export const licensingFixtures = {
  /** The matrix agency's license: read by everyone allowed, surrendered by its admin. */
  licenseId: '',
  licenseNumber: '',
  /** Licenses of other agencies, one per supervisor action (each reaches the handler once). */
  toSuspendId: '',
  toReinstateId: '',
  toRevokeId: '',
  /** An agency without a license, for POST /licensing/licenses. */
  unlicensedAgencyId: '',
  /** A branch of the matrix agency, for its admin to close. */
  branchId: '',
  /** A new pending branch of the matrix agency (each allowed caller of approve or reject gets its own). */
  pendingBranch: async (): Promise<string> => '',
  /** Pending amendments of two other agencies (one pending per agency at a time). */
  toApproveId: '',
  toRejectId: '',
  /** License applications of the matrix agency: a draft (read, uploaded to), a draft with every document (submitted by its admin). */
  applicationId: '',
  toSubmitApplicationId: '',
  /** One application per review action (ministry routes), each in the state the action needs. */
  toTakeApplicationId: '',
  toReturnApplicationId: '',
  toRecommendApplicationId: '',
  toApproveApplicationId: '',
  toRejectApplicationId: '',
};

const SEED_ACTOR: LicensingActor = { userId: null, roles: ['supervisor', 'agency_admin', 'system'], agencyId: null, correlationId: null };

export async function createLicensingFixtures(t: TestApp, matrixAgencyId: string): Promise<void> {
  const licensing = t.app.get(LicensingService, { strict: false });
  const profiles = t.app.get(AgencyProfileService, { strict: false });
  const f = licensingFixtures;
  const own = await licensing.issue(matrixAgencyId, 'regular', SEED_ACTOR);
  [f.licenseId, f.licenseNumber] = [own.id, own.number];
  const other = async () => (await createAgency(t)).id;
  f.toSuspendId = (await licensing.issue(await other(), 'regular', SEED_ACTOR)).id;
  f.toRevokeId = (await licensing.issue(await other(), 'regular', SEED_ACTOR)).id;
  f.toReinstateId = (await licensing.issue(await other(), 'regular', SEED_ACTOR)).id;
  await licensing.act(f.toReinstateId, 'suspend', { version: 1, reason: 'matrix fixture', until: new Date('2099-01-01T00:00:00Z') }, SEED_ACTOR);
  f.unlicensedAgencyId = await other();
  f.branchId = (await profiles.addBranch(matrixAgencyId, { name: 'Matrix branch', address: '1 Matrix Street' }, SEED_ACTOR)).id;
  await profiles.decideBranch(f.branchId, 'approve', null, SEED_ACTOR);
  // Branches pending the ministry's decision, one per review action and caller.
  const pending = async () => (await profiles.addBranch(matrixAgencyId, { name: 'Pending branch', address: '2 Matrix Street' }, SEED_ACTOR)).id;
  f.pendingBranch = pending;
  const amendmentActor = { ...SEED_ACTOR, userId: '00000000-0000-4000-8000-000000000001' };
  f.toApproveId = (await profiles.fileAmendment(await other(), { legalName: 'Approved Name Inc.' }, 'matrix fixture', amendmentActor)).id;
  f.toRejectId = (await profiles.fileAmendment(await other(), { legalName: 'Rejected Name Inc.' }, 'matrix fixture', amendmentActor)).id;

  const application = async (agencyId: string, state: ApplicationState) =>
    (await t.dataSource.getRepository(LicenseApplication).save({ agencyId, type: 'new', state, correctionItems: [], version: 1 })).id;
  f.applicationId = await application(matrixAgencyId, 'draft');
  f.toSubmitApplicationId = await application(matrixAgencyId, 'draft');
  const documents = t.app.get(DocumentsService, { strict: false });
  for (const kind of REQUIRED_APPLICATION_DOCUMENTS.new) {
    await documents.store(t.dataSource.manager, {
      content: SMALL_PDF,
      declaredName: `${kind}.pdf`,
      ownerType: APPLICATION_OWNER_TYPE,
      ownerId: f.toSubmitApplicationId,
      agencyId: matrixAgencyId,
      kind,
      uploadedBy: null,
      actor: 'system' as const,
    });
  }
  f.toTakeApplicationId = await application(matrixAgencyId, 'submitted');
  f.toReturnApplicationId = await application(matrixAgencyId, 'under_review');
  f.toRecommendApplicationId = await application(matrixAgencyId, 'under_review');
  f.toRejectApplicationId = await application(matrixAgencyId, 'recommended');
  // Approval issues a license: an unlicensed agency whose escrow meets the requirement.
  const approvable = await other();
  const escrow = t.app.get(EscrowService, { strict: false });
  await t.dataSource.transaction(async (m) => {
    await escrow.openAccount(m, approvable, 'provisional');
    await escrow.record(m, {
      agencyId: approvable,
      kind: 'deposit',
      amountMinor: 1_000_000_000n,
      currency: 'PHP',
      reference: 'MATRIX',
      actor: 'system',
      idempotencyKey: randomUUID(),
    });
  });
  f.toApproveApplicationId = await application(approvable, 'recommended');
}
