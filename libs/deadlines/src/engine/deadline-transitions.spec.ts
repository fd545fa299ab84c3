import { DEADLINE_STATES, DeadlineState } from '../entities/deadline.entity';
import { DEADLINE_TRANSITIONS, DeadlineAction, fireAction, resumedState, transition } from './deadline-transitions';

const allowed: Record<DeadlineAction, Partial<Record<DeadlineState, DeadlineState>>> = {
  pause: { pending: 'paused', breached: 'paused' },
  resume: { paused: 'pending' },
  meet: { pending: 'met', paused: 'met', breached: 'met' },
  cancel: { pending: 'cancelled', paused: 'cancelled', breached: 'cancelled' },
  remind: { pending: 'pending' },
  breach: { pending: 'breached' },
  escalate: { breached: 'breached' },
  act: { pending: 'met', breached: 'met' },
};

describe('deadline transitions', () => {
  const cases = (Object.keys(DEADLINE_TRANSITIONS) as DeadlineAction[]).flatMap((action) => DEADLINE_STATES.map((from) => [action, from] as const));

  it.each(cases)('%s from %s goes where the table says, and nowhere else', (action, from) => {
    expect(transition(action, from)).toBe(allowed[action][from] ?? null);
  });

  it('never leaves met or cancelled', () => {
    for (const action of Object.keys(DEADLINE_TRANSITIONS) as DeadlineAction[]) {
      expect(transition(action, 'met')).toBeNull();
      expect(transition(action, 'cancelled')).toBeNull();
    }
  });

  it('a paused deadline does not fire', () => {
    for (const level of [0, 1, 2, 5]) expect(transition(fireAction(level), 'paused')).toBeNull();
  });

  it('resumes to breached only when it had breached', () => {
    expect(resumedState(null)).toBe('pending');
    expect(resumedState(new Date())).toBe('breached');
  });

  it('maps levels to actions', () => {
    expect([0, 1, 2, 3].map(fireAction)).toEqual(['remind', 'breach', 'escalate', 'escalate']);
  });
});
