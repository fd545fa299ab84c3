import { LifecycleRefusalCode, LifecycleRefusalException, TransitionRow, defineLifecycle, lifecycleProblems } from './lifecycle';

type S = 'open' | 'held' | 'done';
type A = 'hold' | 'release' | 'finish' | 'expire';
type Actor = 'clerk' | 'boss' | 'system';
interface Ctx {
  reason: string | null;
}
type Row = TransitionRow<S, A, Actor, Ctx, 'reason-required', { audit: string; deadlines?: { start?: string[]; meet?: string[] }; notices?: string[] }>;

const reason = (c: Ctx) => (c.reason?.trim() ? null : 'reason-required');
const rows: Row[] = [
  { from: 'open', action: 'hold', to: 'held', who: ['clerk'], guard: reason, effects: { audit: 'thing.held', deadlines: { start: ['thing.release'] } } },
  {
    from: 'held',
    action: 'release',
    to: 'open',
    who: ['boss', 'system'],
    effects: { audit: 'thing.released', deadlines: { meet: ['thing.release'] }, notices: ['thing.released'] },
  },
  { from: 'open', action: 'finish', to: 'done', who: ['boss'], effects: { audit: 'thing.finished' } },
  { from: 'held', action: 'finish', to: 'done', who: ['boss'], effects: { audit: 'thing.finished' } },
  { from: 'open', action: 'expire', to: 'done', who: ['system'], effects: { audit: 'thing.expired' } },
];
const THING = defineLifecycle<Row>({
  name: 'thing',
  states: ['open', 'held', 'done'],
  actions: ['hold', 'release', 'finish', 'expire'],
  rows,
  answer: (r, l, ctx) => ({
    type: r.code === LifecycleRefusalCode.NotYourRole ? 'forbidden' : 'thing-refused',
    status: r.code === LifecycleRefusalCode.NotYourRole ? 403 : 409,
    title: 'No',
    detail: `${r.from}/${r.action}`,
    fields: { allowedActions: l.allowed(r.from), condition: r.condition, reason: ctx?.reason },
  }),
});
const ok = { reason: 'because' };

