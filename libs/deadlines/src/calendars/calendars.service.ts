import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundException, WorkCalendar } from '@app/common';

/** The calendar columns of a jurisdiction row `j`, holidays as an array of 'YYYY-MM-DD' (for other reads to join). */
export const CALENDAR_COLUMNS = `j.time_zone AS calendar_time_zone, j.weekend_days AS calendar_weekend_days,
  ARRAY(SELECT h.date::text FROM holiday h WHERE h.jurisdiction_code = j.code ORDER BY h.date) AS calendar_holidays`;

export interface CalendarRow {
  calendar_time_zone: string;
  calendar_weekend_days: number[];
  calendar_holidays: string[];
}

// Calendars as read, by content: the same content gives the same (immutable) object, so
// WorkCalendar's per-object compiled form is built once per version of a calendar, not per use.
const seen = new Map<string, WorkCalendar>();
const SEEN_MAX = 256;

/** The calendar of a row read with CALENDAR_COLUMNS. */
export function calendarOfRow(row: CalendarRow): WorkCalendar {
  const key = `${row.calendar_time_zone}|${row.calendar_weekend_days.join(',')}|${row.calendar_holidays.join(',')}`;
  let calendar = seen.get(key);
  if (!calendar) {
    if (seen.size >= SEEN_MAX) seen.delete(seen.keys().next().value!);
    calendar = Object.freeze({
      timeZone: row.calendar_time_zone,
      weekendDays: Object.freeze([...row.calendar_weekend_days]),
      holidays: Object.freeze(new Set(row.calendar_holidays)),
    });
    seen.set(key, calendar);
  }
  return calendar;
}

/**
 * The working calendar of a jurisdiction, read from Postgres. Read on every use (one small
 * indexed query) rather than cached, so an admin's new holiday counts at once in every process;
 * only the compiled form of an unchanged calendar is reused.
 */
@Injectable()
export class CalendarsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async calendarOf(code: string, manager: EntityManager = this.db.manager): Promise<WorkCalendar> {
    const [row] = (await manager.query(`SELECT ${CALENDAR_COLUMNS} FROM jurisdiction j WHERE j.code = $1`, [code])) as CalendarRow[];
    if (!row) throw new NotFoundException('jurisdiction');
    return calendarOfRow(row);
  }
}
