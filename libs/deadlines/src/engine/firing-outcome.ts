import type { Deadline, DeadlineState } from '../entities/deadline.entity';
import { DEADLINE_OUTCOMES, DeadlineOutcome } from '../handlers/deadline-handler';
import { BREACH_LEVEL, PolicyRules } from '../policies/policy-rules';
import { fireAction, transition } from './deadline-transitions';
import { escalationPoints, nextPoint } from './timeline';

/** What the engine writes into a deadline row after one of its levels fired. */
export interface RowAfterFiring {
  state: DeadlineState;
  version: number;
  nextLevel: number;
  nextFireAt: Date | null;
  breachedAt: Date | null;
  closedAt: Date | null;
}

export class DeadlineOutcomeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineOutcomeError';
  }
}

/**
 * The row after level `level` fired and the kind's handler answered `outcome`: the engine alone
 * decides it (the handler never writes the row).
 * - the level's step first: the reminder leaves it pending, the breach makes it breached (and
 *   records when), an escalation keeps it breached;
 * - `acted`: then it is closed as met (`closed_at` now), nothing left to fire;
 * - `escalated` or `nothing`: it stays at the step, with the next level of the policy scheduled
 *   (none left: `next_fire_at` null, open until the domain meets or cancels it).
 * Every firing bumps the version, so the jobs queued for the old one do nothing.
 */
export function rowAfterFiring(
  d: Pick<Deadline, 'id' | 'kind' | 'state' | 'version' | 'dueAt' | 'breachedAt' | 'closedAt'>,
  level: number,
  outcome: DeadlineOutcome,
  rules: Pick<PolicyRules, 'escalations'>,
  now: Date,
): RowAfterFiring {
  if (!DEADLINE_OUTCOMES.includes(outcome)) {
    throw new DeadlineOutcomeError(
      `The handler of deadline kind ${d.kind} answered ${JSON.stringify(outcome)} for deadline ${d.id}; expected one of ${DEADLINE_OUTCOMES.join(', ')}`,
    );
  }
  const step = transition(fireAction(level), d.state);
  if (!step) throw new DeadlineOutcomeError(`Deadline ${d.id} (${d.kind}) is ${d.state}: level ${level} cannot fire`);
  const breachedAt = level === BREACH_LEVEL ? now : d.breachedAt;
  if (outcome === 'acted') {
    return { state: transition('act', step)!, version: d.version + 1, nextLevel: level + 1, nextFireAt: null, breachedAt, closedAt: now };
  }
  const next = nextPoint(escalationPoints(rules, d.dueAt), level + 1);
  return { state: step, version: d.version + 1, nextLevel: next?.level ?? level + 1, nextFireAt: next?.at ?? null, breachedAt, closedAt: d.closedAt };
}
