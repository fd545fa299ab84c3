import { DateTime } from 'luxon';
import {
  WorkCalendar,
  addBusinessDays,
  addBusinessMillis,
  addCalendarDays,
  businessDaysBetween,
  businessMillisBetween,
  endOfLocalDay,
  isBusinessDay,
  localDateOf,
  validateCalendar,
} from './index';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

const manila: WorkCalendar = { timeZone: 'Asia/Manila', weekendDays: [6, 7], holidays: [] };
const nepal: WorkCalendar = { timeZone: 'Asia/Kathmandu', weekendDays: [6], holidays: [] };
const newYork: WorkCalendar = { timeZone: 'America/New_York', weekendDays: [6, 7], holidays: [] };

// 2026-03-06 is a Friday. Manila is UTC+8 all year: Friday 15:00 local = 07:00Z.
const FRIDAY_1500_MANILA = at('2026-03-06T07:00:00Z');

describe('addBusinessDays', () => {
  it('moves a Friday 15:00 complaint with a 2-business-day deadline to Tuesday 15:00 across the weekend', () => {
    expect(iso(addBusinessDays(manila, FRIDAY_1500_MANILA, 2))).toBe('2026-03-10T07:00:00.000Z');
    expect(iso(addBusinessDays(manila, FRIDAY_1500_MANILA, 1))).toBe('2026-03-09T07:00:00.000Z');
  });

  it('skips a holiday that falls between the start and the due day', () => {
    const withMondayHoliday = { ...manila, holidays: ['2026-03-09'] };
    expect(iso(addBusinessDays(withMondayHoliday, FRIDAY_1500_MANILA, 2))).toBe('2026-03-11T07:00:00.000Z');
    // The same holidays given as a Set count the same.
    expect(iso(addBusinessDays({ ...manila, holidays: new Set(['2026-03-09']) }, FRIDAY_1500_MANILA, 2))).toBe('2026-03-11T07:00:00.000Z');
  });

  it('does not count a holiday that falls on a weekend day twice', () => {
    const saturdayHoliday = { ...manila, holidays: ['2026-03-07'] };
    expect(iso(addBusinessDays(saturdayHoliday, FRIDAY_1500_MANILA, 1))).toBe('2026-03-09T07:00:00.000Z');
  });

  it('counts from the next business day when the start is on a Saturday, keeping the time of day', () => {
    const saturday1000 = at('2026-03-07T02:00:00Z');
    expect(iso(addBusinessDays(manila, saturday1000, 1))).toBe('2026-03-09T02:00:00.000Z');
    expect(iso(addBusinessDays(manila, saturday1000, 2))).toBe('2026-03-10T02:00:00.000Z');
  });

  it("uses Nepal's Saturday-only weekend and its +05:45 offset", () => {
    // Friday 2026-03-06 10:00 in Kathmandu = 04:15Z; Sunday is a working day there.
    const friday1000 = at('2026-03-06T04:15:00Z');
    expect(iso(addBusinessDays(nepal, friday1000, 1))).toBe('2026-03-08T04:15:00.000Z');
    expect(iso(addBusinessDays(nepal, friday1000, 2))).toBe('2026-03-09T04:15:00.000Z');
    expect(localDateOf(nepal, addBusinessDays(nepal, friday1000, 1))).toBe('2026-03-08');
  });

  it('keeps the local time of day across the March DST change in New York', () => {
    // Friday 09:00 EST (UTC-5) -> Tuesday 09:00 EDT (UTC-4): 4 days minus one hour of real time.
    expect(iso(addBusinessDays(newYork, at('2026-03-06T14:00:00Z'), 2))).toBe('2026-03-10T13:00:00.000Z');
    // And back in November: Friday 09:00 EDT -> Monday 09:00 EST.
    expect(iso(addBusinessDays(newYork, at('2026-10-30T13:00:00Z'), 1))).toBe('2026-11-02T14:00:00.000Z');
  });

  it('crosses the year end, skipping the new-year holidays', () => {
    const ph = { ...manila, holidays: ['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02'] };
    // Wednesday 2025-12-31 16:00 Manila, 1 business day -> Monday 2026-01-05 16:00.
    const newYearsEve = at('2025-12-31T08:00:00Z');
    expect(iso(addBusinessDays(ph, newYearsEve, 1))).toBe('2026-01-05T08:00:00.000Z');
    expect(iso(addBusinessDays(manila, newYearsEve, 1))).toBe('2026-01-01T08:00:00.000Z');
  });

  it('returns the start unchanged for n = 0, even on a weekend day', () => {
    const saturday = at('2026-03-07T02:00:00.123Z');
    expect(iso(addBusinessDays(manila, saturday, 0))).toBe('2026-03-07T02:00:00.123Z');
    expect(iso(addBusinessDays(manila, FRIDAY_1500_MANILA, 0))).toBe(iso(FRIDAY_1500_MANILA));
  });

  it('lands 100,000 business days later on the weekday the arithmetic predicts, quickly', () => {
    // With a Saturday-Sunday weekend and no holidays, 100,000 business days are exactly 20,000 weeks.
    const expected = DateTime.fromJSDate(FRIDAY_1500_MANILA, { zone: 'Asia/Manila' }).plus({ days: 140_000 });
    const started = performance.now();
    for (let i = 0; i < 1000; i++) addBusinessDays(manila, FRIDAY_1500_MANILA, 100_000);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(addBusinessDays(manila, FRIDAY_1500_MANILA, 100_000).getTime()).toBe(expected.toMillis());
  });

  it('refuses a negative or fractional n and an invalid start', () => {
    expect(() => addBusinessDays(manila, FRIDAY_1500_MANILA, -1)).toThrow(RangeError);
    expect(() => addBusinessDays(manila, FRIDAY_1500_MANILA, 1.5)).toThrow(RangeError);
    expect(() => addBusinessDays(manila, new Date(NaN), 1)).toThrow(RangeError);
    expect(() => addBusinessDays(manila, at('3100-01-01T00:00:00Z'), 1)).toThrow(/supported local dates/);
  });

  it('sees a holiday added to a calendar it has already used', () => {
    const holidays: string[] = [];
    const calendar = { ...manila, holidays };
    expect(iso(addBusinessDays(calendar, FRIDAY_1500_MANILA, 1))).toBe('2026-03-09T07:00:00.000Z');
    holidays.push('2026-03-09');
    expect(iso(addBusinessDays(calendar, FRIDAY_1500_MANILA, 1))).toBe('2026-03-10T07:00:00.000Z');
  });
});

