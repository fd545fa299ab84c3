import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { ConfigService, WorkCalendar, localDateOf } from '@app/common';
import { CalendarsService, DeadlineFireContext, DeadlineHandler, DeadlineKindDefinition, DeadlineKindHandler, DeadlineOutcome } from '@app/deadlines';
import { Notifications, mailDate } from '@app/notifications';
import { Agency } from '../agency.entity';
import { License } from './entities/license.entity';
import { RenewalStatus } from './extension-points';

export const LICENSE_RENEWAL_REMINDER_KIND = 'license.renewal-reminder';

/** The reminder days of the setting, largest first, e.g. [90, 60, 30, 7]. */
export function renewalReminderDays(config: ConfigService): number[] {
  const days = config
    .get('licensing')
    .LICENSING_RENEWAL_REMINDER_DAYS.split(',')
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d > 0);
  return [...new Set(days)].sort((a, b) => b - a);
}

/** When the first reminder is due: 09:00 local, the first reminder's number of days before the last day. */
export function firstReminderAt(calendar: WorkCalendar, expiresOn: string, days: readonly number[]): Date {
  return DateTime.fromISO(expiresOn, { zone: calendar.timeZone })
    .minus({ days: days[0] ?? 0 })
    .set({ hour: 9, minute: 0, second: 0, millisecond: 0 })
    .toJSDate();
}

/**
 * license.renewal-reminder: one deadline per license validity, started at issue and at each
 * renewal, due at the first reminder (90 days before the last day by default); its levels fire
 * at the next ones (60, 30, 7). Each level 'act's: a reminder to the agency's admins, in their
 * language, unless a renewal is pending or the license is no longer live (escalated: the later
 * levels still fire). Closed when the license is renewed, revoked, surrendered or expires.
 */
@DeadlineKindHandler(LICENSE_RENEWAL_REMINDER_KIND)
@Injectable()
export class LicenseRenewalReminderDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition;
  private readonly days: number[];

  constructor(
    private readonly config: ConfigService,
    private readonly calendars: CalendarsService,
    private readonly renewals: RenewalStatus,
    private readonly notifications: Notifications,
  ) {
    this.days = renewalReminderDays(config);
    this.definition = {
      kind: LICENSE_RENEWAL_REMINDER_KIND,
      description: "Reminds an agency's admins to renew its license before its last day",
      defaultPolicy: {
        durationDays: 0,
        counting: 'calendar',
        reminderShare: null,
        escalations: this.days.map((d) => ({ afterHours: (this.days[0] - d) * 24, actions: ['act'] })),
      },
      supportedActions: ['act'],
    };
  }

  async fire({ manager: m, deadline, actions, now }: DeadlineFireContext): Promise<DeadlineOutcome> {
    if (!actions.includes('act')) return 'nothing';
    const l = await m.findOne(License, { where: { id: deadline.subjectId } });
    if (!l || l.state !== 'active') return 'nothing';
    if (await this.renewals.renewalPending(m, l.id)) return 'nothing';
    const calendar = await this.calendars.calendarOf(this.config.get('licensing').LICENSING_JURISDICTION, m);
    const daysLeft = Math.round(DateTime.fromISO(l.expiresOn).diff(DateTime.fromISO(localDateOf(calendar, now)), 'days').days);
    if (daysLeft < 0) return 'nothing';
    // Which reminder this is (levels that fire late, together, send one mail).
    const reminder = [...this.days].reverse().find((d) => d >= daysLeft) ?? this.days[0];
    const agency = await m.findOneByOrFail(Agency, { id: l.agencyId });
    await this.notifications.enqueue(m, {
      to: { agencyAdmins: l.agencyId },
      template: 'license.renewal-reminder',
      data: { agencyName: agency.legalName, licenseNumber: l.number, expiresOn: mailDate(l.expiresOn), daysLeft },
      dedupKey: `license.renewal-reminder:${l.id}:${l.expiresOn}:${reminder}`,
    });
    return 'escalated';
  }
}
