/**
 * Working days (工作日) for the front desk's time limits: China's public holidays and adjusted working
 * days (调休上班) from the maintained `chinese-days` calendar, plus dates an office adds in 设置 for a
 * year the calendar does not know yet (the State Council announces each year's arrangement in
 * November or December; until the library is updated, an office types them in).
 *
 * "Within N working days of D" means by the N-th working day after D: routed on a Friday with one
 * working day to feed back, the due day is Monday; over the National Day holiday it is the first
 * working day after it (possibly an adjusted Saturday).
 */

import chineseDays from 'chinese-days';

import { addDays } from '../dates';
import type { FrontDeskSettings } from '../schema/settings';

// The package is CommonJS built as one bundle: Node's ESM loader sees only its default export.
const { getHolidaysInRange, isWorkday } = chineseDays;

export type CalendarAdditions = Pick<FrontDeskSettings, 'extraHolidays' | 'extraWorkdays'>;

/** Years the built-in calendar has an arrangement for (it has none for a year not yet announced). */
const knownByLibrary = new Map<number, boolean>();

function libraryKnows(year: number): boolean {
  let known = knownByLibrary.get(year);
  if (known === undefined) {
    // Holidays on weekdays exist in every announced year (元旦, 春节, 国庆…); none means not announced.
    known = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    knownByLibrary.set(year, known);
  }
  return known;
}

export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;
  private readonly cache = new Map<string, boolean>();

  constructor(additions: CalendarAdditions = { extraHolidays: [], extraWorkdays: [] }) {
    this.holidays = new Set(additions.extraHolidays);
    this.workdays = new Set(additions.extraWorkdays);
  }

  isWorkingDay(date: string): boolean {
    let working = this.cache.get(date);
    if (working === undefined) {
      working = this.holidays.has(date) ? false : this.workdays.has(date) ? true : isWorkday(date);
      this.cache.set(date, working);
    }
    return working;
  }

  /** The `n`-th working day after `date` (n ≥ 1); for n = 0, `date` itself if it is a working day, else the next one. */
  addWorkingDays(date: string, n: number): string {
    let day = date;
    if (n <= 0) {
      while (!this.isWorkingDay(day)) day = addDays(day, 1);
      return day;
    }
    for (let left = n; left > 0;) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not later). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (this.isWorkingDay(day)) count++;
    return count;
  }

  /** Whether the calendar knows `year`'s holidays: the library's data, or dates the office added for it. */
  knowsYear(year: number): boolean {
    if (libraryKnows(year)) return true;
    const prefix = `${year}-`;
    for (const date of this.holidays) if (date.startsWith(prefix)) return true;
    return false;
  }

  /**
   * This year and, from November, the next, when the calendar does not know them: deadlines reaching
   * into them would ignore that year's holidays, so 统一受理 and 设置 ask the office to add them.
   */
  unknownYears(today: string): number[] {
    const year = Number(today.slice(0, 4));
    const years = Number(today.slice(5, 7)) >= 11 ? [year, year + 1] : [year];
    return years.filter((y) => !this.knowsYear(y));
  }
}

export function calendarOf(settings: { frontDesk: CalendarAdditions }): WorkingCalendar {
  return new WorkingCalendar(settings.frontDesk);
}