describe('businessDaysBetween', () => {
  it('counts the business days after the start date up to and including the end date', () => {
    expect(businessDaysBetween(manila, FRIDAY_1500_MANILA, at('2026-03-10T01:00:00Z'))).toBe(2);
    expect(businessDaysBetween(manila, at('2026-03-07T02:00:00Z'), at('2026-03-09T02:00:00Z'))).toBe(1);
    expect(businessDaysBetween({ ...manila, holidays: ['2026-03-09'] }, FRIDAY_1500_MANILA, at('2026-03-10T01:00:00Z'))).toBe(1);
  });

  it('is 0 on the same local date and negative backwards', () => {
    // 23:59 Manila Friday is still Friday there although 15:59Z.
    expect(businessDaysBetween(manila, FRIDAY_1500_MANILA, at('2026-03-06T15:59:00Z'))).toBe(0);
    expect(businessDaysBetween(manila, at('2026-03-10T01:00:00Z'), FRIDAY_1500_MANILA)).toBe(-2);
  });
});

describe('endOfLocalDay and localDateOf', () => {
  it('ends a Manila (UTC+8) day at 15:59:59.999Z', () => {
    expect(iso(endOfLocalDay(manila, FRIDAY_1500_MANILA))).toBe('2026-03-06T15:59:59.999Z');
    // 20:00Z Friday is already Saturday 04:00 in Manila.
    expect(iso(endOfLocalDay(manila, at('2026-03-06T20:00:00Z')))).toBe('2026-03-07T15:59:59.999Z');
  });

  it('ends a Kathmandu (+05:45) day at 18:14:59.999Z and switches date at 18:15Z', () => {
    expect(iso(endOfLocalDay(nepal, at('2026-03-06T04:15:00Z')))).toBe('2026-03-06T18:14:59.999Z');
    expect(localDateOf(nepal, at('2026-03-06T18:14:59.999Z'))).toBe('2026-03-06');
    expect(localDateOf(nepal, at('2026-03-06T18:15:00Z'))).toBe('2026-03-07');
  });

  it('ends the New York spring-forward day 23 hours after it starts', () => {
    const end = endOfLocalDay(newYork, at('2026-03-08T12:00:00Z'));
    expect(iso(end)).toBe('2026-03-09T03:59:59.999Z');
    expect(end.getTime() + 1 - Date.parse('2026-03-08T05:00:00Z')).toBe(23 * HOUR);
  });
});

