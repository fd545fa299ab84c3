import type { ActorContext, Role } from '@app/auth';
import { auditActor } from '@app/auth';
import type { FeesActor } from '@app/fees';

/** The signed-in caller as fees needs them; the audit role is the first of `allowed` they hold. */
export function feesActor(actor: ActorContext, allowed: readonly Role[]): FeesActor {
  const user = actor.user!;
  return {
    userId: user.id,
    roles: user.roles,
    agencyId: user.agencyId,
    auditActor: auditActor(actor, user.roles.find((r) => allowed.includes(r))),
    correlationId: actor.correlationId,
  };
}
