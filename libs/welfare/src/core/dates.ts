/**
 * Calendar dates as strict 'YYYY-MM-DD' strings, no time zone. Arithmetic goes through whole day
 * numbers ("epoch days": 1970-01-01 is 0) from libs/common/src/calendar/civil-date.ts, itself pure
 * (imported by file, so the core still pulls in nothing of Nest).
 */
import { civilFromDays, daysFromCivil, daysInMonth, formatLocalDate, parseLocalDate } from '@app/common/calendar/civil-date';
import { InvalidWelfareInputError } from './errors';

/** Epoch day of a strict, real 'YYYY-MM-DD' date, or null. */
export const parseDay = parseLocalDate;

/** Epoch day of a date, or an InvalidWelfareInputError naming `field`. */
export function requireDay(text: unknown, field: string, Err: new (field: string, problem: string) => Error = InvalidWelfareInputError): number {
  const d = parseDay(text);
  if (d === null) throw new Err(field, `must be a real date as YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return d;
}

/** 'YYYY-MM-DD' of an epoch day. */
export const formatDay = formatLocalDate;

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
