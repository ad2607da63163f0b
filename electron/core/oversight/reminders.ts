/**
 * Deadlines computed locally from the cases and today's date (desk.today()). Pure: the same cases,
 * the same day and the same marks always give the same reminders. Closed (归档) cases and cases
 * imported from stations (read-only at a centre) get none: there is nothing left to do on them here.
 *
 * - confirmation (司法确认): a written, signed agreement of a case still `agreed`, not yet applied for.
 *   The parties may apply within 30 days of the agreement taking effect (人民调解法 art. 33): that is
 *   their right, not the mediator's duty, so it is INFORMATION from `confirmationWarnDays` before the
 *   30th day up to and including it, and never an overdue alarm; after the window it disappears.
 * - performance (履行期限): the agreement's performanceDeadline has passed (today after it) and no
 *   follow-up says `performed`: `overdue`.
 * - follow-up (回访): agreement in force, no follow-up yet; due on agreement.date + followUpDueDays;
 *   `warning` from 3 days before the due day up to and including it, `overdue` after it.
 * - long-mediation (久调未结): accepted (调解中) for more than longMediationDays since the accept date
 *   (the registration date when the log has no accept event): `warning` from 3 days before the limit
 *   up to the limit day, `overdue` after it.
 * - clock: the newest saved event is dated after today: the PC's clock is probably wrong.
 *
 * What leads the day: reminders due today, then this week (the next 7 days), then the overdue ones
 * with the most recent first (an alarm of 1,765 days ago is history, one of yesterday is work), then
 * the later ones; information last. A reminder can be marked done (with a note), snoozed to a date
 * or turned off for its case (`ReminderMark`, kept by the handlers in the store document `reminders`);
 * marked reminders leave the lists and every count, the desktop notification's included.
 *
 * The front desk's time limits (to route, to answer, to feed back, to call back a dissatisfied visitor)
 * join the same list: electron/core/requests/reminders.ts writes them (`extra`), and grouping, order,
 * marks and counts apply to them as to a case's.
 */

import { performanceDeadlineOf } from '../cases/agreement';
import { acceptanceDate } from '../cases/event-text';
import { localDate } from '../dates';
import type { Case } from '../schema/case';
import type { Settings } from '../schema/settings';

export type ReminderKind =
  | 'confirmation'
  | 'performance'
  | 'follow-up'
  | 'long-mediation'
  | 'request-route'
  | 'request-answer'
  | 'request-feedback'
  | 'request-callback';
/** `info`: for the mediator to know and pass on (never an alarm); `warning`: due soon; `overdue`: past due. */
export type Severity = 'info' | 'warning' | 'overdue';
/** Where a reminder stands in the day's order. */
export type ReminderGroup = 'today' | 'week' | 'overdue' | 'later' | 'info';

export const REMINDER_KINDS: Record<ReminderKind, { label: string; information: boolean }> = {
  confirmation: { label: '司法确认申请期限', information: true },
  performance: { label: '协议履行期限', information: false },
  'follow-up': { label: '回访', information: false },
  'long-mediation': { label: '久调未结', information: false },
  'request-route': { label: '待转办', information: false },
  'request-answer': { label: '待答复', information: false },
  'request-feedback': { label: '待反馈', information: false },
  'request-callback': { label: '不满意待回复', information: false },
};

export const REMINDER_KIND_LABELS = Object.fromEntries(Object.entries(REMINDER_KINDS).map(([kind, k]) => [kind, k.label])) as Record<
  ReminderKind,
  string
>;

/** The day's order of the groups, and their Chinese names. */
export const REMINDER_GROUPS: { group: ReminderGroup; label: string }[] = [
  { group: 'today', label: '今天到期' },
  { group: 'week', label: '本周内到期' },
  { group: 'overdue', label: '已逾期' },
  { group: 'later', label: '以后到期' },
  { group: 'info', label: '供参考' },
];

/** Days ahead that count as "this week". */
export const WEEK_DAYS = 7;

export interface Reminder {
  kind: ReminderKind;
  severity: Severity;
  group: ReminderGroup;
  /** What the reminder is about: a case, or a front-desk request (then `caseId`/`caseNumber` are the request's id and 登记编号). */
  subject: 'case' | 'request';
  caseId: string;
  caseNumber: string;
  summary: string;
  dueDate: string;
  /** Days from today to the due date: 0 on the day, negative once it has passed. */
  daysLeft: number;
  message: string;
}

/** What the office decided about one reminder (subject + kind). */
export interface ReminderMark {
  caseId: string;
  kind: ReminderKind;
  /** done: this deadline is dealt with (a new due date brings a new reminder); snoozed: back on `until`; off: never for this case. */
  state: 'done' | 'snoozed' | 'off';
  /** The due date the mark was made for (done). */
  dueDate?: string;
  /** Snoozed until this day (the reminder is back on it). */
  until?: string;
  note?: string;
  at: string;
  operator: string;
}

