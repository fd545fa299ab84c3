import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@app/common';
import { ACCESS_KEY, AccessDeclaration, AuthenticatedRequest } from './access.decorators';

/**
 * The caller of a request as services take them (one `Actor`). The audit role is the first of
 * the user's roles that the route accepts: those of its `@Roles(...)`, or those given here
 * (`@CurrentActor(['admin'])`) when the route's list is wider than the role the operation is
 * done in. A route open to any signed-in user records their first role; an anonymous caller is
 * `anonymous`.
 */
export const CurrentActor = createParamDecorator((actingAs: readonly Role[] | undefined, ctx: ExecutionContext): Actor => {
  const declared =
    (Reflect.getMetadata(ACCESS_KEY, ctx.getHandler()) as AccessDeclaration | undefined) ??
    (Reflect.getMetadata(ACCESS_KEY, ctx.getClass()) as AccessDeclaration | undefined);
  return actorOf(ctx.switchToHttp().getRequest<AuthenticatedRequest>(), actingAs ?? (declared?.kind === 'roles' ? declared.roles : undefined));
});

/** The `Actor` of a request; `accepted`: the roles the operation may be done in (the audit role is the first of the user's among them). */
export function actorOf(req: AuthenticatedRequest, accepted?: readonly Role[]): Actor {
  const user = req.user;
  const base = { correlationId: String(req.id), ip: req.ip };
  if (!user) return { ...base, userId: null, roles: [], agencyId: null, sessionId: null, auditActor: { role: 'anonymous' }, language: null };
  const role = (accepted && user.roles.find((r) => accepted.includes(r))) ?? user.roles[0];
  return {
    ...base,
    userId: user.id,
    roles: user.roles,
    agencyId: user.agencyId,
    sessionId: user.sessionId,
    auditActor: { id: user.id, role },
    language: user.preferredLanguage,
  };
}
