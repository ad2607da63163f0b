/**
 * The case workflow as a pure state machine: given a case, an action and its (validated) details,
 * either the change to apply or a NOT_ALLOWED error saying why. No I/O here.
 *
 *   registered ─accept→ accepted ─agree→ agreed ─close→ closed ─reopen→ (status before closing)
 *        └─decline→ declined      ├─fail→ failed
 *                                 └─withdraw→ withdrawn
 *   accepted: record-session      agreed: sign (written), apply-confirmation, confirmation-result, follow-up,
 *                                         supplement → sign-supplement (补充协议 to a signed agreement)
 *   declined, failed, withdrawn: close
 *
 * Corrections (amend-agreement, edit-session, delete-session, undo-last) are in ./corrections.ts.
 */

import { DeskError } from '../errors';
import { ACTION_LABELS, type ActionDetails, type Case, type CaseAction } from '../schema/case';
import { CASE_STATUSES, type CaseStatus } from '../schema/codes';
import { pendingSupplement } from './agreement';
import {
  addSupplement,
  amendAgreement,
  CORRECTABLE,
  deleteSession,
  editSession,
  signSupplement,
  undoLast,
  whyNotUndo,
} from './corrections';
import { dropUndefined, notBefore, refuse, type Transition, type WorkflowContext } from './transition';

export { dropUndefined, type Transition, type WorkflowContext } from './transition';

const FINISHED: readonly CaseStatus[] = ['agreed', 'failed', 'withdrawn', 'declined'];

/** Which statuses allow which action; finer conditions (signed, applied…) are checked in `whyNot`. */
export const ALLOWED_FROM: Record<CaseAction, readonly CaseStatus[]> = {
  accept: ['registered'],
  decline: ['registered'],
  'record-session': ['accepted'],
  agree: ['accepted'],
  sign: ['agreed'],
  fail: ['accepted'],
  withdraw: ['accepted'],
  'apply-confirmation': ['agreed'],
  'confirmation-result': ['agreed'],
  'follow-up': ['agreed'],
  close: FINISHED,
  reopen: ['closed'],
  'amend-agreement': ['agreed'],
  supplement: ['agreed'],
  'sign-supplement': ['agreed'],
  'edit-session': CORRECTABLE,
  'delete-session': CORRECTABLE,
  'undo-last': ['accepted', 'agreed'],
};

/** Actions that do not default a date (a correction is not dated; edit-session's date is the record's). */
const UNDATED: ReadonlySet<CaseAction> = new Set<CaseAction>(['reopen', 'amend-agreement', 'edit-session', 'delete-session', 'undo-last']);

/** Why the action is not possible now, or null. Used to offer exactly the allowed actions in the UI. */
export function whyNot(c: Case, action: CaseAction): string | null {
  if (c.origin) return '这是从站点导入的案件，在中心只能查看';
  if (!ALLOWED_FROM[action].includes(c.status)) {
    const allowed = ALLOWED_FROM[action].map((s) => `“${CASE_STATUSES.label(s)}”`).join('、');
    return `案件当前状态为“${CASE_STATUSES.label(c.status)}”，此操作只适用于${allowed}的案件`;
  }
  const agreement = c.agreement;
  switch (action) {
    case 'sign':
      if (agreement?.form !== 'written') return '口头协议自达成之日起生效，无需签署';
      if (agreement.effectiveDate) return `协议已于${agreement.effectiveDate}签署生效`;
      return null;
    case 'apply-confirmation':
      if (agreement?.form !== 'written') return '只有书面调解协议可以申请司法确认';
      if (!agreement.effectiveDate) return '协议尚未签署生效';
      if (c.confirmation) return `已于${c.confirmation.appliedAt}申请司法确认`;
      return null;
    case 'confirmation-result':
      if (!c.confirmation) return '尚未申请司法确认';
      if (c.confirmation.result) return '司法确认结果已登记';
      return null;
    case 'follow-up':
      if (!agreement?.effectiveDate) return '协议尚未生效';
      return null;
    case 'close':
      if (c.status === 'agreed' && !agreement?.effectiveDate) return '书面协议尚未签署生效';
      if (pendingSupplement(c)) return '补充协议尚未签署生效';
      return null;
    case 'amend-agreement':
      if (agreement?.form === 'oral') return '口头协议自达成之日起生效，不能再修改；双方如有变更，请登记补充协议';
      if (agreement?.effectiveDate) return `协议已于${agreement.effectiveDate}签署生效，签署的内容不能改写；双方如有变更，请登记补充协议`;
      return null;
    case 'supplement': {
      if (!agreement?.effectiveDate) return '协议尚未生效：未签署的书面协议可以直接修改';
      const pending = pendingSupplement(c);
      return pending ? `${pending.date}的补充协议尚未签署，请先签署或撤销` : null;
    }
    case 'sign-supplement':
      return pendingSupplement(c) ? null : '没有待签署的补充协议';
    case 'edit-session':
    case 'delete-session':
      return c.sessions.length ? null : '本案没有调解记录';
    case 'undo-last':
      return whyNotUndo(c);
    default:
      return null;
  }
}

/** Every action with whether it is allowed now and why not. */
export function availableActions(c: Case): { action: CaseAction; label: string; allowed: boolean; reason?: string }[] {
  return (Object.keys(ALLOWED_FROM) as CaseAction[]).map((action) => {
    const reason = whyNot(c, action);
    return reason === null
      ? { action, label: ACTION_LABELS[action], allowed: true }
      : { action, label: ACTION_LABELS[action], allowed: false, reason };
  });
}

