/**
 * Calendar dates as `YYYY-MM-DD` strings in the office's local time. Deadlines count in whole days,
 * so the core never does date arithmetic on timestamps directly.
 */

export type DateString = string;

/** The source of "now": injected so that reminders and tests can fix the day. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The local calendar date of an instant. */
export function localDate(instant: Date): DateString {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/** The local date and time of an instant to the minute: `2026-11-23T09:05`. */
export function localDateTime(instant: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDate(instant)}T${pad(instant.getHours())}:${pad(instant.getMinutes())}`;
}

export function today(clock: Clock = systemClock): DateString {
  return localDate(clock.now());
}

export function addDays(date: DateString, days: number): DateString {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return shifted.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: DateString, to: DateString): number {
  const toUtc = (s: DateString) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/** `2026-11-22` → `2026年11月22日` (GB/T 9704-2012: Arabic numerals, no leading zeros). */
export function formatDateArabic(date: DateString): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
