import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MailValue, Notifications, TemplateKey } from '@app/notifications';
import { Agency } from '../agency.entity';

/**
 * Mail to an agency's admins about its license and its applications, through the outbox in the
 * caller's transaction, each in the admin's language (the audience `{ agencyAdmins }`: the recipient
 * directory resolves it).
 */
@Injectable()
export class LicenseNotices {
  constructor(private readonly notifications: Notifications) {}

  async toAgencyAdmins(m: EntityManager, agencyId: string, template: TemplateKey, data: Record<string, MailValue>, step: string): Promise<void> {
    const agency = await m.findOne(Agency, { where: { id: agencyId } });
    if (!agency) return;
    await this.notifications.enqueue(m, {
      to: { agencyAdmins: agencyId },
      template,
      data: { agencyName: agency.legalName, ...data },
      dedupKey: `${template}:${step}`,
    });
  }
}
