/**
 * The time limits of a request and whether they were kept: what the pending queues, the reminders and
 * the statistics all read, so that "overdue" means one thing everywhere.
 *
 * - route (转办): `routeDue`, kept by routing (or handing over to mediation) on or before it;
 * - answer (约期答复): `answerDue`, kept by the answer;
 * - feedback (承办单位反馈): the routing's feedback due date (an extension's when granted), kept by the feedback;
 * - callback (不满意回复): each 不满意 follow-up's due date, kept by the call-back.
 * A limit not yet kept is open; it is overdue once today is after its due day.
 */

import type { Request, Routing } from '../schema/request';

export type DeadlineKind = 'route' | 'answer' | 'feedback' | 'callback';

export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  route: '待转办',
  answer: '待答复',
  feedback: '待反馈',
  callback: '不满意待回复',
};

export interface Deadline {
  kind: DeadlineKind;
  due: string;
  /** The day it was kept (or kept late), if it has been. */
  met?: string;
}

/** Every time limit the request has had, in the order they arise. */
/** The feedback due date in force: an extension replaces the original. */
export const feedbackDueOf = (routing: Routing): string => routing.extendedTo ?? routing.feedbackDue;

export function deadlinesOf(r: Request): Deadline[] {
  const list: Deadline[] = [];
  if (r.routeDue) list.push(kept('route', r.routeDue, r.routing?.date ?? r.mediationCase?.date));
  if (r.answerDue) list.push(kept('answer', r.answerDue, r.answer?.date));
  if (r.routing) list.push(kept('feedback', feedbackDueOf(r.routing), r.feedback?.date));
  for (const f of r.followUps) if (f.callback) list.push(kept('callback', f.callback.due, f.callback.date));
  return list;
}

function kept(kind: DeadlineKind, due: string, met: string | undefined): Deadline {
  return met ? { kind, due, met } : { kind, due };
}

/** The earliest limit not yet kept, if any (a request waits on one thing at a time, or a call-back); `handlingOnly` leaves call-backs out. */
export function openDeadline(r: Request, handlingOnly = false): Deadline | undefined {
  let first: Deadline | undefined;
  for (const d of deadlinesOf(r)) {
    if (d.met || (handlingOnly && d.kind === 'callback')) continue;
    if (!first || d.due < first.due) first = d;
  }
  return first;
}

export type Timeliness = 'none' | 'on-time' | 'overdue' | 'pending';

/**
 * On `today`: `overdue` if any limit was kept late or has passed unkept; `pending` if one is still open
 * and not yet due; `on-time` if every limit was kept in time; `none` for a request that never had one
 * (answered on the spot).
 */
export function timelinessOf(r: Request, today: string): Timeliness {
  const list = deadlinesOf(r);
  if (list.length === 0) return 'none';
  let pending = false;
  for (const d of list) {
    if (d.met ? d.met > d.due : today > d.due) return 'overdue';
    if (!d.met) pending = true;
  }
  return pending ? 'pending' : 'on-time';
}
