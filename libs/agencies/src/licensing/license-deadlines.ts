import { Injectable } from '@nestjs/common';
import { DeadlineFireContext, DeadlineHandler, DeadlineKindDefinition, DeadlineKindHandler } from '@app/deadlines';
import { LICENSE_EXPIRY_KIND, LICENSE_SUSPENSION_END_KIND, LicensingService } from './licensing.service';

/**
 * license.expiry: due at the end of the license's last day (23:59:59.999 in the jurisdiction's
 * zone, fixed by issueLicense). Its breach level 'act's: the license expires, unless a renewal is
 * pending (RenewalStatus).
 */
@DeadlineKindHandler()
@Injectable()
export class LicenseExpiryDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition = {
    kind: LICENSE_EXPIRY_KIND,
    description: 'A license expires at the end of its last day unless a renewal is pending',
    defaultPolicy: { durationDays: 0, counting: 'calendar', reminderShare: null, escalations: [{ afterHours: 0, actions: ['act'] }] },
    supportedActions: ['act'],
  };

  constructor(private readonly licensing: LicensingService) {}

  async fire({ manager, deadline, actions, now, correlationId }: DeadlineFireContext): Promise<void> {
    if (!actions.includes('act')) return;
    await this.licensing.expireByDeadline(manager, deadline.subjectId, now, correlationId);
  }
}

/** license.suspension-end: due when the suspension ends (set by the supervisor); 'act' lifts it. */
@DeadlineKindHandler()
@Injectable()
export class LicenseSuspensionEndDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition = {
    kind: LICENSE_SUSPENSION_END_KIND,
    description: 'A suspended license becomes active again when its suspension ends',
    defaultPolicy: { durationDays: 0, counting: 'calendar', reminderShare: null, escalations: [{ afterHours: 0, actions: ['act'] }] },
    supportedActions: ['act'],
  };

  constructor(private readonly licensing: LicensingService) {}

  async fire({ manager, deadline, actions, now, correlationId }: DeadlineFireContext): Promise<void> {
    if (!actions.includes('act')) return;
    await this.licensing.liftByDeadline(manager, deadline.subjectId, now, correlationId);
  }
}
