import { DEADLINE_STATES as API_STATES, DUE_SOON_HOURS as API_DUE_SOON } from '@app/complaints';
import { DEADLINE_STATES, DUE_SOON_HOURS, deadlineState, slaBadge } from './sla-badge';

const now = new Date('2026-03-02T01:00:00.000Z');
const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();

describe('the SLA badge', () => {
  it('uses the API filter’s states and 48 hours, so a badge and the filter never disagree', () => {
    expect(DEADLINE_STATES).toEqual(API_STATES);
    expect(DUE_SOON_HOURS).toBe(API_DUE_SOON);
  });

  it.each([
    ['a deadline passed a second ago', at(-1 / 3600), 'overdue', 'moj-badge--red'],
    ['a deadline due now', now.toISOString(), 'due-soon', 'moj-badge--purple'],
    ['one due in 47 hours 59 minutes', at(48 - 1 / 60), 'due-soon', 'moj-badge--purple'],
    ['one due in exactly 48 hours', at(48), 'on-time', 'moj-badge--green'],
    ['one due in ten days', at(240), 'on-time', 'moj-badge--green'],
    ['no open deadline', null, 'none', 'moj-badge--grey'],
    ['a date that is none', 'soon', 'none', 'moj-badge--grey'],
  ])('%s: %s', (_what, due, state, classes) => {
    expect(deadlineState(due, now)).toBe(state);
    expect(slaBadge(due, now)).toMatchObject({ state, classes });
  });

  it('names each state with its own message', () => {
    const keys = [at(-1), at(1), at(100), null].map((d) => slaBadge(d, now).key);
    expect(new Set(keys).size).toBe(4);
  });
});
