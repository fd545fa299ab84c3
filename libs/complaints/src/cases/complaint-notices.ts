import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Agency } from '@app/agencies';
import { ConfigService, FieldEncryption, fieldAad } from '@app/common';
import { CalendarsService } from '@app/deadlines';
import { Audience, MailDate, mailDateIn, MailValue, Notifications, TemplateKey } from '@app/notifications';
import { Complaint } from '../entities';
import { agencyMaySee } from './agency-visibility';
import { accountCaseLink, trackingLink } from '../intake/references';

/**
 * Mail to the parties of a case, through the outbox in the caller's transaction: the complainant
 * (the address they gave, sealed; else their account) in the case's language, and the agency's
 * admins (the audience `{ agencyAdmins }`). A complainant without an address or account is simply
 * not mailed; they follow the case with the tracking code.
 */
@Injectable()
export class ComplaintNotices {
  constructor(
    private readonly notifications: Notifications,
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
    const to = this.complainant(c);
    if (!to) return;
    // Every mail links to the case's page: in the complainant's account, or "follow your complaint" with the reference.
    const caseUrl = c.complainantUserId
      ? accountCaseLink(this.config.get('auth').AUTH_LINK_BASE_URL, c.id)
      : trackingLink(this.config.get('complaints').COMPLAINTS_TRACKING_URL, c.reference);
    await this.notifications.enqueue(m, {
      to,
      template,
      language: c.language as 'en',
      data: { referenceNumber: c.reference, caseUrl, ...data },
      dedupKey: `${template}:${c.id}:${step}`,
    });
  }

  async toAgency(m: EntityManager, c: Complaint, template: TemplateKey, data: Record<string, MailValue>, step: string): Promise<void> {
    // Never a word to the agency about an inspection it has not been notified of.
    if (!c.agencyId || !agencyMaySee(c)) return;
    const agency = await m.findOneByOrFail(Agency, { id: c.agencyId });
    await this.notifications.enqueue(m, {
      to: { agencyAdmins: c.agencyId },
      template,
      data: { agencyName: agency.legalName, referenceNumber: c.reference, ...data },
      dedupKey: `${template}:${c.id}:${step}`,
    });
  }

  /** The admins of an agency (not about a case: an inspection). */
  async toAgencyOf(m: EntityManager, agencyId: string, template: TemplateKey, data: Record<string, MailValue>, step: string): Promise<void> {
    const agency = await m.findOneByOrFail(Agency, { id: agencyId });
    await this.notifications.enqueue(m, {
      to: { agencyAdmins: agencyId },
      template,
      data: { agencyName: agency.legalName, ...data },
      dedupKey: `${template}:${step}`,
    });
  }

  /** A staff member (or anyone with an account), in their own language; a disabled account gets nothing. */
  async toUser(m: EntityManager, userId: string, template: TemplateKey, data: Record<string, MailValue>, dedupKey: string): Promise<void> {
    await this.notifications.enqueue(m, { to: { user: userId }, template, data, dedupKey });
  }

  /** The address the complainant gave (sealed on the case, sealed again in the outbox), else their account; null when neither. */
  private complainant(c: Complaint): Audience | null {
    if (c.contactEmailEnc)
      return { address: this.crypto.decrypt(c.contactEmailEnc, fieldAad('complaint', c.id, 'contact_email')), userId: c.complainantUserId ?? undefined };
    if (c.complainantUserId) return { user: c.complainantUserId };
    return null;
  }
}
