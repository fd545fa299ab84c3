/**
 * The SLA badge of a case in the queues and on the case page: how near its nearest open deadline
 * is. The same three states, and the same 48 hours, as the API's queue filter `deadlineState`
 * (libs/complaints DEADLINE_STATES, DUE_SOON_HOURS), so a badge and a filter never disagree.
 */
import type { MessageKey } from '@app/i18n';

export const DEADLINE_STATES = ['overdue', 'due-soon', 'on-time'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
export const isDeadlineState = (v: unknown): v is DeadlineState => (DEADLINE_STATES as readonly unknown[]).includes(v);

/** A deadline due within this many hours is due soon (the API's DUE_SOON_HOURS). */
export const DUE_SOON_HOURS = 48;

export interface SlaBadge {
  state: DeadlineState | 'none';
  key: MessageKey;
  /** MOJ Frontend badge modifier: red when overdue, grey-blue when due soon, none when on time. */
  classes: string;
}

const BADGES: Record<DeadlineState | 'none', Omit<SlaBadge, 'state'>> = {
  overdue: { key: 'staff.sla.overdue', classes: 'moj-badge--red' },
  'due-soon': { key: 'staff.sla.dueSoon', classes: 'moj-badge--purple' },
  'on-time': { key: 'staff.sla.onTime', classes: 'moj-badge--green' },
  none: { key: 'staff.sla.none', classes: 'moj-badge--grey' },
};

/** The state of a deadline due at `dueAt` (ISO instant; null: no open deadline) as of `now`. */
export function deadlineState(dueAt: string | null, now: Date): DeadlineState | 'none' {
  if (!dueAt) return 'none';
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return 'none';
  if (due < now.getTime()) return 'overdue';
  if (due < now.getTime() + DUE_SOON_HOURS * 3_600_000) return 'due-soon';
  return 'on-time';
}

export function slaBadge(dueAt: string | null, now: Date): SlaBadge {
  const state = deadlineState(dueAt, now);
  return { state, ...BADGES[state] };
}
