import { ApiProperty } from '@nestjs/swagger';

/**
 * What an SLA policy says, as plain data (stored as columns and jsonb of `sla_policy`, edited by
 * admins, seeded from each deadline kind's defaults).
 */

/** What an escalation level does. The engine sends the notifications; the kind's handler does the rest. */
export const ESCALATION_ACTIONS = ['notify-assignee', 'notify-supervisors', 'raise-priority', 'move-to-supervisors-queue', 'act'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

/** Actions the engine carries out itself, for any kind. */
export const ENGINE_ACTIONS: readonly EscalationAction[] = ['notify-assignee', 'notify-supervisors'];

/** The OpenAPI description of a level's `actions`, shared by the policy view and the admin's request. */
export const ESCALATION_ACTIONS_PROPERTY = {
  enum: ESCALATION_ACTIONS,
  enumName: 'EscalationAction',
  enumSchema: {
    description:
      "What an escalation level does. `notify-assignee`, `notify-supervisors`: mail (the engine, any kind); `raise-priority`, `move-to-supervisors-queue`, `act`: done by the kind's handler, for kinds that support them.",
  },
  isArray: true,
  minItems: 1,
  uniqueItems: true,
  example: ['notify-assignee', 'notify-supervisors'],
  description:
    "What the level does. `notify-assignee` and `notify-supervisors` are the engine's (any kind); `raise-priority`, `move-to-supervisors-queue` " +
    'and `act` only for kinds whose handler supports them (`supportedActions`; another action is a 400 `validation-failed` naming the level).',
} as const;

export class EscalationLevel {
  /** Hours after the breach at which this level fires (level 1 usually 0: at the breach). */
  @ApiProperty({
    minimum: 0,
    maximum: 87_600,
    example: 0,
    description: 'Hours after the breach at which this level fires (level 1 usually 0: at the breach); later than the level before it. Fractions allowed.',
  })
  afterHours: number;

  @ApiProperty(ESCALATION_ACTIONS_PROPERTY)
  actions: EscalationAction[];
}

export type DayCounting = 'calendar' | 'business';

export interface PolicyRules {
  /** How long the subject has; ignored by kinds whose callers give the due time themselves. */
  durationDays: number;
  counting: DayCounting;
  /** Share of the time at which a reminder fires (0.8 = at 80%); null for no reminder. */
  reminderShare: number | null;
  /** Level 1 fires at the breach (plus its afterHours), level 2 after it, and so on. */
  escalations: EscalationLevel[];
}

/**
 * Levels of a deadline's life, in firing order: 0 is the reminder, 1 the breach (with the first
 * escalation level's actions), n >= 2 the n-th escalation level. A job id is made of the deadline
 * id, its version and this level.
 */
export const REMINDER_LEVEL = 0;
export const BREACH_LEVEL = 1;

/** Problems with a policy an admin wrote, as field paths and messages; empty when valid. */
export function policyProblems(rules: PolicyRules, supportedActions: readonly EscalationAction[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!Number.isInteger(rules.durationDays) || rules.durationDays < 0 || rules.durationDays > 3650) {
    problems.push({ field: 'durationDays', message: 'must be a whole number of days from 0 to 3650' });
  }
  if (rules.reminderShare !== null && !(rules.reminderShare > 0 && rules.reminderShare < 1)) {
    problems.push({ field: 'reminderShare', message: 'must be between 0 and 1 (exclusive), or null for no reminder' });
  }
  let previous = -1;
  rules.escalations.forEach((level, i) => {
    if (!(level.afterHours >= 0) || level.afterHours > 24 * 3650) {
      problems.push({ field: `escalations[${i}].afterHours`, message: 'must be 0 or more hours' });
    } else if (level.afterHours <= previous) {
      problems.push({ field: `escalations[${i}].afterHours`, message: 'must be later than the level before it' });
    }
    previous = level.afterHours;
    if (level.actions.length === 0) problems.push({ field: `escalations[${i}].actions`, message: 'must name at least one action' });
    for (const action of level.actions) {
      if (!ENGINE_ACTIONS.includes(action) && !supportedActions.includes(action)) {
        problems.push({ field: `escalations[${i}].actions`, message: `${action} is not something this kind of deadline can do` });
      }
    }
  });
  return problems;
}
