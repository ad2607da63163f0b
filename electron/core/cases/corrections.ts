/**
 * Corrections within the law's limits, as pure transitions (no I/O). Nothing is rewritten silently:
 * each correction is one more event with a reason and the old and new value, so the hash chain stays
 * valid and the centre receives the corrected revision in the next batch.
 *
 * - 修改协议 (amend-agreement): only while a written agreement is not yet signed. What the parties
 *   signed is frozen; a later change is a 补充协议 (supplement, then sign-supplement).
 * - 修改/删除调解记录 (edit-session, delete-session): any time before 结案; a deleted record is kept
 *   whole in the log.
 * - 撤销上一步 (undo-last): the last step goes back when it is not legally final (受理, a session, an
 *   unsigned written agreement, a follow-up, an unsigned 补充协议); signing, a court's ruling, decisions
 *   told to the parties and 结案 cannot be undone.
 */

import {
  ACTION_LABELS,
  type ActionDetails,
  type Case,
  type CaseAction,
  type CaseEvent,
  CORRECTION_ACTIONS,
  type Session,
} from '../schema/case';
import { type CaseStatus } from '../schema/codes';
import { pendingSupplement } from './agreement';
import { applyChanges, dropUndefined, fieldChanges, notBefore, refuse, type Transition, type WorkflowContext } from './transition';

/** Statuses in which the record can still be corrected (结案 closes the file: reopen first). */
export const CORRECTABLE: readonly CaseStatus[] = ['accepted', 'agreed', 'failed', 'withdrawn'];

/** The steps that can be taken back, with what undoing them restores. */
const UNDOABLE = new Set<string>(['accept', 'record-session', 'agree', 'follow-up', 'supplement']);

/** Why each other step is final. */
const FINAL: Partial<Record<CaseAction, string>> = {
  decline: '不予受理的决定已经作出',
  sign: '协议已签署生效，具有法律约束力',
  fail: '已终止调解并告知当事人',
  withdraw: '当事人已撤回调解申请',
  'apply-confirmation': '已向人民法院申请司法确认',
  'confirmation-result': '这是人民法院的裁定',
  close: '已结案归档（如需继续办理，请“重新开启”）',
  reopen: '重新开启后请继续办理或直接结案',
  'sign-supplement': '补充协议已签署生效，具有法律约束力',
};

const isStep = (type: string): type is CaseAction => type in ACTION_LABELS && !CORRECTION_ACTIONS.includes(type as CaseAction);

/** The last workflow step not already undone, if any. */
export function lastStep(c: Case): CaseEvent | undefined {
  const undone = new Set<number>();
  for (let i = c.events.length - 1; i >= 0; i--) {
    const e = c.events[i];
    if (e.type === 'undo-last') {
      const seq = (e.details.undone as { seq?: unknown } | undefined)?.seq;
      if (typeof seq === 'number') undone.add(seq);
      continue;
    }
    if (isStep(e.type) && !undone.has(e.seq)) return e;
  }
  return undefined;
}

const idOf = (e: CaseEvent, key: string) => (typeof e.details[key] === 'string' ? (e.details[key] as string) : undefined);

/** Why the last step cannot be undone now, or null. */
export function whyNotUndo(c: Case): string | null {
  const step = lastStep(c);
  if (!step) return '没有可以撤销的步骤';
  const label = ACTION_LABELS[step.type as CaseAction];
  const when = typeof step.details.date === 'string' ? `（${step.details.date}）` : '';
  if (!UNDOABLE.has(step.type)) return `上一步是“${label}”${when}：${FINAL[step.type as CaseAction] ?? '不能撤销'}，不能撤销`;
  switch (step.type) {
    case 'accept':
      return c.status === 'accepted' ? null : `上一步“${label}”之后案件状态已变化`;
    case 'record-session':
      return c.sessions.some((s) => s.id === idOf(step, 'sessionId')) ? null : `上一步记录的调解记录已被删除`;
    case 'agree':
      if (c.status !== 'agreed' || !c.agreement) return `上一步“${label}”之后案件状态已变化`;
      if (c.agreement.form === 'oral') return '口头协议自达成之日起生效，具有法律约束力，不能撤销';
      if (c.agreement.effectiveDate) return '协议已签署生效，不能撤销';
      return null;
    case 'follow-up':
      return c.followUps.some((f) => f.id === idOf(step, 'followUpId')) ? null : '上一步记录的回访已不存在';
    case 'supplement':
      return pendingSupplement(c)?.id === idOf(step, 'supplementId') ? null : '补充协议已签署生效，不能撤销';
    default:
      return null;
  }
}

/** A session by its number (1 = first) or id; refused when there is none. */
export function sessionAt(c: Case, action: CaseAction, ref: number | string): { session: Session; index: number } {
  const byNumber = typeof ref === 'number' ? ref : /^\d+$/.test(ref) ? Number(ref) : undefined;
  const index = byNumber !== undefined ? byNumber - 1 : c.sessions.findIndex((s) => s.id === ref);
  if (index < 0 || index >= c.sessions.length) refuse(action, `本案没有第“${ref}”次调解记录（共${c.sessions.length}次）`);
  return { session: c.sessions[index], index };
}

