import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgencyAdminRecipients, type Recipient } from '@app/notifications';
import { User } from './user.entity';

/** An agency's notices (escrow, renewal reminders, refund orders) go to its active agency admins, each in their own language. Provided in both processes. */
@Injectable()
export class AccountAgencyAdminRecipients extends AgencyAdminRecipients {
  async agencyAdmins(m: EntityManager, agencyId: string): Promise<Recipient[]> {
    const rows = await m
      .createQueryBuilder(User, 'u')
      .where(`u.active AND u.agency_id = :agencyId AND 'agency_admin' = ANY(u.roles)`, { agencyId })
      .orderBy('u.email')
      .getMany();
    return rows.map((u) => ({ userId: u.id, email: u.email, language: u.preferredLanguage }));
  }
}

@Global()
@Module({ providers: [{ provide: AgencyAdminRecipients, useClass: AccountAgencyAdminRecipients }], exports: [AgencyAdminRecipients] })
export class AgencyAdminRecipientsModule {}
