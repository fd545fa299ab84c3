import type { Deadline } from '../entities/deadline.entity';
import type { DeadlineHandler, DeadlineOutcome } from '../handlers/deadline-handler';
import type { PolicyRules } from '../policies/policy-rules';
import { DeadlineRowWrittenByHandlerError, FiringInProgress } from './firing-in-progress';
import { DeadlineOutcomeError, rowAfterFiring } from './firing-outcome';
import { FiringService } from './firing.service';

const HOUR = 3_600_000;
const due = new Date('2026-03-16T01:00:00Z');
const now = new Date(due.getTime() + 5_000);
const rules: PolicyRules = {
  durationDays: 10,
  counting: 'business',
  reminderShare: 0.8,
  escalations: [
    { afterHours: 0, actions: ['notify-assignee', 'act'] },
    { afterHours: 48, actions: ['notify-supervisors'] },
  ],
};
const row = (over: Partial<Deadline> = {}) =>
  ({ id: 'd1', kind: 'test.kind', state: 'pending', version: 3, dueAt: due, breachedAt: null, closedAt: null, ...over }) as Deadline;

describe("rowAfterFiring: what the engine writes from the handler's outcome", () => {
  it.each(['escalated', 'nothing'] as const)('%s at the reminder: still pending, the breach next', (outcome) => {
    expect(rowAfterFiring(row(), 0, outcome, rules, now)).toEqual({
      state: 'pending',
      version: 4,
      nextLevel: 1,
      nextFireAt: due,
      breachedAt: null,
      closedAt: null,
    });
  });

  it.each(['escalated', 'nothing'] as const)('%s at the breach: breached (when recorded), level 2 scheduled 48 h after the due time', (outcome) => {
    expect(rowAfterFiring(row(), 1, outcome, rules, now)).toEqual({
      state: 'breached',
      version: 4,
      nextLevel: 2,
      nextFireAt: new Date(due.getTime() + 48 * HOUR),
      breachedAt: now,
      closedAt: null,
    });
  });

  it('escalated at the last level: stays breached and open, with nothing left to fire', () => {
    const breachedAt = new Date(due.getTime() + 1000);
    expect(rowAfterFiring(row({ state: 'breached', breachedAt }), 2, 'escalated', rules, now)).toEqual({
      state: 'breached',
      version: 4,
      nextLevel: 3,
      nextFireAt: null,
      breachedAt,
      closedAt: null,
    });
  });

  it('acted at the breach: closed as met, breach time recorded, nothing left to fire', () => {
    expect(rowAfterFiring(row(), 1, 'acted', rules, now)).toEqual({ state: 'met', version: 4, nextLevel: 2, nextFireAt: null, breachedAt: now, closedAt: now });
  });

  it('acted at an escalation level of a breached deadline: closed as met, the first breach time kept', () => {
    const breachedAt = new Date(due.getTime() + 1000);
    expect(rowAfterFiring(row({ state: 'breached', breachedAt }), 2, 'acted', rules, now)).toEqual({
      state: 'met',
      version: 4,
      nextLevel: 3,
      nextFireAt: null,
      breachedAt,
      closedAt: now,
    });
  });

  it('acted at the reminder: met, never breached', () => {
    expect(rowAfterFiring(row(), 0, 'acted', rules, now)).toMatchObject({ state: 'met', breachedAt: null, closedAt: now, nextFireAt: null });
  });

  it('refuses an answer that is not an outcome (a handler that forgot to return one), naming the kind', () => {
    expect(() => rowAfterFiring(row(), 1, undefined as unknown as DeadlineOutcome, rules, now)).toThrow(DeadlineOutcomeError);
    expect(() => rowAfterFiring(row(), 1, 'done' as DeadlineOutcome, rules, now)).toThrow(/test\.kind answered "done".*acted, escalated, nothing/);
  });

  it("refuses a level that cannot fire from the row's state (a paused or closed deadline)", () => {
    expect(() => rowAfterFiring(row({ state: 'paused' }), 1, 'nothing', rules, now)).toThrow(/paused: level 1 cannot fire/);
    expect(() => rowAfterFiring(row({ state: 'met' }), 1, 'acted', rules, now)).toThrow(DeadlineOutcomeError);
  });
});

