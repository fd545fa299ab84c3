import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { User } from '@app/auth';
import { DeadlineRecipients, Recipient } from '@app/deadlines';

/** Deadline notifications address accounts: the assignee by id, the active supervisors. */
@Injectable()
export class AccountRecipients extends DeadlineRecipients {
  async user(m: EntityManager, userId: string): Promise<Recipient | null> {
    const u = await m.findOne(User, { where: { id: userId, active: true } });
    return u ? { userId: u.id, email: u.email, language: u.preferredLanguage } : null;
  }

  async supervisors(m: EntityManager): Promise<Recipient[]> {
    const rows = await m
      .createQueryBuilder(User, 'u')
      .where(`u.active AND 'supervisor' = ANY(u.roles)`)
      .orderBy('u.email')
      .getMany();
    return rows.map((u) => ({ userId: u.id, email: u.email, language: u.preferredLanguage }));
  }
}

@Global()
@Module({ providers: [{ provide: DeadlineRecipients, useClass: AccountRecipients }], exports: [DeadlineRecipients] })
export class DeadlineRecipientsModule {}
