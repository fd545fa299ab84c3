import { Actor, NotFoundException } from '@app/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AGENCY_ROLES, MINISTRY_ROLES, Role } from '../roles';

/**
 * Object-level access, in one place. Every module limits what a caller may see with these:
 * ministry staff see every agency's records, an agency user only their agency's, a worker only
 * their own, and anyone else nothing. A record outside the caller's scope is "not found" (404),
 * never "forbidden", so its existence is not revealed.
 */
type Caller = Pick<Actor, 'userId' | 'roles' | 'agencyId'> | null;

export const isMinistry = (user: Caller): boolean => !!user?.roles.some((r) => MINISTRY_ROLES.includes(r));
export const isAgencyUser = (user: Caller): boolean => !!user?.roles.some((r) => AGENCY_ROLES.includes(r));
export const hasRole = (user: Caller, ...roles: Role[]): boolean => !!user?.roles.some((r) => roles.includes(r));

export interface ScopeColumns {
  /** The column holding the owning agency's id, e.g. `c.agency_id`. */
  agency?: string;
  /** The column holding the owning worker's user id, e.g. `c.worker_user_id`. */
  owner?: string;
}

/** Adds the caller's scope to a query; a caller with no scope gets no rows. */
export function scopeQuery<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, user: Caller, columns: ScopeColumns): SelectQueryBuilder<T> {
  if (isMinistry(user)) return qb;
  if (isAgencyUser(user) && columns.agency && user!.agencyId) {
    return qb.andWhere(`${columns.agency} = :scopeAgencyId`, { scopeAgencyId: user!.agencyId });
  }
  if (hasRole(user, 'worker') && columns.owner) {
    return qb.andWhere(`${columns.owner} = :scopeOwnerId`, { scopeOwnerId: user!.userId });
  }
  return qb.andWhere('false');
}

/** Throws 404 unless the record is within the caller's scope. */
export function assertInScope(user: Caller, record: { agencyId?: string | null; ownerId?: string | null } | null | undefined, what: string): asserts record {
  if (!record) throw new NotFoundException(what);
  if (isMinistry(user)) return;
  if (isAgencyUser(user) && record.agencyId && record.agencyId === user!.agencyId) return;
  if (hasRole(user, 'worker') && record.ownerId && record.ownerId === user!.userId) return;
  throw new NotFoundException(what);
}
