import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Agency } from '@app/agencies';
import { ConfigService, FieldEncryption, fieldAad } from '@app/common';
import { CalendarsService } from '@app/deadlines';
import { AgencyAdminRecipients, MailDate, mailDateIn, MailValue, Notifications, TemplateKey } from '@app/notifications';
import { Complaint } from '../entities';
import { agencyMaySee } from './agency-visibility';
import { accountCaseLink, trackingLink } from '../intake/references';

/**
 * Mail to the parties of a case, through the outbox in the caller's transaction: the complainant
 * (the address they gave, or their account's) in their language, and the agency's admins. A
 * complainant without an address is simply not mailed; they follow the case with the tracking code.
 */
@Injectable()
export class ComplaintNotices {
  constructor(
    private readonly notifications: Notifications,
    private readonly recipients: AgencyAdminRecipients,
    private readonly crypto: FieldEncryption,
    private readonly calendars: CalendarsService,
    private readonly config: ConfigService,
  ) {}

  /** The local day of an instant in the case's jurisdiction (the mail writes it in the reader's language). */
  async day(m: EntityManager, c: Complaint, at: Date | string): Promise<MailDate> {
    const zone = (await this.calendars.calendarOf(c.jurisdictionCode, m)).timeZone;
    return mailDateIn(at, zone);
  }

  async toComplainant(m: EntityManager, c: Complaint, template: TemplateKey, data: Record<string, MailValue>, step: string): Promise<void> {
    const to = await this.complainantAddress(m, c);
    if (!to) return;
    // Every mail links to the case's page: in the complainant's account, or "follow your complaint" with the reference.
    const caseUrl = c.complainantUserId ? accountCaseLink(this.config.get('auth').AUTH_LINK_BASE_URL, c.id) : trackingLink(this.config.get('complaints').COMPLAINTS_TRACKING_URL, c.reference);
    await this.notifications.enqueue(m, { to: to.email, userId: to.userId ?? undefined, template, language: c.language as 'en', data: { referenceNumber: c.reference, caseUrl, ...data }, dedupKey: `${template}:${c.id}:${step}` });
  }

  async toAgency(m: EntityManager, c: Complaint, template: TemplateKey, data: Record<string, MailValue>, step: string): Promise<void> {
    // Never a word to the agency about an inspection it has not been notified of.
    if (!c.agencyId || !agencyMaySee(c)) return;
    const agency = await m.findOneByOrFail(Agency, { id: c.agencyId });
    for (const admin of await this.recipients.agencyAdmins(m, c.agencyId)) {
      await this.notifications.enqueue(m, {
        to: admin.email,
        userId: admin.userId,
        template,
        language: admin.language as 'en',
        data: { agencyName: agency.legalName, referenceNumber: c.reference, ...data },
        dedupKey: `${template}:${c.id}:${step}:${admin.userId}`,
      });
    }
  }

  /** The admins of an agency (not about a case: an inspection). */
  async toAgencyOf(m: EntityManager, agencyId: string, template: TemplateKey, data: Record<string, MailValue>, step: string): Promise<void> {
    const agency = await m.findOneByOrFail(Agency, { id: agencyId });
    for (const admin of await this.recipients.agencyAdmins(m, agencyId)) {
      await this.notifications.enqueue(m, { to: admin.email, userId: admin.userId, template, language: admin.language as 'en', data: { agencyName: agency.legalName, ...data }, dedupKey: `${template}:${step}:${admin.userId}` });
    }
  }

  async toUser(m: EntityManager, userId: string, template: TemplateKey, data: Record<string, MailValue>, dedupKey: string): Promise<void> {
    const [u] = (await m.query(`SELECT email, preferred_language FROM app_user WHERE id = $1 AND active`, [userId])) as { email: string; preferred_language: string }[];
    if (!u) return;
    await this.notifications.enqueue(m, { to: u.email, userId, template, language: u.preferred_language as 'en', data, dedupKey });
  }

  private async complainantAddress(m: EntityManager, c: Complaint): Promise<{ email: string; userId: string | null } | null> {
    if (c.contactEmailEnc) return { email: this.crypto.decrypt(c.contactEmailEnc, fieldAad('complaint', c.id, 'contact_email')), userId: c.complainantUserId };
    if (c.complainantUserId) {
      const [u] = (await m.query(`SELECT email FROM app_user WHERE id = $1 AND active`, [c.complainantUserId])) as { email: string }[];
      if (u) return { email: u.email, userId: c.complainantUserId };
    }
    return null;
  }
}
