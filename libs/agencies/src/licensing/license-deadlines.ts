import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeadlineFireContext, DeadlineHandler, DeadlineKindDefinition, DeadlineKindHandler, DeadlineOutcome, lockSubjectRows } from '@app/deadlines';
import { License } from './entities/license.entity';
import { LICENSE_EXPIRY_KIND, LICENSE_SUSPENSION_END_KIND, LicensingService } from './licensing.service';

/**
 * license.expiry: due at the end of the license's last day (23:59:59.999 in the jurisdiction's
 * zone, fixed by issueLicense). Its breach level 'act's: the license expires (acted: the engine
 * closes the deadline), unless a renewal is pending (RenewalStatus): then the deadline stays
 * breached until the renewal's decision meets it (approved) or expires the license (rejected).
 */
@DeadlineKindHandler(LICENSE_EXPIRY_KIND)
@Injectable()
export class LicenseExpiryDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition = {
    kind: LICENSE_EXPIRY_KIND,
    description: 'A license expires at the end of its last day unless a renewal is pending',
    defaultPolicy: { durationDays: 0, counting: 'calendar', reminderShare: null, escalations: [{ afterHours: 0, actions: ['act'] }] },
    supportedActions: ['act'],
  };

  constructor(private readonly licensing: LicensingService) {}

  /** The license before its deadline, as its own moves lock them. */
  lockSubjects(m: EntityManager, subjectIds: readonly string[], mode: 'wait' | 'skip'): Promise<string[]> {
    return lockSubjectRows(m, License, subjectIds, mode);
  }

  async fire({ manager, deadline, actions, now, correlationId }: DeadlineFireContext): Promise<DeadlineOutcome> {
    if (!actions.includes('act')) return 'nothing';
    const result = await this.licensing.expireByDeadline(manager, deadline.subjectId, now, correlationId);
    return result === 'expired' ? 'acted' : 'nothing';
  }
}

/** license.suspension-end: due when the suspension ends (set by the supervisor); 'act' lifts it (acted: the engine closes the deadline). */
@DeadlineKindHandler(LICENSE_SUSPENSION_END_KIND)
@Injectable()
export class LicenseSuspensionEndDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition = {
    kind: LICENSE_SUSPENSION_END_KIND,
    description: 'A suspended license becomes active again when its suspension ends',
    defaultPolicy: { durationDays: 0, counting: 'calendar', reminderShare: null, escalations: [{ afterHours: 0, actions: ['act'] }] },
    supportedActions: ['act'],
  };

  constructor(private readonly licensing: LicensingService) {}

  /** The license before its deadline, as its own moves lock them. */
  lockSubjects(m: EntityManager, subjectIds: readonly string[], mode: 'wait' | 'skip'): Promise<string[]> {
    return lockSubjectRows(m, License, subjectIds, mode);
  }

  async fire({ manager, deadline, actions, now, correlationId }: DeadlineFireContext): Promise<DeadlineOutcome> {
    if (!actions.includes('act')) return 'nothing';
    return (await this.licensing.liftByDeadline(manager, deadline.subjectId, now, correlationId)) ? 'acted' : 'nothing';
  }
}

export const APPLICATION_REVIEW_KIND = 'license.application-review';
export const RENEWAL_DECISION_KIND = 'license.renewal-decision';

/**
 * The review of a new license application, from its first submission until it is approved or
 * rejected; paused while it is returned to the agency for correction. Breached: the reviewer and
 * the supervisors are told; a week later the supervisors again. Nothing to do besides the mail.
 */
@DeadlineKindHandler(APPLICATION_REVIEW_KIND)
@Injectable()
export class ApplicationReviewDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition = {
    kind: APPLICATION_REVIEW_KIND,
    description: 'Review a new license application and decide it (from submission; paused while returned for correction)',
    defaultPolicy: {
      durationDays: 30,
      counting: 'calendar',
      reminderShare: 0.8,
      escalations: [
        { afterHours: 0, actions: ['notify-assignee', 'notify-supervisors'] },
        { afterHours: 168, actions: ['notify-supervisors'] },
      ],
    },
    supportedActions: [],
  };

  async fire(): Promise<DeadlineOutcome> {
    return 'nothing';
  }
}

/**
 * The decision on a renewal, from its filing until it is approved or rejected; paused while
 * returned for correction. A renewal filed in time keeps the license valid until decided, so a
 * late decision is escalated: the reviewer and the supervisors at the breach, the supervisors
 * again three days later.
 */
@DeadlineKindHandler(RENEWAL_DECISION_KIND)
@Injectable()
export class RenewalDecisionDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition = {
    kind: RENEWAL_DECISION_KIND,
    description: 'Decide a license renewal (from filing; paused while returned for correction)',
    defaultPolicy: {
      durationDays: 30,
      counting: 'calendar',
      reminderShare: 0.8,
      escalations: [
        { afterHours: 0, actions: ['notify-assignee', 'notify-supervisors'] },
        { afterHours: 72, actions: ['notify-supervisors'] },
      ],
    },
    supportedActions: [],
  };

  async fire(): Promise<DeadlineOutcome> {
    return 'nothing';
  }
}
