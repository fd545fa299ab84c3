import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LANGUAGES, type Language } from '@app/common';
import { type AccountAudience, type Mailbox, type Member, RecipientDirectory } from '@app/notifications';
import { User } from '../users/user.entity';

const languageOf = (u: User): Language => ((LANGUAGES as readonly string[]).includes(u.preferredLanguage) ? u.preferredLanguage : 'en');

/**
 * The recipient directory (libs/notifications' port), implemented once, here, by the library that
 * owns the accounts: who an audience names (an account, an agency's admins, a role's holders,
 * active ones only, ordered by address as the mail loops were) and, when the relay sends, where
 * each account's mail goes now. Provided in every process by RecipientDirectoryModule.
 */
@Injectable()
export class AccountRecipientDirectory extends RecipientDirectory {
  async members(m: EntityManager, audience: AccountAudience): Promise<Member[]> {
    const qb = m.createQueryBuilder(User, 'u').where('u.active');
    if ('user' in audience) qb.andWhere('u.id = :id', { id: audience.user });
    else if ('agencyAdmins' in audience) qb.andWhere(`u.agency_id = :agencyId AND 'agency_admin' = ANY(u.roles)`, { agencyId: audience.agencyAdmins });
    else qb.andWhere(':role = ANY(u.roles)', { role: audience.role });
    const rows = await qb.orderBy('u.email').addOrderBy('u.id').getMany();
    return rows.map((u) => ({ userId: u.id, language: languageOf(u) }));
  }

  async mailboxes(m: EntityManager, userIds: readonly string[]): Promise<Map<string, Mailbox>> {
    if (!userIds.length) return new Map();
    const rows = await m
      .createQueryBuilder(User, 'u')
      .where('u.active AND u.id IN (:...ids)', { ids: [...userIds] })
      .getMany();
    return new Map(rows.map((u) => [u.id, { userId: u.id, email: u.email, language: languageOf(u) }]));
  }
}
