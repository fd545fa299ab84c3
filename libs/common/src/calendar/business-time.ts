import { DateTime } from 'luxon';
import { DAY_MS, daysFromCivil, formatLocalDate, parseLocalDate } from './civil-date';
import { CompiledCalendar, WorkCalendar, compiled, countBusinessDays, isWorkday, nthBusinessDayAfter } from './work-calendar';

/*
 * Business-day and business-time arithmetic on a WorkCalendar. Every function is pure: instants
 * in (JS Date), instants out, no clock and no database. Semantics, with worked examples:
 * docs/calendar.md.
 *
 * Supported range: instants whose local date (in the calendar's zone) lies in 1900-01-01 ..
 * 2999-12-31, for arguments and results alike; anything else is refused with a RangeError, which
 * bounds the work any call can do.
 */

const FIRST_DAY = daysFromCivil(1900, 1, 1);
const LAST_DAY = daysFromCivil(2999, 12, 31);

function instantOf(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

function checkDay(day: number, what: string): number {
  if (day < FIRST_DAY || day > LAST_DAY) {
    throw new RangeError(`${what} falls outside the supported local dates 1900-01-01 .. 2999-12-31`);
  }
  return day;
}

/** Local day of an argument instant, refusing invalid dates and dates out of range. */
function dayOfArgument(c: CompiledCalendar, ms: number, name: string): number {
  return checkDay(c.zone.dayOf(ms), name);
}

function checkInteger(value: number, name: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer${min === 0 ? ' >= 0' : ''}, got ${String(value)}`);
  }
}

/** Total real length (ms) of the business days in [fromDay, toDay]. */
function businessLength(c: CompiledCalendar, fromDay: number, toDay: number): number {
  if (fromDay > toDay) return 0;
  let total = countBusinessDays(c, fromDay - 1, toDay) * DAY_MS;
  c.zone.forEachIrregularDay(fromDay, toDay, (day, delta) => {
    if (isWorkday(c, day)) total += delta;
  });
  return total;
}

/**
 * Whether a local date ('YYYY-MM-DD') is a business day: neither a weekend day nor a holiday.
 * @throws RangeError for an invalid calendar or a malformed date.
 */
export function isBusinessDay(calendar: WorkCalendar, localDate: string): boolean {
  const c = compiled(calendar);
  const day = parseLocalDate(localDate);
  if (day === null) throw new RangeError(`localDate ${JSON.stringify(localDate)} is not a real date in the form "YYYY-MM-DD"`);
  return isWorkday(c, day);
}

/** The local date ('YYYY-MM-DD') of an instant in the calendar's zone. */
export function localDateOf(calendar: WorkCalendar, instant: Date): string {
  const c = compiled(calendar);
  return formatLocalDate(dayOfArgument(c, instantOf(instant, 'instant'), 'instant'));
}

/**
 * The last millisecond of the instant's local day in the calendar's zone (23:59:59.999 local,
 * i.e. one millisecond before the next local day starts). Manila (UTC+8): 15:59:59.999Z.
 */
export function endOfLocalDay(calendar: WorkCalendar, instant: Date): Date {
  const c = compiled(calendar);
  const day = dayOfArgument(c, instantOf(instant, 'instant'), 'instant');
  return new Date(c.zone.startOf(day + 1) - 1);
}

/**
 * The same local wall-clock time `days` local days later (earlier when negative), in the
 * calendar's zone, whatever lies between (weekends and holidays count). Across a DST change the
 * wall time is kept, so the real time elapsed is 24 h +/- the change; a wall time that does not
 * exist on the result day moves forward by the gap (02:30 on a spring-forward night -> 03:30).
 */
export function addCalendarDays(calendar: WorkCalendar, start: Date, days: number): Date {
  const c = compiled(calendar);
  const ms = instantOf(start, 'start');
  dayOfArgument(c, ms, 'start');
  checkInteger(days, 'days', Number.MIN_SAFE_INTEGER);
  if (Math.abs(days) > LAST_DAY - FIRST_DAY) throw new RangeError('the result falls outside the supported local dates 1900-01-01 .. 2999-12-31');
  const result = DateTime.fromMillis(ms, { zone: c.zone.zone }).plus({ days }).toMillis();
  checkDay(c.zone.dayOf(result), 'the result');
  return new Date(result);
}

/**
 * Adds `n` business days (an integer >= 0).
 *
 * Counting starts on the first business day after the start's local date (the start day itself
 * never counts, whatever its time or kind); the result is the same local time of day as the start,
 * on the n-th business day after the start's local date. Filed Friday 15:00 in Manila, 2 business
 * days -> Tuesday 15:00 (Monday 15:00 with 1; Wednesday 15:00 when Monday is a holiday). Filed on
 * Saturday, 1 business day -> Monday at Saturday's time of day. n = 0 returns the start unchanged.
 *
 * A wall time that does not exist on the result day (DST gap) moves forward by the gap, as luxon
 * does; in the (historical) zones where that would cross midnight, the result is the last
 * millisecond of the n-th business day instead, so it is always on that day.
 *
 * Invariant: businessDaysBetween(c, start, addBusinessDays(c, start, n)) === n.
 */
export function addBusinessDays(calendar: WorkCalendar, start: Date, n: number): Date {
  const c = compiled(calendar);
  const ms = instantOf(start, 'start');
  const startDay = dayOfArgument(c, ms, 'start');
  checkInteger(n, 'n', 0);
  if (n === 0) return new Date(ms);
  if (n > LAST_DAY - FIRST_DAY) throw new RangeError('the result falls outside the supported local dates 1900-01-01 .. 2999-12-31');
  const target = checkDay(nthBusinessDayAfter(c, startDay, n), 'the result');
  let result = DateTime.fromMillis(ms, { zone: c.zone.zone })
    .plus({ days: target - startDay })
    .toMillis();
  const landed = c.zone.dayOf(result);
  if (landed > target) result = c.zone.startOf(target + 1) - 1;
  else if (landed < target) result = c.zone.startOf(target);
  return new Date(result);
}

/**
 * The number of business days d with localDate(from) < d <= localDate(to): 0 on the same local
 * date whatever the times, negative when `to` is before `from` (businessDaysBetween(c, a, b) ===
 * -businessDaysBetween(c, b, a)). Friday -> next Tuesday (no holiday) is 2.
 */
export function businessDaysBetween(calendar: WorkCalendar, from: Date, to: Date): number {
  const c = compiled(calendar);
  const fromDay = dayOfArgument(c, instantOf(from, 'from'), 'from');
  const toDay = dayOfArgument(c, instantOf(to, 'to'), 'to');
  return toDay >= fromDay ? countBusinessDays(c, fromDay, toDay) : 0 - countBusinessDays(c, toDay, fromDay);
}

/**
 * Real time elapsed from `from` to `to`, counting only the instants that fall on business days
 * (a business day counts its whole real length, 24 h, or 23 h / 25 h on a DST change; weekend days
 * and holidays count nothing). Negative when `to` is before `from`. Additive:
 * between(a, b) + between(b, c) === between(a, c).
 */
export function businessMillisBetween(calendar: WorkCalendar, from: Date, to: Date): number {
  const c = compiled(calendar);
  const a = instantOf(from, 'from');
  const b = instantOf(to, 'to');
  const aDay = dayOfArgument(c, a, 'from');
  const bDay = dayOfArgument(c, b, 'to');
  if (b < a) return 0 - forwardBusinessMillis(c, b, bDay, a, aDay); // never -0
  return forwardBusinessMillis(c, a, aDay, b, bDay);
}

function forwardBusinessMillis(c: CompiledCalendar, a: number, aDay: number, b: number, bDay: number): number {
  if (aDay === bDay) return isWorkday(c, aDay) ? b - a : 0;
  const head = isWorkday(c, aDay) ? c.zone.startOf(aDay + 1) - a : 0;
  const tail = isWorkday(c, bDay) ? b - c.zone.startOf(bDay) : 0;
  return head + businessLength(c, aDay + 1, bDay - 1) + tail;
}

/**
 * Moves `ms` (an integer >= 0) of business time forward from `start`, skipping weekend days and
 * holidays: the inverse of businessMillisBetween, so that businessMillisBetween(c, start,
 * addBusinessMillis(c, start, ms)) === ms (for any start: time on non-business days counts
 * nothing), and the result is the earliest such instant. When start is on a weekend day or
 * holiday, movement starts at the beginning of the next business day (Saturday 10:00 + 1 h ->
 * Monday 01:00). ms = 0 returns the start unchanged. A result that lands exactly at the end of a
 * business day is the first instant of the next local day (24:00 = 00:00).
 */
export function addBusinessMillis(calendar: WorkCalendar, start: Date, ms: number): Date {
  const c = compiled(calendar);
  const s = instantOf(start, 'start');
  const startDay = dayOfArgument(c, s, 'start');
  checkInteger(ms, 'ms', 0);
  if (ms === 0) return new Date(s);
  if (ms > (LAST_DAY - FIRST_DAY + 1) * DAY_MS) throw new RangeError('the result falls outside the supported local dates 1900-01-01 .. 2999-12-31');

  let day = startDay;
  let at = s;
  if (!isWorkday(c, day)) {
    day = checkDay(nthBusinessDayAfter(c, day, 1), 'the result');
    at = c.zone.startOf(day);
  }
  const leftToday = c.zone.startOf(day + 1) - at;
  if (ms <= leftToday) return new Date(at + ms);

  // The rest falls in a later business day x: the first with businessLength(day + 1, x) >= rest.
  const rest = ms - leftToday;
  const firstDay = day + 1;
  let businessDays = Math.ceil(rest / DAY_MS) + 1;
  let hi: number;
  for (;;) {
    hi = checkDay(nthBusinessDayAfter(c, day, businessDays), 'the result');
    if (businessLength(c, firstDay, hi) >= rest) break;
    businessDays *= 2;
  }
  let lo = day;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (businessLength(c, firstDay, mid) >= rest) hi = mid;
    else lo = mid;
  }
  const result = c.zone.startOf(hi) + (rest - businessLength(c, firstDay, hi - 1));
  checkDay(c.zone.dayOf(result - 1), 'the result');
  return new Date(result);
}
