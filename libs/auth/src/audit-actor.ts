import type { ActorContext } from './access/access.decorators';

/** The audit log's view of who acted: the user and the role they acted in, or anonymous. */
export function auditActor(actor: ActorContext, actingRole?: string): { id?: string; role: string } {
  if (!actor.user) return { role: 'anonymous' };
  return { id: actor.user.id, role: actingRole ?? actor.user.roles[0] };
}
