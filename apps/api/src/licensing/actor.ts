import type { LicensingActor } from '@app/agencies';
import type { ActorContext } from '@app/auth';

/** The signed-in caller as licensing needs them (routes using it are never public). */
export const licensingActor = (actor: ActorContext): LicensingActor => ({
  userId: actor.user!.id,
  roles: actor.user!.roles,
  agencyId: actor.user!.agencyId,
  correlationId: actor.correlationId,
});