describe('FiringInProgress', () => {
  it('refuses a write to the deadline whose handler runs, and only while it runs', async () => {
    const guard = new FiringInProgress();
    await guard.during('d1', 'test.kind', async () => {
      expect(() => guard.assertNotFiring('d1')).toThrow(DeadlineRowWrittenByHandlerError);
      expect(() => guard.assertNotFiring('d2')).not.toThrow();
    });
    expect(() => guard.assertNotFiring('d1')).not.toThrow();
    await expect(guard.during('d1', 'test.kind', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(() => guard.assertNotFiring('d1')).not.toThrow();
  });
});

/** The firing against a stand-in transaction: what it writes from each outcome (the effect, then the row). */
describe('FiringService: the handler answers, the engine writes the row', () => {
  function build(answer: (guard: FiringInProgress) => Promise<DeadlineOutcome>) {
    const held = {
      id: 'd1',
      kind: 'test.kind',
      subjectType: 'thing',
      subjectId: 's1',
      label: 'Thing',
      assigneeUserId: null,
      jurisdictionCode: 'PH',
      state: 'pending',
      version: 3,
      nextLevel: 1,
      nextFireAt: due,
      dueAt: due,
      breachedAt: null,
      closedAt: null,
    };
    const queries: { sql: string; params: unknown[] }[] = [];
    const m = {
      findOne: jest.fn().mockResolvedValue(held),
      query: jest.fn((sql: string, params: unknown[]) => {
        queries.push({ sql, params });
        return Promise.resolve(sql.includes('INSERT INTO deadline_effect') ? [{ deadline_id: 'd1' }] : []);
      }),
    };
    const guard = new FiringInProgress();
    const handler = { definition: { kind: 'test.kind' }, fire: jest.fn(() => answer(guard)) } as unknown as DeadlineHandler;
    const firing = new FiringService(
      { transaction: (fn: (mm: unknown) => unknown) => fn(m) } as never,
      { now: () => now } as never,
      { get: () => handler } as never,
      {
        rulesOf: () =>
          Promise.resolve({
            rules: {
              ...rules,
              escalations: [
                { afterHours: 0, actions: ['act'] },
                { afterHours: 48, actions: ['notify-supervisors'] },
              ],
            },
          }),
      } as never,
      { enqueue: jest.fn() } as never,
      { appendMany: jest.fn() } as never,
      { get: () => ({ DEADLINE_FIRE_BATCH: 1 }) } as never,
      guard,
      { hold: (_m: unknown, ds: unknown[]) => Promise.resolve(ds) } as never,
    );
    const fire = () => firing.fire({ deadlineId: 'd1', version: 3, level: 1 }, 'job', 'c1', 0);
    const written = () => {
      const effectAt = queries.findIndex((q) => q.sql.includes('UPDATE deadline_effect e'));
      const rowAt = queries.findIndex((q) => q.sql.includes('UPDATE deadline d'));
      const [ids, heldVersions, levels, outcomes] = queries[effectAt].params as unknown[][];
      const [rowIds, rowHeldVersions, states, versions, nextLevels, nextFireAts, breachedAts, closedAts] = queries[rowAt].params as unknown[][];
      expect({ rowIds, rowHeldVersions }).toEqual({ rowIds: ids, rowHeldVersions: heldVersions });
      return {
        effectSql: queries[effectAt].sql,
        sql: queries[rowAt].sql,
        effectAt,
        rowAt,
        ids,
        heldVersions,
        levels,
        outcomes,
        states,
        versions,
        nextLevels,
        nextFireAts,
        breachedAts,
        closedAts,
      };
    };
    return { fire, written, handler };
  }

  it('acted: the row is closed as met and the effect row keeps the outcome', async () => {
    const { fire, written } = build(() => Promise.resolve('acted'));
    await expect(fire()).resolves.toMatchObject({ result: 'fired', levelsFired: 1 });
    const w = written();
    expect(w).toMatchObject({
      ids: ['d1'],
      heldVersions: [3],
      levels: [1],
      outcomes: ['acted'],
      states: ['met'],
      versions: [4],
      nextFireAts: [null],
      breachedAts: [now],
      closedAts: [now],
    });
    // The effect's outcome first, then the row, in two statements (the kept counts' row triggers,
    // migration DeadlineMetDay, each see the other's row settled); a row changed meanwhile in this
    // transaction is left as changed.
    expect(w.effectAt).toBeLessThan(w.rowAt);
    expect(w.effectSql).toMatch(/UPDATE deadline_effect e SET outcome = u\.outcome/);
    expect(w.sql).not.toMatch(/deadline_effect/);
    expect(w.sql).toMatch(/d\.version = u\.held_version/);
  });

  it('escalated: the row is breached, the next level scheduled, still open', async () => {
    const { fire, written } = build(() => Promise.resolve('escalated'));
    await fire();
    expect(written()).toMatchObject({
      outcomes: ['escalated'],
      states: ['breached'],
      versions: [4],
      nextLevels: [2],
      nextFireAts: [new Date(due.getTime() + 48 * HOUR)],
      closedAts: [null],
    });
  });

  it('nothing: the same row as escalated, the outcome recorded as nothing', async () => {
    const { fire, written } = build(() => Promise.resolve('nothing'));
    await fire();
    expect(written()).toMatchObject({ outcomes: ['nothing'], states: ['breached'], nextLevels: [2], closedAts: [null] });
  });

  it('while the handler runs, its own deadline is guarded (DeadlineService refuses to write it)', async () => {
    let guarded = false;
    const { fire } = build(async (guard) => {
      guarded = (() => {
        try {
          guard.assertNotFiring('d1');
          return false;
        } catch (e) {
          return e instanceof DeadlineRowWrittenByHandlerError;
        }
      })();
      return 'nothing';
    });
    await fire();
    expect(guarded).toBe(true);
  });

  it('a handler that answers no outcome fails the firing (rolled back, retried), naming its kind', async () => {
    const { fire } = build(() => Promise.resolve(undefined as unknown as DeadlineOutcome));
    await expect(fire()).rejects.toThrow(/test\.kind answered undefined/);
  });
});
