import type { Actor } from '@app/common';

/** The audit log's view of who acted: the user and the role they acted in (their first when not said), or anonymous. */
export function auditActor(actor: Actor, actingRole?: string): { id?: string; role: string } {
  if (!actor.userId) return { role: 'anonymous' };
  return { id: actor.userId, role: actingRole ?? actor.roles[0] };
}
