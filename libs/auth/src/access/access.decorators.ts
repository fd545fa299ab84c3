import { SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../roles';
import type { AuthUser } from './auth-user';

export const ACCESS_KEY = 'lcs:access';

export type AccessDeclaration = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };

/** Anyone, signed in or not. A valid token still identifies the caller (`@CurrentActor()`). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessDeclaration);
/** Any signed-in, active user, whatever their role. */
export const Authenticated = () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessDeclaration);
/** Signed-in users holding at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies AccessDeclaration);

export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };
