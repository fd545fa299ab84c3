import fc from 'fast-check';
import { DateTime } from 'luxon';
import { WorkCalendar, addBusinessDays, addBusinessMillis, businessDaysBetween, businessMillisBetween, isBusinessDay, localDateOf } from './index';

/*
 * Property tests. Besides the round-trip and shape properties, the results are compared with a
 * deliberately naive reference written here with luxon alone: walk the local days one at a time,
 * ask luxon for each day's start and end. It shares no code with the implementation (which uses
 * day-number arithmetic, binary search and a cache of DST changes).
 */

const RUNS = { numRuns: 300 };
const DAY = 86_400_000;

// Zones with odd offsets (+05:45, +12:45/+13:45), DST at 02:00 (New York), DST at midnight
// (Santiago: some local days start at 01:00) and a 30-minute DST (Lord Howe).
const ZONES = [
  'Asia/Manila',
  'Asia/Kathmandu',
  'Asia/Jakarta',
  'Asia/Riyadh',
  'America/New_York',
  'Pacific/Chatham',
  'America/Santiago',
  'Australia/Lord_Howe',
];

const FIRST_START = Date.UTC(2020, 0, 1);
const LAST_START = Date.UTC(2035, 11, 31);

interface Case {
  calendar: WorkCalendar;
  start: Date;
}

const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A calendar plus a start; holidays are placed in runs near the start so they matter. */
const calendarAndStart = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekendDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 2 }),
    start: fc.integer({ min: FIRST_START, max: LAST_START }),
    holidayRuns: fc.array(fc.record({ offset: fc.integer({ min: -20, max: 800 }), length: fc.integer({ min: 1, max: 12 }) }), { maxLength: 20 }),
    farHolidays: fc.array(fc.integer({ min: FIRST_START, max: LAST_START + 2 * 365 * DAY }), { maxLength: 30 }),
    asSet: fc.boolean(),
  })
  .map(({ timeZone, weekendDays, start, holidayRuns, farHolidays, asSet }): Case => {
    const dates = [
      ...holidayRuns.flatMap(({ offset, length }) => Array.from({ length }, (_, i) => utcDate(start + (offset + i) * DAY))),
      ...farHolidays.map(utcDate),
    ];
    return { calendar: { timeZone, weekendDays, holidays: asSet ? new Set(dates) : dates }, start: new Date(start) };
  });

// ---- the naive reference -------------------------------------------------------------------

const holidaySet = (c: WorkCalendar) => new Set<string>(c.holidays);
const local = (c: WorkCalendar, d: Date) => DateTime.fromJSDate(d, { zone: c.timeZone });
const dayStart = (c: WorkCalendar, isoDate: string) => DateTime.fromISO(isoDate, { zone: c.timeZone }).startOf('day');
const nextDate = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

function naiveIsBusiness(c: WorkCalendar, isoDate: string, holidays = holidaySet(c)): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay() || 7;
  return !c.weekendDays.includes(weekday) && !holidays.has(isoDate);
}

/** Walks forward one local day at a time until n business days have passed. */
function naiveAddBusinessDays(c: WorkCalendar, start: Date, n: number): Date {
  if (n === 0) return start;
  const holidays = holidaySet(c);
  let date = local(c, start).toISODate()!;
  let steps = 0;
  for (let counted = 0; counted < n;) {
    date = nextDate(date);
    steps++;
    if (naiveIsBusiness(c, date, holidays)) counted++;
  }
  return local(c, start).plus({ days: steps }).toJSDate();
}

/** Sums, day by day, the overlap of [from, to) with each business day's [start, next start). */
function naiveBusinessMillis(c: WorkCalendar, from: Date, to: Date): number {
  const holidays = holidaySet(c);
  const last = local(c, to).toISODate()!;
  let total = 0;
  let date = local(c, from).toISODate()!;
  let begins = dayStart(c, date).toMillis();
  while (date <= last) {
    const next = nextDate(date);
    const ends = dayStart(c, next).toMillis();
    if (naiveIsBusiness(c, date, holidays)) total += Math.max(0, Math.min(ends, to.getTime()) - Math.max(begins, from.getTime()));
    [date, begins] = [next, ends];
  }
  return total;
}

const wallTime = (c: WorkCalendar, d: Date) => local(c, d).toFormat('HH:mm:ss.SSS');

/** Whether the start's wall time exists on the given local date (luxon moves a nonexistent one). */
function wallTimeExists(c: WorkCalendar, isoDate: string, time: string): boolean {
  const candidate = DateTime.fromISO(`${isoDate}T${time}`, { zone: c.timeZone });
  return candidate.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS") === `${isoDate}T${time}`;
}

// ---- properties ------------------------------------------------------------------------------

const n = fc.integer({ min: 0, max: 400 });
const millis = fc.oneof(fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: 0, max: 500 * DAY }));