describe('addCalendarDays', () => {
  it('keeps the wall-clock time across DST and counts weekends', () => {
    // Saturday 09:00 EST + 1 day = Sunday 09:00 EDT: 23 hours of real time.
    expect(iso(addCalendarDays(newYork, at('2026-03-07T14:00:00Z'), 1))).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(addCalendarDays(manila, FRIDAY_1500_MANILA, 2))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(addCalendarDays(manila, FRIDAY_1500_MANILA, -7))).toBe('2026-02-27T07:00:00.000Z');
  });

  it('moves a wall time that does not exist forward by the DST gap', () => {
    // 02:30 does not exist on 2026-03-08 in New York: 02:30 EST + 1 day -> 03:30 EDT.
    expect(iso(addCalendarDays(newYork, at('2026-03-07T07:30:00Z'), 1))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(addCalendarDays(newYork, at('2026-03-07T07:30:00Z'), 3))).toBe('2026-03-10T06:30:00.000Z');
  });

  it("resolves a wall time that happens twice to the occurrence with the start's offset", () => {
    // 01:30 happens twice on 2026-11-01 in New York: 05:30Z (EDT) and 06:30Z (EST).
    expect(iso(addCalendarDays(newYork, at('2026-10-30T05:30:00Z'), 2))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(addCalendarDays(newYork, at('2026-11-06T06:30:00Z'), -5))).toBe('2026-11-01T06:30:00.000Z');
  });
});

describe('businessMillisBetween', () => {
  it('counts Friday afternoon and Monday morning but not the weekend', () => {
    const monday0900 = at('2026-03-09T01:00:00Z');
    expect(businessMillisBetween(manila, FRIDAY_1500_MANILA, monday0900)).toBe(18 * HOUR);
    expect(businessMillisBetween(manila, monday0900, FRIDAY_1500_MANILA)).toBe(-18 * HOUR);
    expect(businessMillisBetween({ ...manila, holidays: ['2026-03-09'] }, FRIDAY_1500_MANILA, monday0900)).toBe(9 * HOUR);
    expect(businessMillisBetween(manila, at('2026-03-07T01:00:00Z'), at('2026-03-08T01:00:00Z'))).toBe(0);
  });

  it('counts a business day as 23 or 25 hours on a DST change', () => {
    const everyDay = { ...newYork, weekendDays: [] };
    // Saturday 00:00 EST -> Tuesday 00:00 EDT: 24 + 23 + 24 hours.
    expect(businessMillisBetween(everyDay, at('2026-03-07T05:00:00Z'), at('2026-03-10T04:00:00Z'))).toBe(71 * HOUR);
    // Saturday 00:00 EDT -> Tuesday 00:00 EST: 24 + 25 + 24 hours.
    expect(businessMillisBetween(everyDay, at('2026-10-31T04:00:00Z'), at('2026-11-03T05:00:00Z'))).toBe(73 * HOUR);
    // With a Saturday-Sunday weekend, the short Sunday counts nothing.
    expect(businessMillisBetween(newYork, at('2026-03-07T05:00:00Z'), at('2026-03-10T04:00:00Z'))).toBe(24 * HOUR);
  });
});

describe('addBusinessMillis', () => {
  it('carries what is left past Friday midnight into Monday', () => {
    // Friday 15:00 + 10 h: 9 h to Friday midnight, 1 h on Monday -> Monday 01:00 Manila.
    expect(iso(addBusinessMillis(manila, FRIDAY_1500_MANILA, 10 * HOUR))).toBe('2026-03-08T17:00:00.000Z');
    // Exactly 9 h ends at Friday 24:00, the first instant of Saturday.
    expect(iso(addBusinessMillis(manila, FRIDAY_1500_MANILA, 9 * HOUR))).toBe('2026-03-06T16:00:00.000Z');
    expect(iso(addBusinessMillis({ ...manila, holidays: ['2026-03-09'] }, FRIDAY_1500_MANILA, 10 * HOUR))).toBe('2026-03-09T17:00:00.000Z');
  });

  it('starts at the beginning of the next business day when started on a weekend', () => {
    expect(iso(addBusinessMillis(manila, at('2026-03-07T02:00:00Z'), HOUR))).toBe('2026-03-08T17:00:00.000Z');
    expect(iso(addBusinessMillis(manila, at('2026-03-07T02:00:00Z'), 0))).toBe('2026-03-07T02:00:00.000Z');
  });

  it('counts the 23-hour DST Sunday as 23 hours of business time', () => {
    const noSaturday = { ...newYork, weekendDays: [6] };
    // Friday 12:00 EST + 24 h: 12 h on Friday, Saturday skipped, 12 h into Sunday (starts 05:00Z).
    expect(iso(addBusinessMillis(noSaturday, at('2026-03-06T17:00:00Z'), 24 * HOUR))).toBe('2026-03-08T17:00:00.000Z');
  });

  it('moves 100 years of business time in one call and back', () => {
    const ms = 100 * 365 * 24 * HOUR;
    const result = addBusinessMillis(newYork, at('2026-03-06T14:00:00Z'), ms);
    expect(result.getUTCFullYear()).toBeGreaterThan(2150);
    expect(businessMillisBetween(newYork, at('2026-03-06T14:00:00Z'), result)).toBe(ms);
  });

  it('refuses a negative or fractional duration', () => {
    expect(() => addBusinessMillis(manila, FRIDAY_1500_MANILA, -1)).toThrow(RangeError);
    expect(() => addBusinessMillis(manila, FRIDAY_1500_MANILA, 0.5)).toThrow(RangeError);
  });
});

