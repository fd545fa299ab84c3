import { WorkCalendar, addBusinessDays, addBusinessMillis, addCalendarDays, businessMillisBetween } from '@app/common';
import { BREACH_LEVEL, DayCounting, PolicyRules, REMINDER_LEVEL } from '../policies/policy-rules';

const HOUR = 3_600_000;

/** The due time of a deadline started at `start` under a policy, before any pause. */
export function dueFrom(calendar: WorkCalendar, rules: Pick<PolicyRules, 'durationDays' | 'counting'>, start: Date): Date {
  return rules.counting === 'business' ? addBusinessDays(calendar, start, rules.durationDays) : addCalendarDays(calendar, start, rules.durationDays);
}

/** Time that counts on the deadline's clock between two instants: business time for business-day policies. */
export function countedMillis(calendar: WorkCalendar, counting: DayCounting, from: Date, to: Date): number {
  return counting === 'business' ? businessMillisBetween(calendar, from, to) : Math.max(0, to.getTime() - from.getTime());
}

/** Moves a due time later by counted time (resuming a paused deadline). */
export function extendBy(calendar: WorkCalendar, counting: DayCounting, due: Date, ms: number): Date {
  if (ms <= 0) return due;
  return counting === 'business' ? addBusinessMillis(calendar, due, ms) : new Date(due.getTime() + ms);
}

export interface TimelinePoint {
  level: number;
  at: Date;
}

/**
 * When each level of a deadline fires: the reminder at `reminderShare` of the counted time from
 * start to due, the breach at due (plus level 1's afterHours), each further level afterHours
 * after the due time.
 */
export function timeline(calendar: WorkCalendar, rules: PolicyRules, start: Date, due: Date): TimelinePoint[] {
  const points: TimelinePoint[] = [];
  if (rules.reminderShare !== null && due > start) {
    const span = countedMillis(calendar, rules.counting, start, due);
    const at =
      rules.counting === 'business'
        ? addBusinessMillis(calendar, start, Math.round(span * rules.reminderShare))
        : new Date(start.getTime() + Math.round(span * rules.reminderShare));
    if (at < due) points.push({ level: REMINDER_LEVEL, at });
  }
  return [...points, ...escalationPoints(rules, due)];
}

/** The breach and the escalation levels after it: they need no calendar (hours after the due time). */
export function escalationPoints(rules: Pick<PolicyRules, 'escalations'>, due: Date): TimelinePoint[] {
  const escalations = rules.escalations.length ? rules.escalations : [{ afterHours: 0, actions: [] }];
  return escalations.map((level, i) => ({ level: BREACH_LEVEL + i, at: new Date(due.getTime() + level.afterHours * HOUR) }));
}

/** The next level to fire at or after `fromLevel`, or null when none is left. */
export function nextPoint(points: TimelinePoint[], fromLevel: number): TimelinePoint | null {
  return points.find((p) => p.level >= fromLevel) ?? null;
}
