export {
  type Calendar,
  type CalendarConfig,
  createCalendar,
  SWEDISH_CALENDAR_CONFIG,
  swedishCalendar,
  type WorkingHours,
} from './calendar';
export { swedishNonWorkingDates } from './holidays';
export type { InstantInput } from './zoned';
