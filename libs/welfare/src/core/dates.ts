/**
 * Calendar dates as strict 'YYYY-MM-DD' strings, no time zone. Arithmetic goes through whole day
 * numbers ("epoch days": 1970-01-01 is 0), as in libs/common/src/calendar/civil-date.ts (same
 * algorithms, H. Hinnant's "chrono-Compatible Low-Level Date Algorithms"); kept here so the core
 * depends on nothing.
 */
import { InvalidWelfareInputError } from './errors';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(epochDay: number): [number, number, number] {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Epoch day of a strict, real 'YYYY-MM-DD' date, or null. */
export function parseDay(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = DATE_PATTERN.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** Epoch day of a date, or an InvalidWelfareInputError naming `field`. */
export function requireDay(text: unknown, field: string, Err: new (field: string, problem: string) => Error = InvalidWelfareInputError): number {
  const d = parseDay(text);
  if (d === null) throw new Err(field, `must be a real date as YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return d;
}

/** 'YYYY-MM-DD' of an epoch day. */
export function formatDay(epochDay: number): string {
  const [y, m, d] = civilFromDays(epochDay);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The date `days` days after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  return formatDay(requireDay(date, 'date') + days);
}

/**
 * The `months`-month anniversary of `date`: the same day of the month `months` months later; when
 * that month has no such day (the 31st, 29 February), the 1st of the month after it.
 * 2024-01-15 + 1 = 2024-02-15; 2024-01-31 + 1 = 2024-03-01; 2024-02-29 + 12 = 2025-03-01.
 * So "the day before the anniversary" (the last day of a contract of `months` months) never loses
 * a day: 2024-01-31 + 1 month ends 2024-02-29, 2024-02-29 + 12 months ends 2025-02-28.
 */
export function monthAnniversary(date: string, months: number): string {
  const d = requireDay(date, 'date');
  const [y, m, day] = civilFromDays(d);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  if (day <= daysInMonth(year, month)) return formatDay(daysFromCivil(year, month, day));
  return formatDay(daysFromCivil(year, month, daysInMonth(year, month)) + 1);
}
