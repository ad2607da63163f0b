/**
 * The front desk's time limits as reminders (they join the case reminders in `reminders.list`, the
 * 工作台 panel, the command line and the desktop notification): a request waiting to be routed, to be
 * answered, for the back office's feedback, or a 不满意 waiting for its call-back. `warning` from the
 * day before the due day up to and including it (the limits are a few working days long), `overdue` after it. Requests imported at a
 * centre have none: nothing is done on them there.
 */

import { daysBetween } from '../dates';
import type { ReadyReminder, ReminderKind, Severity } from '../oversight/reminders';
import { BUSINESS_TYPES } from '../schema/codes';
import type { Request } from '../schema/request';
import { type DeadlineKind, deadlinesOf } from './deadlines';

const KINDS: Record<DeadlineKind, ReminderKind> = {
  route: 'request-route',
  answer: 'request-answer',
  feedback: 'request-feedback',
  callback: 'request-callback',
};

function when(daysLeft: number): string {
  if (daysLeft > 0) return `还剩${daysLeft}天`;
  if (daysLeft === 0) return '今天到期';
  return `已超过${-daysLeft}天`;
}

function what(r: Request, kind: DeadlineKind, due: string): string {
  const who = `${r.visitor.name}的${BUSINESS_TYPES.label(r.businessType)}`;
  switch (kind) {
    case 'route':
      return `${who}应于${due}前转办`;
    case 'answer':
      return `${who}约定于${due}前答复`;
    case 'feedback':
      return `${who}已转${r.routing?.office ?? '承办单位'}，应于${due}前反馈办理结果`;
    case 'callback':
      return `${who}回访不满意，应于${due}前回复处理`;
  }
}

export function requestReminders(requests: Iterable<Request>, today: string): ReadyReminder[] {
  const out: ReadyReminder[] = [];
  for (const r of requests) {
    if (r.origin) continue;
    for (const d of deadlinesOf(r)) {
      if (d.met) continue;
      const daysLeft = daysBetween(today, d.due);
      const severity: Severity | null = daysLeft < 0 ? 'overdue' : daysLeft <= 1 ? 'warning' : null;
      if (!severity) continue;
      out.push({
        kind: KINDS[d.kind],
        severity,
        subject: 'request',
        caseId: r.id,
        caseNumber: r.number,
        summary: r.matter.length > 30 ? `${r.matter.slice(0, 30)}…` : r.matter,
        dueDate: d.due,
        daysLeft,
        message: `${r.number}：${what(r, d.kind, d.due)}（${when(daysLeft)}）`,
      });
    }
  }
  return out;
}