describe('isBusinessDay', () => {
  it('knows weekends and holidays per calendar', () => {
    const ph = { ...manila, holidays: ['2026-06-12'] };
    expect(isBusinessDay(ph, '2026-03-06')).toBe(true);
    expect(isBusinessDay(ph, '2026-03-07')).toBe(false);
    expect(isBusinessDay(ph, '2026-03-08')).toBe(false);
    expect(isBusinessDay(ph, '2026-06-12')).toBe(false);
    expect(isBusinessDay(nepal, '2026-03-08')).toBe(true);
    expect(isBusinessDay(nepal, '2026-03-07')).toBe(false);
  });

  it('refuses a malformed date', () => {
    expect(() => isBusinessDay(manila, '2026-3-6')).toThrow(RangeError);
    expect(() => isBusinessDay(manila, '2026-02-29')).toThrow(RangeError);
  });
});

describe('validateCalendar', () => {
  it('accepts well-formed calendars, including one with no weekend and repeated weekend days', () => {
    expect(() => validateCalendar(manila)).not.toThrow();
    expect(() => validateCalendar({ timeZone: 'Pacific/Chatham', weekendDays: [], holidays: new Set(['2024-02-29']) })).not.toThrow();
    expect(() => validateCalendar({ timeZone: 'Asia/Riyadh', weekendDays: [5, 6, 6], holidays: [] })).not.toThrow();
  });

  it.each([
    ['an unknown zone', { timeZone: 'Mars/Olympus_Mons', weekendDays: [6, 7], holidays: [] }, /unknown time zone "Mars\/Olympus_Mons"/],
    ['an empty zone', { timeZone: '', weekendDays: [6, 7], holidays: [] }, /time zone/],
    ['a weekend covering the whole week', { timeZone: 'Asia/Manila', weekendDays: [1, 2, 3, 4, 5, 6, 7], holidays: [] }, /all seven days/],
    ['weekday 0', { timeZone: 'Asia/Manila', weekendDays: [0], holidays: [] }, /weekendDays holds 0/],
    ['weekday 8', { timeZone: 'Asia/Manila', weekendDays: [8], holidays: [] }, /weekendDays holds 8/],
    ['a fractional weekday', { timeZone: 'Asia/Manila', weekendDays: [5.5], holidays: [] }, /weekendDays holds 5.5/],
    ['a 30 February holiday', { timeZone: 'Asia/Manila', weekendDays: [6, 7], holidays: ['2026-02-30'] }, /holiday "2026-02-30"/],
    ['a holiday without zero padding', { timeZone: 'Asia/Manila', weekendDays: [6, 7], holidays: ['2026-1-1'] }, /holiday "2026-1-1"/],
    ['a holiday with a time', { timeZone: 'Asia/Manila', weekendDays: [6, 7], holidays: new Set(['2026-01-01T00:00']) }, /holiday "2026-01-01T00:00"/],
  ])('refuses %s with a RangeError naming the problem', (_name, calendar, message) => {
    expect(() => validateCalendar(calendar)).toThrow(RangeError);
    expect(() => validateCalendar(calendar)).toThrow(message);
    // Every function validates the calendar it is given.
    expect(() => addBusinessDays(calendar, FRIDAY_1500_MANILA, 1)).toThrow(RangeError);
  });

  it('mentions the time zone only in time-zone errors (admin forms map messages to fields)', () => {
    const messageOf = (calendar: WorkCalendar) => {
      try {
        validateCalendar(calendar);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(messageOf({ timeZone: 'Nowhere/Town', weekendDays: [6, 7], holidays: [] })).toMatch(/zone/i);
    expect(messageOf({ timeZone: 'Asia/Manila', weekendDays: [1, 2, 3, 4, 5, 6, 7], holidays: [] })).not.toMatch(/zone/i);
    expect(messageOf({ timeZone: 'Asia/Manila', weekendDays: [9], holidays: [] })).not.toMatch(/zone/i);
  });
});
