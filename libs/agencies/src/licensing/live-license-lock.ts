import type { EntityManager } from 'typeorm';

/**
 * Share-locks the agency's live license row (active or suspended) in the caller's transaction,
 * so that a change of its state committing meanwhile (a suspension, a revocation) waits for the
 * caller or is seen by it. For another library about to act on the license's standing (fees,
 * recording a placement, before `LicensingService.mayPlaceWorkers`); no row: nothing is locked.
 */
export async function shareLockLiveLicense(m: EntityManager, agencyId: string): Promise<void> {
  await m.query(`SELECT id FROM license WHERE agency_id = $1 AND state IN ('active','suspended') FOR SHARE`, [agencyId]);
}
