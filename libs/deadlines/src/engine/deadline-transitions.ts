import type { DeadlineState } from '../entities/deadline.entity';

/** The deadline lifecycle, in one table: which action may move a deadline from which state to which. */
export const DEADLINE_TRANSITIONS = {
  pause: { pending: 'paused', breached: 'paused' },
  resume: { paused: 'pending' /* or back to breached: see resumedState */ },
  meet: { pending: 'met', paused: 'met', breached: 'met' },
  cancel: { pending: 'cancelled', paused: 'cancelled', breached: 'cancelled' },
  remind: { pending: 'pending' },
  breach: { pending: 'breached' },
  escalate: { breached: 'breached' },
  /** A level's handler answered `acted` (the kind's action is done): after the level's step, it is over. */
  act: { pending: 'met', breached: 'met' },
} as const satisfies Record<string, Partial<Record<DeadlineState, DeadlineState>>>;

export type DeadlineAction = keyof typeof DEADLINE_TRANSITIONS;

/** The state after `action`, or null when the action is not allowed from `from`. */
export function transition(action: DeadlineAction, from: DeadlineState): DeadlineState | null {
  return (DEADLINE_TRANSITIONS[action] as Partial<Record<DeadlineState, DeadlineState>>)[from] ?? null;
}

/** A resumed deadline returns to breached when it had already breached before the pause. */
export const resumedState = (breachedAt: Date | null): DeadlineState => (breachedAt ? 'breached' : 'pending');

/** The action a firing level stands for. */
export const fireAction = (level: number): DeadlineAction => (level === 0 ? 'remind' : level === 1 ? 'breach' : 'escalate');