export interface ClockCheck {
  ok: boolean;
  /** The newest event's timestamp in the register. */
  newestEventAt?: string;
  message?: string;
}

export interface RemindersResult {
  today: string;
  /** All reminders not marked, also those beyond `limit`. */
  total: number;
  /** The first `limit` reminders in the day's order (see the top of this file). */
  reminders: Reminder[];
  /** Alarms only (information is not an alarm). */
  counts: { warning: number; overdue: number; info: number };
  byGroup: Record<ReminderGroup, number>;
  byKind: Record<ReminderKind, number>;
  /** Reminders hidden by a mark (done, snoozed, off). */
  marked: number;
  clock: ClockCheck;
}

/** Days of warning before the follow-up and long-mediation limits (the settings only tune the confirmation window). */
export const SHORT_WARN_DAYS = 3;

type ReminderSettings = Settings['reminders'];

/**
 * Whole days since 1970-01-01 of a YYYY-MM-DD date and back, in integer arithmetic (H. Hinnant's
 * days_from_civil / civil_from_days): this runs for every open case, and building Date objects for
 * each one costs more than the rest of the check.
 */
function dayNo(date: string): number {
  let y = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function dateOf(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

export const __forTests = { dayNo, dateOf };

/** `overdue` after the due day, `warning` from `warnDays` before it up to and including it, else null. */
function severityOf(todayNo: number, dueNo: number, warnDays: number): Severity | null {
  if (todayNo > dueNo) return 'overdue';
  if (todayNo >= dueNo - warnDays) return 'warning';
  return null;
}

function groupOf(severity: Severity, daysLeft: number): ReminderGroup {
  if (severity === 'info') return 'info';
  if (daysLeft < 0) return 'overdue';
  if (daysLeft === 0) return 'today';
  return daysLeft <= WEEK_DAYS ? 'week' : 'later';
}

const GROUP_RANK: Record<ReminderGroup, number> = { today: 0, week: 1, overdue: 2, later: 3, info: 4 };

/** The day's order as one number: group first; within it the nearest due day first (overdue: the most recent). */
function rankOf(d: Due, todayNo: number): number {
  const left = d.dueNo - todayNo;
  return GROUP_RANK[groupOf(d.severity, left)] * 1e7 + (left < 0 && d.severity !== 'info' ? -left : left);
}

function when(daysLeft: number): string {
  if (daysLeft > 0) return `还剩${daysLeft}天`;
  if (daysLeft === 0) return '今天到期';
  return `已超过${-daysLeft}天`;
}

/** The date the case was accepted: the latest `accept` event's date, else the registration date. */
export function acceptedOn(c: Case): string {
  return acceptanceDate(c) ?? c.receivedAt;
}

function hasPerformed(c: Case): boolean {
  for (const f of c.followUps) if (f.performance === 'performed') return true;
  return false;
}

/** A reminder written elsewhere (the front desk's), before its place in the day's order is known. */
export type ReadyReminder = Omit<Reminder, 'group'>;

/** A reminder before its texts are written: sorting and counting need only this. */
interface Due {
  /** The case; or, for a reminder written elsewhere, `ready`. */
  c?: Case;
  ready?: ReadyReminder;
  kind: ReminderKind;
  severity: Severity;
  dueNo: number;
  /** The day's order (rankOf), set once the marks have been applied. */
  rank: number;
}

/**
 * What the reminders read of a case, as numbers (days since 1970; 0 for none). Cached per case object
 * (cases are immutable: a change replaces the object), so that after the first check each case costs
 * one small record instead of its nested objects and date strings.
 */
interface Watch {
  /** 1 accepted, 2 agreed, 0 anything else (or imported: nothing to do here). */
  state: 0 | 1 | 2;
  accepted: number;
  agreement: number;
  /** Written, signed, not applied for judicial confirmation. */
  confirmable: number;
  deadline: number;
  performed: boolean;
  followUps: number;
  effective: number;
}

const watchCache = new WeakMap<Case, Watch>();

function watchOf(c: Case): Watch {
  let w = watchCache.get(c);
  if (w) return w;
  const a = c.agreement;
  const state = c.origin ? 0 : c.status === 'accepted' ? 1 : c.status === 'agreed' && a ? 2 : 0;
  // A signed 补充协议 may move the deadline: the one in force counts.
  const deadline = performanceDeadlineOf(c);
  w = {
    state,
    accepted: state === 1 ? dayNo(acceptedOn(c)) : 0,
    agreement: a ? dayNo(a.date) : 0,
    confirmable: a && a.form === 'written' && a.effectiveDate && !c.confirmation ? dayNo(a.effectiveDate) : 0,
    deadline: deadline ? dayNo(deadline) : 0,
    performed: hasPerformed(c),
    followUps: c.followUps.length,
    effective: a?.effectiveDate ? dayNo(a.effectiveDate) : 0,
  };
  watchCache.set(c, w);
  return w;
}

/** The deadlines of one case that are due or near on `todayNo`, appended to `out`. */
function collect(c: Case, todayNo: number, s: ReminderSettings, out: Due[]): void {
  const w = watchOf(c);
  if (w.state === 0) return;
  if (w.state === 1) {
    const dueNo = w.accepted + s.longMediationDays;
    const severity = severityOf(todayNo, dueNo, SHORT_WARN_DAYS);
    if (severity) out.push({ c, kind: 'long-mediation', severity, dueNo, rank: 0 });
    return;
  }
  if (w.confirmable) {
    // The parties' right, not the mediator's duty: information inside the window, nothing after it.
    const dueNo = w.confirmable + 30;
    if (todayNo <= dueNo && todayNo >= dueNo - s.confirmationWarnDays)
      out.push({ c, kind: 'confirmation', severity: 'info', dueNo, rank: 0 });
  }
  if (w.deadline && todayNo > w.deadline && !w.performed)
    out.push({ c, kind: 'performance', severity: 'overdue', dueNo: w.deadline, rank: 0 });
  if (w.effective && w.followUps === 0) {
    const dueNo = w.agreement + s.followUpDueDays;
    const severity = severityOf(todayNo, dueNo, SHORT_WARN_DAYS);
    if (severity) out.push({ c, kind: 'follow-up', severity, dueNo, rank: 0 });
  }
}

/** The reminder with its Chinese message. */
function materialise(d: Due, todayNo: number, s: ReminderSettings): Reminder {
  if (d.ready) return { ...d.ready, group: groupOf(d.severity, d.dueNo - todayNo) };
  const { kind, severity, dueNo } = d;
  const c = d.c!;
  const due = dateOf(dueNo);
  const a = c.agreement;
  let message: string;
  switch (kind) {
    case 'long-mediation': {
      const since = acceptedOn(c);
      message = `自${since}受理调解至今已${todayNo - dayNo(since)}天，超过${s.longMediationDays}天的要及时办结或终止调解`;
      break;
    }
    case 'confirmation':
      message = `调解协议于${a!.effectiveDate}生效；当事人如需申请司法确认，可在${due}前共同向人民法院提出（当事人的权利，供告知）`;
      break;
    case 'performance':
      message = `协议约定的履行期限${due}已过，尚无回访记录显示已履行`;
      break;
    case 'follow-up':
      message = `${a!.date}达成协议，应于${due}前回访协议履行情况`;
      break;
    default:
      message = REMINDER_KINDS[kind].label;
  }
  const daysLeft = dueNo - todayNo;
  return {
    kind,
    severity,
    group: groupOf(severity, daysLeft),
    subject: 'case',
    caseId: c.id,
    caseNumber: c.number,
    summary: c.summary,
    dueDate: due,
    daysLeft,
    message: `${c.number}：${message}（${when(daysLeft)}）`,
  };
}

/** The newest saved event is the greatest `updatedAt` (each case's last event time); its local day after today means a wrong clock. */
export function checkClock(cases: Iterable<Case>, today: string): ClockCheck {
  let newest: string | undefined;
  let newestMs = -Infinity;
  for (const c of cases) {
    const at = c.updatedAt;
    // Timestamps written by the desk are UTC (`…Z`, 24 characters) and compare as strings; parse only others.
    if (newest !== undefined && at.length === 24 && newest.length === 24 && at.endsWith('Z') && newest.endsWith('Z')) {
      if (at > newest) {
        newest = at;
        newestMs = Date.parse(at);
      }
      continue;
    }
    const ms = Date.parse(at);
    if (ms > newestMs) {
      newestMs = ms;
      newest = at;
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

/**
 * The first `limit` entries in rank order, ties in register order (a stable sort). With a small limit
 * over tens of thousands of entries, the cut-off rank is found on a typed array (numeric sort, no
 * comparator calls) and only the entries up to it are sorted.
 */
function firstByRank(found: Due[], limit: number): Due[] {
  if (found.length <= limit) return found.sort((a, b) => a.rank - b.rank);
  if (limit <= 0) return [];
  const ranks = new Float64Array(found.length);
  for (let i = 0; i < found.length; i++) ranks[i] = found[i].rank;
  ranks.sort();
  const cutoff = ranks[limit - 1];
  const picked: Due[] = [];
  for (const d of found) if (d.rank <= cutoff) picked.push(d);
  picked.sort((a, b) => a.rank - b.rank);
  return picked.slice(0, limit);
}

/** Marks by case and kind, with their days as numbers. */
type MarkIndex = Map<string, { state: ReminderMark['state']; dueNo: number; untilNo: number }>;

const markKey = (caseId: string, kind: string) => `${caseId}\u0000${kind}`;

function indexMarks(marks: readonly ReminderMark[]): MarkIndex {
  const index: MarkIndex = new Map();
  for (const m of marks) {
    index.set(markKey(m.caseId, m.kind), {
      state: m.state,
      dueNo: m.dueDate ? dayNo(m.dueDate) : NaN,
      untilNo: m.until ? dayNo(m.until) : NaN,
    });
  }
  return index;
}

function hiddenByMark(d: Due, todayNo: number, marks: MarkIndex): boolean {
  const m = marks.get(markKey(d.c?.id ?? d.ready!.caseId, d.kind));
  if (!m) return false;
  if (m.state === 'off') return true;
  if (m.state === 'snoozed') return todayNo < m.untilNo;
  return m.dueNo === d.dueNo;
}

export interface ReminderQuery {
  /** Only the first `limit` in the day's order get their texts written; the counts cover all. */
  limit?: number;
  severity?: Severity;
  group?: ReminderGroup;
  kind?: ReminderKind;
  marks?: readonly ReminderMark[];
}

/**
 * Reminders on `today` in the day's order, with counts over all of them, and the clock check. One
 * pass over the register: at 200,000 cases touching each case object costs more than the checks.
 * `extra`: reminders written elsewhere (the front desk's), ordered, marked and counted with the rest.
 */
export function computeReminders(
  cases: Iterable<Case>,
  today: string,
  s: ReminderSettings,
  query: ReminderQuery = {},
  extra: readonly ReadyReminder[] = [],
): RemindersResult {
  const all: Due[] = [];
  const todayNo = dayNo(today);
  for (const ready of extra) all.push({ kind: ready.kind, severity: ready.severity, dueNo: dayNo(ready.dueDate), rank: 0, ready });
  // The newest event time: timestamps compare as strings within one format (`…Z` as the desk writes
  // them; `…+08:00` as imported or generated ones carry), so keep the greatest of each and parse only those.
  let newestUtc = '';
  let newestOther = '';
  for (const c of cases) {
    const status = c.status;
    if (status === 'accepted' || status === 'agreed') collect(c, todayNo, s, all);
    const at = c.updatedAt;
    if (at.charCodeAt(at.length - 1) === 90) {
      if (at > newestUtc) newestUtc = at;
    } else if (at > newestOther) newestOther = at;
  }
  return finishReminders(all, [newestUtc, newestOther], today, s, query);
}

/**
 * Reminders at a centre whose register is in a database: none, since every case there is imported
 * (read-only, nothing left to do at the centre; see `watchOf`), and the clock check from the newest
 * last-event times the database found (per timestamp format, as `computeReminders` keeps them).
 */
export function centreReminders(newest: readonly string[], today: string, s: ReminderSettings, query: ReminderQuery = {}): RemindersResult {
  return finishReminders([], newest, today, s, query);
}

function finishReminders(all: Due[], newest: readonly string[], today: string, s: ReminderSettings, query: ReminderQuery): RemindersResult {
  const todayNo = dayNo(today);
  const marks = indexMarks(query.marks ?? []);
  const found = marks.size ? all.filter((d) => !hiddenByMark(d, todayNo, marks)) : all;
  const counts = { warning: 0, overdue: 0, info: 0 };
  const byKind = Object.fromEntries(Object.keys(REMINDER_KINDS).map((k) => [k, 0])) as Record<ReminderKind, number>;
  const byGroup: Record<ReminderGroup, number> = { today: 0, week: 0, overdue: 0, later: 0, info: 0 };
  for (const d of found) {
    counts[d.severity]++;
    byKind[d.kind]++;
    d.rank = rankOf(d, todayNo);
    byGroup[groupOf(d.severity, d.dueNo - todayNo)]++;
  }
  const wanted = found.filter(
    (d) =>
      (!query.severity || d.severity === query.severity) &&
      (!query.kind || d.kind === query.kind) &&
      (!query.group || groupOf(d.severity, d.dueNo - todayNo) === query.group),
  );
  const shown = firstByRank(wanted, query.limit ?? Infinity);
  const probe = newest.filter(Boolean).map((updatedAt) => ({ updatedAt }) as Case);
  return {
    today,
    total: found.length,
    reminders: shown.map((d) => materialise(d, todayNo, s)),
    counts,
    byGroup,
    byKind,
    marked: all.length - found.length,
    clock: checkClock(probe, today),
  };
}
