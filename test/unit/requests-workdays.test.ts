/**
 * Working days for the front desk's time limits: China's holidays and adjusted working days (调休上班)
 * from `chinese-days`, and dates an office adds for a year the library does not know yet.
 */

import { describe, expect, it } from 'vitest';

import { WorkingCalendar } from '../../electron/core/requests/workdays';

const calendar = new WorkingCalendar();

describe('working days', () => {
  it('skips the National Day holiday and counts its adjusted Saturday (2026-10-10) as a working day', () => {
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // 调休上班 (a Saturday)
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
    // routed on the last working day before the holiday: 1 working day → the first day after it
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    // 5 working days from 09-30: 10-08, 10-09, 10-10 (Saturday, adjusted), 10-12, 10-13
    expect(calendar.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-13')).toBe(5);
  });

  it('counts the Sunday worked before National Day (2026-09-20) and skips the Mid-Autumn days', () => {
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(calendar.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    expect(calendar.addWorkingDays('2026-09-24', 1)).toBe('2026-09-28'); // 09-25 … 09-27 中秋
  });

  it('across the Spring Festival, with adjusted Saturdays 02-14 and 02-28', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-24', 4)).toBe('2026-02-28');
  });

  it('a limit of 0 working days is the day itself if it is a working day, else the next one', () => {
    expect(calendar.addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(calendar.addWorkingDays('2026-10-03', 0)).toBe('2026-10-08');
  });

  it('knows the years the library has, and lets an office add holidays and adjusted working days for one it does not', () => {
    expect(calendar.knowsYear(2026)).toBe(true);
    expect(calendar.knowsYear(2027)).toBe(false);
    expect(calendar.unknownYears('2026-06-01')).toEqual([]);
    expect(calendar.unknownYears('2026-11-20')).toEqual([2027]);
    // unknown to the library: 2027-01-01 (a Friday) is a working day …
    expect(calendar.addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
    // … until the office adds the announced arrangement
    const office = new WorkingCalendar({ extraHolidays: ['2027-01-01'], extraWorkdays: ['2027-01-02'] });
    expect(office.knowsYear(2027)).toBe(true);
    expect(office.isWorkingDay('2027-01-01')).toBe(false);
    expect(office.isWorkingDay('2027-01-02')).toBe(true); // a Saturday made a working day
    expect(office.addWorkingDays('2026-12-31', 1)).toBe('2027-01-02');
    expect(office.addWorkingDays('2026-12-31', 2)).toBe('2027-01-04');
  });
});