export function amendAgreement(c: Case, d: ActionDetails<'amend-agreement'>): Transition {
  const current = c.agreement!;
  const { reason, ...patch } = d;
  const changes = fieldChanges(current, patch);
  if (Object.keys(changes).length === 0) refuse('amend-agreement', '没有修改任何内容');
  const amended = applyChanges(current, changes);
  if (amended.performanceDeadline && amended.performanceDeadline < amended.date)
    refuse('amend-agreement', `履行期限${amended.performanceDeadline}早于协议日期${amended.date}`);
  // 人民调解法 art. 30: an oral agreement takes effect the day it is reached.
  if (amended.form === 'oral') amended.effectiveDate = amended.date;
  return { change: { agreement: amended }, details: { reason, changes } };
}

export function addSupplement(c: Case, d: ActionDetails<'supplement'>, date: string, ctx: WorkflowContext): Transition {
  const signed = (c.supplements ?? []).at(-1)?.effectiveDate ?? c.agreement!.effectiveDate;
  notBefore('supplement', date, signed, c.supplements?.length ? '上一份补充协议的生效日期' : '协议生效日期');
  if (d.performanceDeadline && d.performanceDeadline < date)
    refuse('supplement', `履行期限${d.performanceDeadline}早于补充协议日期${date}`);
  const supplement = dropUndefined({
    id: ctx.newId(),
    date,
    terms: d.terms,
    performanceMethod: d.performanceMethod,
    performanceDeadline: d.performanceDeadline,
  });
  const supplements = [...(c.supplements ?? []), supplement];
  return {
    change: { supplements },
    details: { ...dropUndefined({ ...d }), date, supplementId: supplement.id, number: supplements.length },
  };
}

export function signSupplement(c: Case, date: string): Transition {
  const pending = pendingSupplement(c)!;
  notBefore('sign-supplement', date, pending.date, '补充协议日期');
  const index = c.supplements!.indexOf(pending);
  const supplements = c.supplements!.map((s, i) => (i === index ? { ...s, effectiveDate: date } : s));
  return { change: { supplements }, details: { date, supplementId: pending.id, number: index + 1 } };
}

export function editSession(c: Case, d: ActionDetails<'edit-session'>, today: string): Transition {
  const { session, index } = sessionAt(c, 'edit-session', d.session);
  const { reason, session: _ref, ...patch } = d;
  const changes = fieldChanges(session, patch);
  if (Object.keys(changes).length === 0) refuse('edit-session', '没有修改任何内容');
  if (d.date !== undefined) {
    notBefore('edit-session', d.date, c.receivedAt, '登记日期');
    if (d.date > today) refuse('edit-session', `日期${d.date}晚于今天`);
  }
  const edited = applyChanges(session, changes);
  return {
    change: { sessions: c.sessions.map((s, i) => (i === index ? edited : s)) },
    details: { reason, session: index + 1, sessionId: session.id, changes },
  };
}

export function deleteSession(c: Case, d: ActionDetails<'delete-session'>): Transition {
  const { session, index } = sessionAt(c, 'delete-session', d.session);
  // The record is kept whole in the log: deleting never loses what was written.
  return {
    change: { sessions: c.sessions.filter((_, i) => i !== index) },
    details: { reason: d.reason, session: index + 1, sessionId: session.id, removed: session },
  };
}

export function undoLast(c: Case, d: ActionDetails<'undo-last'>): Transition {
  const step = lastStep(c)!;
  const undone = { seq: step.seq, type: step.type, ...(typeof step.details.date === 'string' ? { date: step.details.date } : {}) };
  const details = (extra: Record<string, unknown>) => ({ reason: d.reason, undone, ...extra });
  switch (step.type) {
    case 'accept':
      return { change: { status: 'registered' }, details: details({ status: { from: c.status, to: 'registered' } }) };
    case 'record-session': {
      const removed = c.sessions.find((s) => s.id === idOf(step, 'sessionId'))!;
      return { change: { sessions: c.sessions.filter((s) => s !== removed) }, details: details({ removed }) };
    }
    case 'agree':
      return {
        change: { status: 'accepted', agreement: undefined },
        details: details({ status: { from: c.status, to: 'accepted' }, removed: c.agreement }),
      };
    case 'follow-up': {
      const removed = c.followUps.find((f) => f.id === idOf(step, 'followUpId'))!;
      return { change: { followUps: c.followUps.filter((f) => f !== removed) }, details: details({ removed }) };
    }
    case 'supplement': {
      const removed = pendingSupplement(c)!;
      const kept = (c.supplements ?? []).filter((s) => s !== removed);
      return { change: { supplements: kept.length ? kept : undefined }, details: details({ removed }) };
    }
    default:
      return refuse('undo-last', whyNotUndo(c) ?? '不能撤销');
  }
}
