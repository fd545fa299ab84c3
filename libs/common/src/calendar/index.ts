export type { WorkCalendar } from './work-calendar';
export { validateCalendar } from './work-calendar';
export {
  addBusinessDays,
  addBusinessMillis,
  addCalendarDays,
  businessDaysBetween,
  businessMillisBetween,
  endOfLocalDay,
  isBusinessDay,
  localDateOf,
} from './business-time';
export { parseLocalDate, formatLocalDate } from './civil-date';
