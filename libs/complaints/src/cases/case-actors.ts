import type { Actor, Role } from '@app/common';
import type { ComplaintActor } from '../lifecycle/complaint-transitions';
import type { InspectionActorContext } from '../inspections/inspections.service';
import type { LifecycleActor } from './complaint-lifecycle.service';

const CASE_ROLES: readonly ComplaintActor[] = ['inspector', 'supervisor', 'agency_admin', 'agency_staff'];

/** Ministry or agency staff acting on a case, in the roles of theirs the route accepts. */
export function caseActor(actor: Actor, accepted: readonly Role[]): LifecycleActor {
  const roles = actor.roles.filter((r): r is Role & ComplaintActor => accepted.includes(r) && (CASE_ROLES as readonly string[]).includes(r));
  return { userId: actor.userId, roles, agencyId: actor.agencyId, auditActor: actor.auditActor, correlationId: actor.correlationId };
}

/** A worker acting as the complainant of their own case (the lifecycle refuses another's: 404). */
export function complainantActor(actor: Actor): LifecycleActor & { complainantUserId: string } {
  if (!actor.userId) throw new Error('complaints: a complainant acts from their account');
  return {
    userId: actor.userId,
    roles: ['complainant'],
    agencyId: null,
    complainantUserId: actor.userId,
    auditActor: actor.auditActor,
    correlationId: actor.correlationId,
  };
}

/** Ministry staff acting on an inspection, in the roles of theirs the route accepts. */
export function inspectionActor(actor: Actor, accepted: readonly Role[]): InspectionActorContext {
  const roles = actor.roles.filter((r): r is 'inspector' | 'supervisor' => accepted.includes(r) && (r === 'inspector' || r === 'supervisor'));
  return { userId: actor.userId, roles, auditActor: actor.auditActor, correlationId: actor.correlationId };
}