describe('lifecycle kernel', () => {
  it('finds the row for a state and an action, and none where the table has none', () => {
    expect(THING.find('open', 'hold')).toBe(rows[0]);
    expect(THING.find('held', 'finish')).toBe(rows[3]);
    expect(THING.find('done', 'hold')).toBeUndefined();
    expect(THING.find('open', 'release')).toBeUndefined();
  });

  it('lists the actions open from a state, to anyone or to an actor, in table order', () => {
    expect(THING.allowed('open')).toEqual(['hold', 'finish', 'expire']);
    expect(THING.allowed('open', ['boss'])).toEqual(['finish']);
    expect(THING.allowed('open', ['clerk', 'system'])).toEqual(['hold', 'expire']);
    expect(THING.allowed('done')).toEqual([]);
  });

  it("names every actor of an action across the table (a route's roles)", () => {
    expect(THING.who('finish')).toEqual(['boss']);
    expect(THING.who('release')).toEqual(['boss', 'system']);
  });

  it("names the actors of a list who may make any move, in table order (a moves route's roles)", () => {
    expect(THING.everyoneAmong(['boss', 'clerk'] as const)).toEqual(['clerk', 'boss']);
    expect(THING.everyoneAmong(['boss', 'auditor'] as const)).toEqual(['boss']);
    expect(THING.everyoneAmong(['auditor'] as const)).toEqual([]);
  });

  it('decides: the row when the move may be made', () => {
    expect(THING.decide('open', 'hold', ['clerk'], ok)).toBe(rows[0]);
    expect(THING.decide('held', 'release', ['system'])).toBe(rows[1]);
  });

  it('refuses with a code: first the table, then who, then the guard', () => {
    expect(THING.refusal('done', 'hold', ['boss'], { reason: null })).toEqual({
      code: LifecycleRefusalCode.TransitionNotAllowed,
      lifecycle: 'thing',
      from: 'done',
      action: 'hold',
      who: [],
    });
    expect(THING.refusal('open', 'hold', ['boss'], { reason: null })).toEqual({
      code: LifecycleRefusalCode.NotYourRole,
      lifecycle: 'thing',
      from: 'open',
      action: 'hold',
      who: ['clerk'],
    });
    expect(THING.refusal('open', 'hold', ['clerk'], { reason: ' ' })).toEqual({
      code: LifecycleRefusalCode.ConditionUnmet,
      lifecycle: 'thing',
      from: 'open',
      action: 'hold',
      who: ['clerk'],
      condition: 'reason-required',
    });
    expect(THING.refusal('open', 'hold', ['clerk'], ok)).toBeNull();
    expect(Object.values(LifecycleRefusalCode)).toEqual(['transition-not-allowed', 'not-your-role', 'condition-unmet']);
  });

  it('throws one exception whose problem is the answer the lifecycle gives', () => {
    const thrown = (f: () => unknown): LifecycleRefusalException => {
      try {
        f();
      } catch (e) {
        return e as LifecycleRefusalException;
      }
      throw new Error('not thrown');
    };
    const e = thrown(() => THING.decide('held', 'hold', ['clerk'], ok));
    expect(e).toBeInstanceOf(LifecycleRefusalException);
    expect(e.refusal.code).toBe('transition-not-allowed');
    expect({ code: e.code, status: e.status, title: e.title, detail: e.detail, extensions: e.extensions }).toEqual({
      code: 'thing-refused',
      status: 409,
      title: 'No',
      detail: 'held/hold',
      extensions: { allowedActions: ['release', 'finish'], condition: undefined, reason: 'because' },
    });
    const role = thrown(() => THING.decide('open', 'finish', ['clerk']));
    expect([role.refusal.code, role.status, role.code]).toEqual(['not-your-role', 403, 'forbidden']);
    const guard = thrown(() => THING.decide('open', 'hold', ['clerk'], { reason: null }));
    expect([guard.refusal.code, guard.extensions.condition]).toEqual(['condition-unmet', 'reason-required']);
  });

  it('will not decide a guarded move without its context', () => {
    expect(() => THING.decide('open', 'hold', ['clerk'])).toThrow(/has a guard/);
  });

  it('finds what a table names that does not exist', () => {
    const vocabulary = { actors: ['clerk', 'boss', 'system'], deadlineKinds: ['thing.release'], notices: ['thing.released'], auditPrefix: 'thing.' };
    expect(lifecycleProblems(THING, vocabulary)).toEqual([]);
    const bad = defineLifecycle<Row>({
      ...THING.definition,
      actions: [...THING.definition.actions, 'wander' as A],
      rows: [
        ...rows,
        {
          from: 'open',
          action: 'hold',
          to: 'held',
          who: [],
          effects: { audit: 'other.held', deadlines: { meet: ['thing.nope'] }, notices: ['thing.unknown'] },
        },
        { from: 'gone' as S, action: 'finish', to: 'done', who: ['janitor' as Actor], effects: { audit: 'thing.Finished' } },
      ],
    });
    expect(lifecycleProblems(bad, vocabulary)).toEqual([
      'thing open --hold-->: a second row for the same move',
      'thing open --hold-->: nobody may take it',
      "thing open --hold-->: audit action 'other.held' is not thing.<verb>",
      "thing open --hold-->: unknown deadline kind 'thing.nope'",
      "thing open --hold-->: unknown notice 'thing.unknown'",
      'thing gone --finish-->: a state not in the list',
      "thing gone --finish-->: unknown actor 'janitor'",
      "thing gone --finish-->: audit action 'thing.Finished' is not thing.<verb>",
      "thing: action 'wander' has no row",
    ]);
  });
});
