import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LANGUAGES, type Language, type Role } from '@app/common';
import { preparedQuery } from '@app/database';
import { User } from '../users/user.entity';

/** What other libraries may know of an active account. */
export interface AccountSummary {
  id: string;
  email: string;
  displayName: string;
  language: Language;
}

/** Which active accounts to find: all conditions given must hold. */
export interface AccountQuery {
  ids?: readonly string[];
  role?: Role;
  /** Compared case-insensitively (addresses are stored lower-cased). */
  email?: string;
}

/**
 * The ids of the active holders of a role, as a SQL expression (uuid[], ordered by id) for a
 * statement that needs them in its own round trip: filing reads them with the case's serial and
 * the least-loaded inspector (libs/complaints, registration.ts). `role` is a placeholder of the
 * caller's statement ('$2') bound to a Role.
 */
export const activeIdsWithRoleSql = (role: string): string => `ARRAY(SELECT id FROM app_user WHERE active AND ${role}::text = ANY(roles) ORDER BY id)`;

/**
 * The non-mail reads other libraries make of accounts (is this an active inspector? the
 * inspectors' names for the workloads; the worker account of an address), so that no library
 * but this one reads `app_user`. Mail goes through the RecipientDirectory instead. Provided in
 * every process by RecipientDirectoryModule.
 */
@Injectable()
export class Accounts {
  /** Active accounts matching every condition given, ordered by display name then id. An empty `ids` finds none. */
  async active(m: EntityManager, query: AccountQuery): Promise<AccountSummary[]> {
    if (query.ids && !query.ids.length) return [];
    const qb = m.createQueryBuilder(User, 'u').where('u.active');
    if (query.ids) qb.andWhere('u.id IN (:...ids)', { ids: [...query.ids] });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.email !== undefined) qb.andWhere('lower(u.email) = lower(:email)', { email: query.email.trim() });
    const rows = await qb.orderBy('u.display_name').addOrderBy('u.id').getMany();
    return rows.map((u) => ({
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      language: (LANGUAGES as readonly string[]).includes(u.preferredLanguage) ? u.preferredLanguage : 'en',
    }));
  }

  /** The ids of the active holders of a role (filing reads them inside its own statement: activeIdsWithRoleSql). */
  async activeIdsWithRole(m: EntityManager, role: Role): Promise<string[]> {
    const [row] = await preparedQuery<{ ids: string[] }>(m, `SELECT ${activeIdsWithRoleSql('$1')} AS ids`, [role]);
    return row.ids;
  }

  /** Whether any account, active or not, has this address (as stored: trimmed, lower-cased). */
  async emailTaken(m: EntityManager, email: string): Promise<boolean> {
    return (await m.createQueryBuilder(User, 'u').where('u.email = :email', { email }).getCount()) > 0;
  }
}
