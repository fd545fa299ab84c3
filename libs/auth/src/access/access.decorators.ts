import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../roles';
import type { AuthUser } from './auth-user';

export const ACCESS_KEY = 'lcs:access';

export type AccessDeclaration =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'roles'; roles: readonly Role[] };

/** Anyone, signed in or not. A valid token still identifies the caller (`@Actor()`). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessDeclaration);
/** Any signed-in, active user, whatever their role. */
export const Authenticated = () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessDeclaration);
/** Signed-in users holding at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies AccessDeclaration);

/** Who is acting and under which correlation id: what services need to authorise and audit. */
export interface ActorContext {
  user: AuthUser | null;
  correlationId: string;
  ip: string;
}

export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

export const actorFrom = (req: AuthenticatedRequest): ActorContext => ({
  user: req.user ?? null,
  correlationId: String(req.id),
  ip: req.ip,
});

export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): ActorContext =>
  actorFrom(ctx.switchToHttp().getRequest<AuthenticatedRequest>()),
);
