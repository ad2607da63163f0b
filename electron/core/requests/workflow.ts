/**
 * The request workflow as a pure state machine (no I/O): given a request, an action and its validated
 * details, the change to apply, or NOT_ALLOWED saying why.
 *
 *   registered ─answer→ answered ──────────────────────────────┐
 *        │ (约期答复)                                            ├─follow-up→ followed-up ─close→ closed
 *        ├─route→ routed ─feedback→ fed-back ─notify→ (told) ───┤
 *        │          └─extend→ in-progress ─feedback→ fed-back   │
 *        └─to-mediation→ in-progress (the case) ─feedback→ …    └─close→ closed
 *
 * Registered with an answer at the desk (当场解答 and the like) a request starts `answered`, or
 * `closed` when closed at once. A follow-up rated 不满意 owes a call-back (`call-back`), and the request
 * cannot be closed until it is recorded. Time limits are working days (./workdays.ts) and stored
 * with the request when they start, so a later change of the settings never moves a past deadline.
 */

import { dropUndefined } from '../cases/workflow';
import { DeskError } from '../errors';
import { REQUEST_STATES, type RequestState } from '../schema/codes';
import {
  type Request,
  REQUEST_ACTION_LABELS,
  type RequestAction,
  type RequestActionDetails,
  type RequestFollowUp,
  type Routing,
} from '../schema/request';
import type { FrontDeskSettings } from '../schema/settings';
import { feedbackDueOf } from './deadlines';
import type { WorkingCalendar } from './workdays';

export interface RequestWorkflowContext {
  today: string;
  operator: string;
  frontDesk: FrontDeskSettings;
  calendar: WorkingCalendar;
  newId(): string;
}

export interface RequestTransition {
  change: Partial<Request>;
  /** What the event log records for this action. */
  details: Record<string, unknown>;
}

export const ALLOWED_FROM: Record<RequestAction, readonly RequestState[]> = {
  answer: ['registered'],
  route: ['registered'],
  extend: ['routed', 'in-progress'],
  feedback: ['routed', 'in-progress'],
  notify: ['fed-back'],
  'follow-up': ['answered', 'fed-back', 'followed-up', 'closed'],
  'call-back': ['answered', 'fed-back', 'followed-up', 'closed'],
  'to-mediation': ['registered', 'answered'],
  close: ['answered', 'fed-back', 'followed-up'],
};

/** The day a request was received (its receivedAt may carry a time). */
export const receivedDay = (r: Pick<Request, 'receivedAt'>): string => r.receivedAt.slice(0, 10);

/** The follow-up whose 不满意 still waits for its call-back, if any. */
export function pendingCallback(r: Pick<Request, 'followUps'>): RequestFollowUp | undefined {
  return r.followUps.find((f) => f.callback && !f.callback.date);
}

/** Why the action is not possible now, or null: the screen offers exactly the allowed ones. */
export function whyNot(r: Request, action: RequestAction): string | null {
  if (r.origin) return '这是从站点上报的来访登记，在中心只能查看';
  if (!ALLOWED_FROM[action].includes(r.state)) {
    const allowed = ALLOWED_FROM[action].map((s) => `“${REQUEST_STATES.label(s)}”`).join('、');
    return `当前状态为“${REQUEST_STATES.label(r.state)}”，此操作只适用于${allowed}的登记`;
  }
  switch (action) {
    case 'answer':
      if (r.handling !== 'scheduled') return '处理方式不是“约期答复”：转办的请办理转办，转人民调解的请转人民调解';
      return null;
    case 'route':
      if (r.handling === 'to-mediation') return '处理方式为“转人民调解”，请办理转人民调解';
      return null;
    case 'notify':
      if (r.notified) return `已于${r.notified.date}告知来访人`;
      return null;
    case 'follow-up':
      if (r.state === 'fed-back' && !r.notified) return '尚未告知来访人办理结果，请先登记告知';
      if (pendingCallback(r)) return '上次回访不满意，尚未处理，请先登记处理情况';
      return null;
    case 'call-back':
      return pendingCallback(r) ? null : '没有待处理的不满意回访';
    case 'to-mediation':
      if (r.mediationCase) return `已转为人民调解案件${r.mediationCase.number}`;
      return null;
    case 'close':
      if (r.state === 'fed-back' && !r.notified) return '尚未告知来访人办理结果，请先登记告知';
      if (pendingCallback(r)) return '回访不满意尚未处理，处理后才能办结';
      return null;
    default:
      return null;
  }
}

export function availableRequestActions(r: Request): { action: RequestAction; label: string; allowed: boolean; reason?: string }[] {
  return (Object.keys(ALLOWED_FROM) as RequestAction[]).map((action) => {
    const reason = whyNot(r, action);
    return { action, label: REQUEST_ACTION_LABELS[action], allowed: reason === null, ...(reason ? { reason } : {}) };
  });
}

function refuse(action: RequestAction, why: string): never {
  throw new DeskError('NOT_ALLOWED', `不能${REQUEST_ACTION_LABELS[action]}：${why}`);
}

/** The action's date: today by default, never in the future, never before `earliest`. */
function dateFor(action: RequestAction, given: string | undefined, ctx: RequestWorkflowContext, earliest: string, what: string): string {
  const date = given ?? ctx.today;
  if (date > ctx.today) throw new DeskError('VALIDATION', `日期：${date}晚于今天`, { field: 'details.date' });
  if (date < earliest) refuse(action, `日期${date}早于${what}（${earliest}）`);
  return date;
}

/** The back office named, as the settings spell it; VALIDATION listing the choices otherwise. */
export function officeFrom(list: readonly string[], given: string): string {
  const found = list.find((o) => o === given.trim());
  if (!found)
    throw new DeskError('VALIDATION', `承办单位：“${given}”不在承办单位列表中，可选：${list.join('、')}（可在“设置 → 统一受理”中增加）`, {
      field: 'details.office',
    });
  return found;
}

