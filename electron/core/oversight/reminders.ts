/**
 * Deadlines computed locally from the cases and today's date (desk.today()). Pure: the same cases and
 * the same day always give the same reminders. Closed (归档) cases and cases imported from stations
 * (read-only at a centre) get none: there is nothing left to do on them here.
 *
 * - confirmation (司法确认): a written, signed agreement of a case still `agreed`, not yet applied for.
 *   Due on effectiveDate + 30 days (人民调解法 art. 33: within 30 days of taking effect); `warning`
 *   from `confirmationWarnDays` before the due day up to and including it, `overdue` after it.
 * - performance (履行期限): the agreement's performanceDeadline has passed (today after it) and no
 *   follow-up says `performed`: `overdue`.
 * - follow-up (回访): agreement in force, no follow-up yet; due on agreement.date + followUpDueDays;
 *   `warning` from 3 days before the due day up to and including it, `overdue` after it.
 * - long-mediation (久调未结): accepted (调解中) for more than longMediationDays since the accept date
 *   (receivedAt when the log has no accept event): `warning` from 3 days before the limit up to the
 *   limit day, `overdue` after it.
 * - clock: the newest saved event is dated after today: the PC's clock is probably wrong.
 */

import { addDays, daysBetween, localDate } from '../dates';
import type { Case } from '../schema/case';
import type { Settings } from '../schema/settings';

export type ReminderKind = 'confirmation' | 'performance' | 'follow-up' | 'long-mediation';
export type Severity = 'warning' | 'overdue';

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  confirmation: '司法确认申请期限',
  performance: '协议履行期限',
  'follow-up': '回访',
  'long-mediation': '久调未结',
};

export interface Reminder {
  kind: ReminderKind;
  severity: Severity;
  caseId: string;
  caseNumber: string;
  summary: string;
  dueDate: string;
  /** Days from today to the due date: 0 on the day, negative once it has passed. */
  daysLeft: number;
  message: string;
}

export interface ClockCheck {
  ok: boolean;
  /** The newest event's timestamp in the register. */
  newestEventAt?: string;
  message?: string;
}

export interface RemindersResult {
  today: string;
  reminders: Reminder[];
  counts: { warning: number; overdue: number };
  clock: ClockCheck;
}

/** Days of warning before the follow-up and long-mediation limits (the settings only tune the confirmation window). */
export const SHORT_WARN_DAYS = 3;

type ReminderSettings = Settings['reminders'];

function severityOf(today: string, due: string, warnDays: number): Severity | null {
  if (today > due) return 'overdue';
  if (today >= addDays(due, -warnDays)) return 'warning';
  return null;
}

function when(daysLeft: number): string {
  if (daysLeft > 0) return `还剩${daysLeft}天`;
  if (daysLeft === 0) return '今天到期';
  return `已超过${-daysLeft}天`;
}

/** The date the case was accepted: the latest `accept` event's date, else the received date. */
export function acceptedOn(c: Case): string {
  for (let i = c.events.length - 1; i >= 0; i--) {
    const e = c.events[i];
    if (e.type === 'accept' && typeof e.details.date === 'string') return e.details.date;
  }
  return c.receivedAt;
}

/** The reminders of one case on `today`. */
export function remindersOf(c: Case, today: string, s: ReminderSettings): Reminder[] {
  if (c.origin) return [];
  const out: Reminder[] = [];
  const push = (kind: ReminderKind, severity: Severity, dueDate: string, message: string) => {
    const daysLeft = daysBetween(today, dueDate);
    out.push({ kind, severity, caseId: c.id, caseNumber: c.number, summary: c.summary, dueDate, daysLeft, message: `${c.number}：${message}（${when(daysLeft)}）` });
  };

  if (c.status === 'accepted') {
    const since = acceptedOn(c);
    const due = addDays(since, s.longMediationDays);
    const sev = severityOf(today, due, SHORT_WARN_DAYS);
    if (sev) push('long-mediation', sev, due, `自${since}受理调解至今已${daysBetween(since, today)}天，超过${s.longMediationDays}天的要及时办结或终止调解`);
  }

  if (c.status !== 'agreed' || !c.agreement) return out;
  const a = c.agreement;

  if (a.form === 'written' && a.effectiveDate && !c.confirmation) {
    const due = addDays(a.effectiveDate, 30);
    const sev = severityOf(today, due, s.confirmationWarnDays);
    if (sev) {
      push(
        'confirmation',
        sev,
        due,
        sev === 'overdue'
          ? `调解协议于${a.effectiveDate}生效，申请司法确认的30日期限已于${due}届满`
          : `调解协议于${a.effectiveDate}生效，当事人如需申请司法确认，应在${due}前共同向人民法院提出`,
      );
    }
  }

  const performed = c.followUps.some((f) => f.performance === 'performed');
  if (a.performanceDeadline && !performed && today > a.performanceDeadline) {
    push('performance', 'overdue', a.performanceDeadline, `协议约定的履行期限${a.performanceDeadline}已过，尚无回访记录显示已履行`);
  }

  if (a.effectiveDate && c.followUps.length === 0) {
    const due = addDays(a.date, s.followUpDueDays);
    const sev = severityOf(today, due, SHORT_WARN_DAYS);
    if (sev) push('follow-up', sev, due, `${a.date}达成协议，应于${due}前回访协议履行情况`);
  }
  return out;
}

/** The newest saved event is the greatest `updatedAt` (each case's last event time); its local day after today means a wrong clock. */
export function checkClock(cases: Iterable<Case>, today: string): ClockCheck {
  let newest: string | undefined;
  let newestMs = -Infinity;
  for (const c of cases) {
    const ms = Date.parse(c.updatedAt);
    if (ms > newestMs) {
      newestMs = ms;
      newest = c.updatedAt;
    }
  }
  if (newest === undefined) return { ok: true };
  const newestDay = localDate(new Date(newestMs));
  if (newestDay > today) {
    return {
      ok: false,
      newestEventAt: newest,
      message: `本机日期（${today}）早于已保存的最新操作记录（${newestDay}），电脑时钟可能不准。所有期限都依赖本机日期，请先校正系统时间。`,
    };
  }
  return { ok: true, newestEventAt: newest };
}

const ORDER: Record<Severity, number> = { overdue: 0, warning: 1 };

export function computeReminders(cases: Iterable<Case>, today: string, s: ReminderSettings): RemindersResult {
  const list: Case[] = Array.isArray(cases) ? (cases as Case[]) : [...cases];
  const reminders: Reminder[] = [];
  for (const c of list) {
    if (c.status !== 'accepted' && c.status !== 'agreed') continue;
    for (const r of remindersOf(c, today, s)) reminders.push(r);
  }
  reminders.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.daysLeft - b.daysLeft || (a.caseNumber < b.caseNumber ? -1 : 1));
  const counts = { warning: 0, overdue: 0 };
  for (const r of reminders) counts[r.severity]++;
  return { today, reminders, counts, clock: checkClock(list, today) };
}
