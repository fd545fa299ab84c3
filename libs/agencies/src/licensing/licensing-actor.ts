import type { AuditActor } from '@app/audit';
import type { LicenseActor } from './license-transitions';

/** Who is acting on a license, as licensing needs it (built from the request by the HTTP layer). */
export interface LicensingActor {
  /** The acting user; null for the system (a deadline, the demo seed). */
  userId: string | null;
  /** The roles held, or ['system']. */
  roles: readonly LicenseActor[];
  /** An agency user's agency: what they act on must be theirs (404 otherwise). */
  agencyId: string | null;
  correlationId: string | null;
}

export const systemActor = (correlationId: string | null = null): LicensingActor => ({ userId: null, roles: ['system'], agencyId: null, correlationId });

/** The audit log's view: the user and the role they acted in (the first of theirs the rule accepts), or the system. */
export function auditActorOf(actor: LicensingActor, accepted?: readonly LicenseActor[]): AuditActor {
  if (!actor.userId) return 'system';
  const role = (accepted && actor.roles.find((r) => accepted.includes(r))) || actor.roles[0];
  return { id: actor.userId, role };
}
