import { IANAZone } from 'luxon';
import { isoWeekday, parseLocalDate } from './civil-date';
import { ZoneDays, upperBound } from './zone-days';

/**
 * The working calendar of a jurisdiction: plain data, as an admin edits it. Treat a calendar as
 * an immutable value: build a new object when it changes (compiled forms are cached per object).
 */
export interface WorkCalendar {
  /** IANA zone of the jurisdiction, e.g. 'Asia/Manila', 'Asia/Kathmandu' (+05:45). */
  readonly timeZone: string;
  /** ISO weekdays (1 = Monday .. 7 = Sunday) that are not working days, e.g. [6, 7]; Nepal [6]. */
  readonly weekendDays: readonly number[];
  /** Local dates 'YYYY-MM-DD' that are not working days. */
  readonly holidays: ReadonlySet<string> | readonly string[];
}

/** A calendar validated and turned into lookup tables. Internal to this folder. */
export interface CompiledCalendar {
  readonly zone: ZoneDays;
  /** isWeekend[w] for ISO weekday w (index 0 unused). */
  readonly isWeekend: readonly boolean[];
  /** Working weekdays in a full week (1..7). */
  readonly workdaysPerWeek: number;
  /** partialWeek[w][r]: working weekdays among the r consecutive days starting on ISO weekday w (r < 7). */
  readonly partialWeek: readonly (readonly number[])[];
  /** Every holiday, as an epoch day. */
  readonly holidays: ReadonlySet<number>;
  /** Holidays that fall on working weekdays (the ones that remove a business day), sorted. */
  readonly workdayHolidays: readonly number[];
}

interface CacheEntry {
  readonly timeZone: string;
  readonly weekendDays: readonly number[];
  readonly weekendLength: number;
  readonly holidays: WorkCalendar['holidays'];
  readonly holidayCount: number;
  readonly compiled: CompiledCalendar;
}

const cache = new WeakMap<object, CacheEntry>();

const fail = (message: string): never => {
  throw new RangeError(`Invalid work calendar: ${message}`);
};

function holidayList(holidays: unknown): readonly unknown[] {
  if (holidays instanceof Set) return [...holidays];
  if (Array.isArray(holidays)) return holidays;
  return fail('holidays must be an array or a Set of local dates "YYYY-MM-DD"');
}

function compile(calendar: WorkCalendar): CompiledCalendar {
  if (typeof calendar !== 'object' || calendar === null) fail('expected an object with timeZone, weekendDays and holidays');
  const { timeZone, weekendDays, holidays } = calendar;

  if (typeof timeZone !== 'string' || timeZone.trim() === '' || !IANAZone.isValidZone(timeZone)) {
    fail(`unknown time zone ${JSON.stringify(timeZone)}; expected an IANA zone name such as "Asia/Manila"`);
  }

  if (!Array.isArray(weekendDays)) fail('weekendDays must be an array of ISO weekday numbers (1 = Monday .. 7 = Sunday)');
  const isWeekend = new Array<boolean>(8).fill(false);
  for (const w of weekendDays) {
    if (!Number.isInteger(w) || w < 1 || w > 7) fail(`weekendDays holds ${JSON.stringify(w)}; expected ISO weekday numbers 1 (Monday) to 7 (Sunday)`);
    isWeekend[w] = true;
  }
  const workdaysPerWeek = isWeekend.slice(1).filter((weekend) => !weekend).length;
  if (workdaysPerWeek === 0) fail('weekendDays covers all seven days of the week; at least one day must be a working day');

  const partialWeek: number[][] = [[]];
  for (let w = 1; w <= 7; w++) {
    const row = [0];
    for (let r = 1; r < 7; r++) row.push(row[r - 1] + (isWeekend[((w - 1 + r - 1) % 7) + 1] ? 0 : 1));
    partialWeek.push(row);
  }

  const holidayDays = new Set<number>();
  for (const text of holidayList(holidays)) {
    const day = parseLocalDate(text);
    if (day === null) fail(`holiday ${JSON.stringify(text)} is not a real date in the form "YYYY-MM-DD"`);
    holidayDays.add(day as number);
  }
  const workdayHolidays = [...holidayDays].filter((d) => !isWeekend[isoWeekday(d)]).sort((a, b) => a - b);

  return { zone: ZoneDays.of(timeZone), isWeekend, workdaysPerWeek, partialWeek, holidays: holidayDays, workdayHolidays };
}

/**
 * Validated, compiled form of a calendar, cached per calendar object (recompiled when its zone,
 * weekend array or holiday collection is replaced or changes size).
 * @throws RangeError when the calendar is invalid.
 */
export function compiled(calendar: WorkCalendar): CompiledCalendar {
  const hit = typeof calendar === 'object' && calendar !== null ? cache.get(calendar) : undefined;
  const holidays = calendar?.holidays;
  const holidayCount = holidays instanceof Set ? holidays.size : Array.isArray(holidays) ? holidays.length : -1;
  if (
    hit &&
    hit.timeZone === calendar.timeZone &&
    hit.weekendDays === calendar.weekendDays &&
    hit.weekendLength === calendar.weekendDays.length &&
    hit.holidays === holidays &&
    hit.holidayCount === holidayCount
  ) {
    return hit.compiled;
  }
  const result = compile(calendar);
  cache.set(calendar, {
    timeZone: calendar.timeZone,
    weekendDays: calendar.weekendDays,
    weekendLength: calendar.weekendDays.length,
    holidays,
    holidayCount,
    compiled: result,
  });
  return result;
}

/**
 * Checks a calendar an admin entered: the zone is a known IANA zone, the weekend days are ISO
 * weekday numbers 1-7 that leave at least one working day (repeats are harmless), every holiday
 * is a real date written 'YYYY-MM-DD'.
 * @throws RangeError whose message names what is wrong ("time zone" appears only in zone errors).
 */
export function validateCalendar(calendar: WorkCalendar): void {
  compiled(calendar);
}

/** Whether a local day is a working day: not a weekend day, not a holiday. */
export function isWorkday(c: CompiledCalendar, day: number): boolean {
  return !c.isWeekend[isoWeekday(day)] && !c.holidays.has(day);
}

/** Business days d with from < d <= to (from <= to). O(log holidays). */
export function countBusinessDays(c: CompiledCalendar, from: number, to: number): number {
  const length = to - from;
  const weekdays = Math.floor(length / 7) * c.workdaysPerWeek + c.partialWeek[isoWeekday(from + 1)][length % 7];
  const holidays = upperBound(c.workdayHolidays, to) - upperBound(c.workdayHolidays, from);
  return weekdays - holidays;
}

/** The n-th business day after `from` (n >= 1): the smallest d with countBusinessDays(from, d) = n. */
export function nthBusinessDayAfter(c: CompiledCalendar, from: number, n: number): number {
  // Each holiday after `from` removes at most one business day, so this many weeks always suffice.
  const holidaysAfter = c.workdayHolidays.length - upperBound(c.workdayHolidays, from);
  let lo = from;
  let hi = from + 7 * Math.ceil((n + holidaysAfter) / c.workdaysPerWeek);
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (countBusinessDays(c, from, mid) >= n) hi = mid;
    else lo = mid;
  }
  return hi;
}
