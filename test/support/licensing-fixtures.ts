import { AgencyProfileService, LicensingActor, LicensingService } from '@app/agencies';
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
  /** Pending amendments of two other agencies (one pending per agency at a time). */
  toApproveId: '',
  toRejectId: '',
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
  const amendmentActor = { ...SEED_ACTOR, userId: '00000000-0000-4000-8000-000000000001' };
  f.toApproveId = (await profiles.fileAmendment(await other(), { legalName: 'Approved Name Inc.' }, 'matrix fixture', amendmentActor)).id;
  f.toRejectId = (await profiles.fileAmendment(await other(), { legalName: 'Rejected Name Inc.' }, 'matrix fixture', amendmentActor)).id;
}
