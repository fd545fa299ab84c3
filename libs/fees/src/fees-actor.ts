import type { AuditActor } from '@app/audit';

/** Who acts on fees, as the services need them (built by the HTTP layer from the signed-in user). */
export interface FeesActor {
  userId: string | null;
  roles: readonly string[];
  /** Set for agency users: they see and act on their own agency's records only. */
  agencyId: string | null;
  auditActor: AuditActor;
  correlationId?: string;
}