/** The change and log details of `action`. `to-mediation` is prepared here and completed by the service (it makes the case). */
export function requestTransition<A extends RequestAction>(
  r: Request,
  action: A,
  input: RequestActionDetails<A>,
  ctx: RequestWorkflowContext,
): RequestTransition {
  const reason = whyNot(r, action);
  if (reason) refuse(action, reason);
  const day = receivedDay(r);
  const by = ctx.operator;
  switch (action) {
    case 'answer': {
      const d = input as RequestActionDetails<'answer'>;
      const date = dateFor(action, d.date, ctx, day, '登记日期');
      return { change: { answer: { date, by, text: d.answer }, state: 'answered' }, details: { date } };
    }
    case 'route': {
      const d = input as RequestActionDetails<'route'>;
      const date = dateFor(action, d.date, ctx, day, '登记日期');
      const office = officeFrom(ctx.frontDesk.offices, d.office);
      const routing: Routing = { office, date, by, feedbackDue: ctx.calendar.addWorkingDays(date, ctx.frontDesk.feedbackDays) };
      // Routed after all (it was registered for a scheduled answer): the promised answer date no longer applies.
      const change: Partial<Request> = { routing, handling: 'route', state: 'routed', answerDue: undefined };
      return { change, details: { date, office, feedbackDue: routing.feedbackDue } };
    }
    case 'extend': {
      const d = input as RequestActionDetails<'extend'>;
      if (!r.routing) refuse(action, '只有已转办的登记可以延期');
      const routing = r.routing;
      const date = dateFor(action, d.date, ctx, routing.date, '转办日期');
      const until = d.until ?? ctx.calendar.addWorkingDays(routing.date, d.days!);
      const limit = ctx.calendar.addWorkingDays(routing.date, ctx.frontDesk.maxFeedbackDays);
      const current = feedbackDueOf(routing);
      if (until <= current) refuse(action, `延至日期${until}不晚于现在的反馈期限${current}`);
      if (until > limit) refuse(action, `最多延至转办后${ctx.frontDesk.maxFeedbackDays}个工作日（${limit}）`);
      return {
        change: { routing: { ...routing, extendedTo: until, extendReason: d.reason }, state: 'in-progress' },
        details: { date, from: current, until, reason: d.reason },
      };
    }
    case 'feedback': {
      const d = input as RequestActionDetails<'feedback'>;
      const since = r.routing?.date ?? r.mediationCase?.date ?? day;
      const date = dateFor(action, d.date, ctx, since, r.routing ? '转办日期' : '转人民调解日期');
      const from = d.by || r.routing?.office || by;
      return { change: { feedback: { date, by: from, result: d.result }, state: 'fed-back' }, details: { date, by: from } };
    }
    case 'notify': {
      const d = input as RequestActionDetails<'notify'>;
      const date = dateFor(action, d.date, ctx, r.feedback!.date, '办理结果的日期');
      return { change: { notified: dropUndefined({ date, by, method: d.method, notes: d.notes }) }, details: { date, method: d.method } };
    }
    case 'follow-up': {
      const d = input as RequestActionDetails<'follow-up'>;
      const told = r.notified?.date ?? r.answer?.date ?? day;
      const date = dateFor(action, d.date, ctx, told, r.notified ? '告知日期' : '答复日期');
      const followUp: RequestFollowUp = dropUndefined({ id: ctx.newId(), date, by, satisfaction: d.satisfaction, notes: d.notes });
      if (d.satisfaction === 'dissatisfied') followUp.callback = { due: ctx.calendar.addWorkingDays(date, ctx.frontDesk.callbackDays) };
      return {
        change: { followUps: [...r.followUps, followUp], state: r.state === 'closed' ? 'closed' : 'followed-up' },
        details: dropUndefined({ date, satisfaction: d.satisfaction, callbackDue: followUp.callback?.due }),
      };
    }
    case 'call-back': {
      const d = input as RequestActionDetails<'call-back'>;
      const pending = pendingCallback(r)!;
      const date = dateFor(action, d.date, ctx, pending.date, '回访日期');
      const followUps = r.followUps.map((f) =>
        f.id === pending.id ? { ...f, callback: { ...f.callback!, date, by, notes: d.notes } } : f,
      );
      return { change: { followUps }, details: { date, followUpId: pending.id, due: pending.callback!.due } };
    }
    case 'to-mediation': {
      const d = input as RequestActionDetails<'to-mediation'>;
      const date = dateFor(action, d.date, ctx, day, '登记日期');
      return { change: { handling: 'to-mediation', state: 'in-progress', answerDue: undefined }, details: { date } };
    }
    case 'close': {
      const d = input as RequestActionDetails<'close'>;
      const last = [r.answer?.date, r.notified?.date, ...r.followUps.map((f) => f.date)].filter(Boolean).sort().at(-1) ?? day;
      const date = dateFor(action, d.date, ctx, last, '最近一次办理');
      return { change: { state: 'closed', closedAt: date }, details: { date } };
    }
  }
  throw new DeskError('INTERNAL', `未知的操作${String(action)}`);
}

/** The time limits a new registration starts with, from its handling. */
export function initialDues(
  handling: Request['handling'],
  day: string,
  settings: FrontDeskSettings,
  calendar: WorkingCalendar,
): Partial<Request> {
  if (handling === 'route') return { routeDue: calendar.addWorkingDays(day, settings.routeDays) };
  if (handling === 'scheduled') return { answerDue: calendar.addWorkingDays(day, settings.answerDays) };
  return {};
}
