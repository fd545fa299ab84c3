import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgencyAdminRecipients, MailValue, Notifications, TemplateKey } from '@app/notifications';
import { Agency } from '../agency.entity';

/**
 * Mail to an agency's admins about its license and its applications, through the outbox in the
 * caller's transaction, each in the admin's language. Both processes provide AgencyAdminRecipients
 * (AgencyAdminRecipientsModule); a process without it (the seed command) sends nothing.
 */
@Injectable()
export class LicenseNotices {
  constructor(
    private readonly notifications: Notifications,
    @Optional() private readonly recipients?: AgencyAdminRecipients,
  ) {}

  async toAgencyAdmins(m: EntityManager, agencyId: string, template: TemplateKey, data: Record<string, MailValue>, step: string): Promise<void> {
    if (!this.recipients) return;
    const agency = await m.findOne(Agency, { where: { id: agencyId } });
    if (!agency) return;
    for (const admin of await this.recipients.agencyAdmins(m, agencyId)) {
      await this.notifications.enqueue(m, {
        to: admin.email,
        userId: admin.userId,
        template,
        language: admin.language as 'en',
        data: { agencyName: agency.legalName, ...data },
        dedupKey: `${template}:${step}:${admin.userId}`,
      });
    }
  }
}