describe('business-day arithmetic (properties)', () => {
  it('adding n business days then counting them back gives n', () => {
    fc.assert(
      fc.property(calendarAndStart, n, ({ calendar, start }, days) => {
        expect(businessDaysBetween(calendar, start, addBusinessDays(calendar, start, days))).toBe(days);
        expect(businessDaysBetween(calendar, addBusinessDays(calendar, start, days), start)).toBe(0 - days);
      }),
      RUNS,
    );
  });

  it('addBusinessDays agrees with walking the days one at a time', () => {
    fc.assert(
      fc.property(calendarAndStart, n, ({ calendar, start }, days) => {
        const result = addBusinessDays(calendar, start, days);
        const expected = naiveAddBusinessDays(calendar, start, days);
        // Same local date always; same instant unless the wall time does not exist that day.
        expect(localDateOf(calendar, result)).toBe(local(calendar, expected).toISODate());
        if (wallTimeExists(calendar, localDateOf(calendar, result), wallTime(calendar, start))) expect(result.toISOString()).toBe(expected.toISOString());
      }),
      RUNS,
    );
  });

  it('the result of addBusinessDays (n >= 1) is never a weekend day or a holiday', () => {
    fc.assert(
      fc.property(calendarAndStart, fc.integer({ min: 1, max: 400 }), ({ calendar, start }, days) => {
        const date = local(calendar, addBusinessDays(calendar, start, days)).toISODate()!;
        expect(calendar.weekendDays).not.toContain(DateTime.fromISO(date, { zone: 'UTC' }).weekday);
        expect(holidaySet(calendar).has(date)).toBe(false);
        expect(isBusinessDay(calendar, date)).toBe(true);
      }),
      RUNS,
    );
  });

  it('addBusinessDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(calendarAndStart, n, n, ({ calendar, start }, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(addBusinessDays(calendar, start, lo).getTime()).toBeLessThan(addBusinessDays(calendar, start, hi).getTime());
      }),
      RUNS,
    );
  });

  it("keeps the start's local time of day whenever it exists on the result day", () => {
    fc.assert(
      fc.property(calendarAndStart, n, ({ calendar, start }, days) => {
        const result = addBusinessDays(calendar, start, days);
        const time = wallTime(calendar, start);
        fc.pre(wallTimeExists(calendar, localDateOf(calendar, result), time));
        expect(wallTime(calendar, result)).toBe(time);
      }),
      RUNS,
    );
  });

  it('businessMillisBetween(start, addBusinessMillis(start, ms)) === ms for a start on a business day', () => {
    fc.assert(
      fc.property(calendarAndStart, millis, ({ calendar, start }, ms) => {
        fc.pre(isBusinessDay(calendar, localDateOf(calendar, start)));
        const result = addBusinessMillis(calendar, start, ms);
        expect(businessMillisBetween(calendar, start, result)).toBe(ms);
        // Minimal: one millisecond earlier is not enough (no idle non-business time is added at the end).
        if (ms > 0) expect(businessMillisBetween(calendar, start, new Date(result.getTime() - 1))).toBe(ms - 1);
      }),
      RUNS,
    );
  });

  it('addBusinessMillis from a weekend day or holiday starts at the beginning of the next business day', () => {
    fc.assert(
      fc.property(calendarAndStart, millis, ({ calendar, start }, ms) => {
        fc.pre(ms > 0 && !isBusinessDay(calendar, localDateOf(calendar, start)));
        const nextBusinessDate = localDateOf(calendar, addBusinessDays(calendar, start, 1));
        const beginning = dayStart(calendar, nextBusinessDate).toJSDate();
        expect(addBusinessMillis(calendar, start, ms).toISOString()).toBe(addBusinessMillis(calendar, beginning, ms).toISOString());
        expect(businessMillisBetween(calendar, start, addBusinessMillis(calendar, start, ms))).toBe(ms);
      }),
      RUNS,
    );
  });

  it('businessMillisBetween agrees with summing day by day', () => {
    fc.assert(
      fc.property(calendarAndStart, fc.integer({ min: 0, max: 400 * DAY }), ({ calendar, start }, span) => {
        const end = new Date(start.getTime() + span);
        expect(businessMillisBetween(calendar, start, end)).toBe(naiveBusinessMillis(calendar, start, end));
      }),
      RUNS,
    );
  });

  it('businessMillisBetween is additive: (a, b) + (b, c) === (a, c), and antisymmetric', () => {
    fc.assert(
      fc.property(calendarAndStart, fc.integer({ min: 0, max: 200 * DAY }), fc.integer({ min: 0, max: 200 * DAY }), ({ calendar, start }, x, y) => {
        const a = start;
        const b = new Date(a.getTime() + x);
        const c = new Date(b.getTime() + y);
        const ab = businessMillisBetween(calendar, a, b);
        const bc = businessMillisBetween(calendar, b, c);
        expect(ab + bc).toBe(businessMillisBetween(calendar, a, c));
        expect(businessMillisBetween(calendar, c, a)).toBe(0 - (ab + bc));
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(x);
      }),
      RUNS,
    );
  });

  it('businessDaysBetween agrees with counting day by day, in both directions', () => {
    fc.assert(
      fc.property(calendarAndStart, fc.integer({ min: -300 * DAY, max: 300 * DAY }), ({ calendar, start }, span) => {
        const other = new Date(start.getTime() + span);
        const [from, to] = span >= 0 ? [start, other] : [other, start];
        const holidays = holidaySet(calendar);
        const last = localDateOf(calendar, to);
        let count = 0;
        for (let date = nextDate(localDateOf(calendar, from)); date <= last; date = nextDate(date)) if (naiveIsBusiness(calendar, date, holidays)) count++;
        expect(businessDaysBetween(calendar, start, other)).toBe(span >= 0 ? count : 0 - count);
      }),
      RUNS,
    );
  });
});
