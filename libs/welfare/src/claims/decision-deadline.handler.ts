import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/common';
import { DeadlineHandler, DeadlineKindDefinition, DeadlineKindHandler, DeadlineOutcome } from '@app/deadlines';
import { WELFARE_DECISION_KIND } from './welfare-claims.service';

/** `welfare.decision`: 30 days to decide a claim (paused while documents are requested); missed, the supervisors are told. */
@DeadlineKindHandler(WELFARE_DECISION_KIND)
@Injectable()
export class WelfareDecisionDeadline implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition;

  constructor(config: ConfigService) {
    this.definition = {
      kind: WELFARE_DECISION_KIND,
      description: 'Decide a welfare claim (approve or reject); paused while documents are requested',
      defaultPolicy: {
        durationDays: config.get('welfare').WELFARE_DECISION_DAYS,
        counting: 'calendar',
        reminderShare: 0.8,
        escalations: [{ afterHours: 0, actions: ['notify-supervisors'] }],
      },
      supportedActions: [],
    };
  }

  /** The engine's mail is all a missed decision does. */
  async fire(): Promise<DeadlineOutcome> {
    return 'nothing';
  }
}