export function transition<A extends CaseAction>(c: Case, action: A, input: ActionDetails<A>, ctx: WorkflowContext): Transition {
  const reason = whyNot(c, action);
  if (reason !== null) refuse(action, reason);
  const details: Record<string, unknown> = dropUndefined({ ...(input as Record<string, unknown>) });
  const date = typeof details.date === 'string' ? details.date : ctx.today;
  if (!UNDATED.has(action)) {
    details.date = date;
    if (date > ctx.today) refuse(action, `日期${date}晚于今天`);
  }

  switch (action) {
    case 'accept': {
      notBefore(action, date, c.receivedAt, '登记日期');
      return { change: { status: 'accepted' }, details };
    }
    case 'decline': {
      const d = input as ActionDetails<'decline'>;
      notBefore(action, date, c.receivedAt, '登记日期');
      return { change: { status: 'declined', outcome: { kind: 'declined', date, reason: d.reason } }, details };
    }
    case 'record-session': {
      const d = input as ActionDetails<'record-session'>;
      notBefore(action, date, c.receivedAt, '登记日期');
      const session = dropUndefined({
        id: ctx.newId(),
        date,
        place: d.place,
        participants: d.participants,
        content: d.content,
        result: d.result,
        recorder: d.recorder,
      });
      // The record itself lives in `sessions`; the log keeps a reference, not a second copy.
      const { content: _content, ...logged } = details;
      return {
        change: { sessions: [...c.sessions, session] },
        details: { ...logged, sessionId: session.id, contentLength: d.content.length },
      };
    }
    case 'agree': {
      const d = input as ActionDetails<'agree'>;
      notBefore(action, date, c.receivedAt, '登记日期');
      if (d.performanceDeadline && d.performanceDeadline < date) refuse(action, `履行期限${d.performanceDeadline}早于协议日期${date}`);
      const agreement = dropUndefined({
        date,
        form: d.form,
        terms: d.terms,
        performanceMethod: d.performanceMethod,
        performanceDeadline: d.performanceDeadline,
        copies: d.copies,
        // 人民调解法 art. 30: an oral agreement takes effect the day it is reached.
        effectiveDate: d.form === 'oral' ? date : undefined,
      });
      return { change: { status: 'agreed', agreement }, details };
    }
    case 'sign': {
      notBefore(action, date, c.agreement!.date, '协议日期');
      return { change: { agreement: { ...c.agreement!, effectiveDate: date } }, details };
    }
    case 'fail': {
      const d = input as ActionDetails<'fail'>;
      notBefore(action, date, c.receivedAt, '登记日期');
      const outcome = dropUndefined({ kind: 'failed' as const, date, reason: d.reason, guidance: d.guidance });
      return { change: { status: 'failed', outcome }, details };
    }
    case 'withdraw': {
      const d = input as ActionDetails<'withdraw'>;
      notBefore(action, date, c.receivedAt, '登记日期');
      return { change: { status: 'withdrawn', outcome: { kind: 'withdrawn', date, reason: d.reason } }, details };
    }
    case 'apply-confirmation': {
      const d = input as ActionDetails<'apply-confirmation'>;
      const court = d.court || ctx.court;
      if (!court) refuse(action, '请填写受理的人民法院（或在设置中填写默认法院）');
      notBefore(action, date, c.agreement!.effectiveDate, '协议生效日期');
      return { change: { confirmation: { appliedAt: date, court } }, details: { ...details, court } };
    }
    case 'confirmation-result': {
      const d = input as ActionDetails<'confirmation-result'>;
      notBefore(action, date, c.confirmation!.appliedAt, '申请日期');
      if (d.result === 'rejected' && !d.reason) refuse(action, '驳回申请时请填写驳回理由');
      const result = dropUndefined({ date, result: d.result, rulingNumber: d.rulingNumber, reason: d.reason });
      return { change: { confirmation: { ...c.confirmation!, result } }, details };
    }
    case 'follow-up': {
      const d = input as ActionDetails<'follow-up'>;
      notBefore(action, date, c.agreement!.date, '协议日期');
      const followUp = dropUndefined({
        id: ctx.newId(),
        date,
        method: d.method,
        performance: d.performance,
        notes: d.notes,
        visitor: d.visitor,
      });
      return { change: { followUps: [...c.followUps, followUp] }, details: { ...details, followUpId: followUp.id } };
    }
    case 'close': {
      notBefore(action, date, c.outcome?.date ?? c.agreement?.date, '办结日期');
      return { change: { status: 'closed', statusBeforeClose: c.status, closedAt: date }, details };
    }
    case 'reopen': {
      const back = c.statusBeforeClose ?? 'accepted';
      return { change: { status: back, statusBeforeClose: undefined, closedAt: undefined }, details: { ...details, status: back } };
    }
    case 'amend-agreement':
      return amendAgreement(c, input as ActionDetails<'amend-agreement'>);
    case 'supplement':
      return addSupplement(c, input as ActionDetails<'supplement'>, date, ctx);
    case 'sign-supplement':
      return signSupplement(c, date);
    case 'edit-session':
      return editSession(c, input as ActionDetails<'edit-session'>, ctx.today);
    case 'delete-session':
      return deleteSession(c, input as ActionDetails<'delete-session'>);
    case 'undo-last':
      return undoLast(c, input as ActionDetails<'undo-last'>);
  }
  throw new DeskError('INTERNAL', `未知操作${String(action)}`);
}
