import { DateTime } from 'luxon';
import type { LicenseType } from './entities/license.entity';

/**
 * The license type rule, in one place (SPEC section 1). Pure: no database, no clock.
 *
 * - **Provisional first.** Every license issued on a new application is provisional, whatever
 *   licenses the agency held before (an agency whose license expired or was surrendered starts
 *   again provisional).
 * - **Regular on renewal after a clean provisional period.** Renewing a provisional license makes
 *   it regular when no violation was decided against the agency (and the license was never
 *   suspended) during the provisional period; otherwise it stays provisional. A regular license
 *   renews regular.
 * - **Disqualification.** An agency whose license was revoked, and every agency sharing an owner
 *   or an officer with it, may not be licensed again until `LICENSING_DISQUALIFICATION_YEARS`
 *   after the revocation (a clearance check of new applications).
 */
export interface LicenseTypeDecision {
  type: LicenseType;
  /** For the reviewer and the audit log, in English. */
  why: string;
}

export function licenseTypeFor(
  input: { application: 'new' } | { application: 'renewal'; current: LicenseType; violationsInPeriod: readonly string[] },
): LicenseTypeDecision {
  if (input.application === 'new') return { type: 'provisional', why: 'a new license is provisional first' };
  if (input.current === 'regular') return { type: 'regular', why: 'a regular license renews regular' };
  if (input.violationsInPeriod.length === 0) return { type: 'regular', why: 'the provisional period ended without violations' };
  return { type: 'provisional', why: `violations during the provisional period: ${input.violationsInPeriod.join('; ')}` };
}

/** A revocation and the people it disqualifies. */
export interface RevocationRecord {
  agencyId: string;
  licenseNumber: string;
  revokedAt: Date;
  /** Owners and officers of the revoked agency, by name. */
  people: readonly string[];
}

export interface Disqualification {
  licenseNumber: string;
  revokedAt: Date;
  until: Date;
  /** 'agency': the applicant's own license; otherwise the owner or officer shared with the revoked agency. */
  via: 'agency' | { person: string };
}

/** Names compared as people write them: case, accents of spacing and punctuation aside. */
export const personKey = (name: string): string => name.normalize('NFKC').toLowerCase().replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * The disqualifications that hold at `now` for an agency (its id and its owners' and officers'
 * names), from the revocations recorded: its own revoked licenses, and revoked agencies sharing an
 * owner or officer, within `years` of the revocation.
 */
export function disqualificationsOf(
  applicant: { agencyId: string; people: readonly string[] },
  revocations: readonly RevocationRecord[],
  years: number,
  now: Date,
): Disqualification[] {
  const mine = new Set(applicant.people.map(personKey).filter(Boolean));
  const out: Disqualification[] = [];
  for (const r of revocations) {
    const until = DateTime.fromJSDate(r.revokedAt).plus({ years }).toJSDate();
    if (until <= now) continue;
    if (r.agencyId === applicant.agencyId) {
      out.push({ licenseNumber: r.licenseNumber, revokedAt: r.revokedAt, until, via: 'agency' });
      continue;
    }
    const shared = r.people.find((p) => mine.has(personKey(p)));
    if (shared) out.push({ licenseNumber: r.licenseNumber, revokedAt: r.revokedAt, until, via: { person: shared } });
  }
  return out;
}
