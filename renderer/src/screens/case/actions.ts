/**
 * The forms of the workflow actions: which fields each action asks for (mirroring ACTION_SCHEMAS in
 * the core, which stays the judge), which actions cannot be undone and so ask for confirmation, and
 * the conversion of what was typed into the action's `details`.
 */

import type { Case, CaseAction } from '../../../../electron/core/schema/case';
import {
  AGREEMENT_FORMS,
  CONFIRMATION_RESULTS,
  FOLLOW_UP_METHODS,
  GUIDANCE_ROUTES,
  PERFORMANCE_STATES,
} from '../../../../electron/core/schema/codes';

export type FieldType = 'date' | 'text' | 'textarea' | 'select' | 'terms' | 'number' | 'checkbox';

export interface ActionField {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  options?: readonly { code: string; label: string }[];
  placeholder?: string;
}

const date: ActionField = { name: 'date', label: '日期', type: 'date' };

export const ACTION_FIELDS: Record<CaseAction, readonly ActionField[]> = {
  accept: [{ ...date, label: '受理日期' }],
  decline: [
    { ...date, label: '决定日期' },
    { name: 'reason', label: '不予受理的理由', type: 'textarea', required: true },
  ],
  'record-session': [
    { ...date, label: '调解日期' },
    { name: 'place', label: '调解地点', type: 'text' },
    { name: 'participants', label: '参加人', type: 'text', placeholder: '当事人、调解员及其他参加人员' },
    { name: 'content', label: '调解经过', type: 'textarea', required: true },
    { name: 'result', label: '调解结果', type: 'text' },
    { name: 'recorder', label: '记录人', type: 'text' },
  ],
  agree: [
    { ...date, label: '协议日期' },
    { name: 'form', label: '协议形式', type: 'select', options: AGREEMENT_FORMS.entries },
    { name: 'terms', label: '协议条款', type: 'terms', required: true },
    { name: 'performanceMethod', label: '履行方式', type: 'textarea', placeholder: '例如：一次性现金支付' },
    { name: 'performanceDeadline', label: '履行期限', type: 'date' },
    { name: 'copies', label: '协议份数', type: 'number', placeholder: '默认：当事人各一份、调委会留存一份' },
  ],
  sign: [{ ...date, label: '签署日期' }],
  fail: [
    { ...date, label: '终止日期' },
    { name: 'reason', label: '调解不成的理由', type: 'textarea', required: true },
    { name: 'guidance', label: '引导当事人的途径', type: 'select', options: GUIDANCE_ROUTES.entries },
  ],
  withdraw: [
    { ...date, label: '撤回日期' },
    { name: 'reason', label: '撤回理由', type: 'textarea' },
  ],
  'apply-confirmation': [
    { ...date, label: '申请日期' },
    { name: 'court', label: '受理的人民法院', type: 'text' },
  ],
  'confirmation-result': [
    { ...date, label: '裁定日期' },
    { name: 'result', label: '确认结果', type: 'select', required: true, options: CONFIRMATION_RESULTS.entries },
    { name: 'rulingNumber', label: '裁定书案号', type: 'text' },
    { name: 'reason', label: '驳回理由', type: 'textarea' },
  ],
  'follow-up': [
    { ...date, label: '回访日期' },
    { name: 'method', label: '回访方式', type: 'select', options: FOLLOW_UP_METHODS.entries },
    { name: 'performance', label: '履行情况', type: 'select', required: true, options: PERFORMANCE_STATES.entries },
    { name: 'notes', label: '回访情况', type: 'textarea' },
    { name: 'visitor', label: '回访人', type: 'text' },
  ],
  close: [
    { ...date, label: '结案日期' },
    { name: 'acknowledgeIncomplete', label: '卷宗材料不全，仍然结案（将记入操作记录）', type: 'checkbox' },
  ],
  reopen: [{ name: 'reason', label: '重新开启的理由', type: 'textarea', required: true }],
  'amend-agreement': [
    { name: 'form', label: '协议形式', type: 'select', options: AGREEMENT_FORMS.entries },
    { name: 'terms', label: '协议条款', type: 'terms', required: true },
    { name: 'performanceMethod', label: '履行方式', type: 'textarea' },
    { name: 'performanceDeadline', label: '履行期限', type: 'date' },
    { name: 'copies', label: '协议份数', type: 'number', placeholder: '默认：当事人各一份、调委会留存一份' },
    { name: 'reason', label: '修改理由', type: 'textarea', required: true, placeholder: '例如：当事人阅读协议时发现金额写错' },
  ],
  supplement: [
    { ...date, label: '补充协议日期' },
    { name: 'terms', label: '补充协议条款（只写变更的内容）', type: 'terms', required: true },
    { name: 'performanceMethod', label: '变更后的履行方式', type: 'textarea' },
    { name: 'performanceDeadline', label: '变更后的履行期限', type: 'date' },
  ],
  'sign-supplement': [{ ...date, label: '签署日期' }],
  'edit-session': [
    { ...date, label: '调解日期' },
    { name: 'place', label: '调解地点', type: 'text' },
    { name: 'participants', label: '参加人', type: 'text' },
    { name: 'content', label: '调解经过', type: 'textarea', required: true },
    { name: 'result', label: '调解结果', type: 'text' },
    { name: 'recorder', label: '记录人', type: 'text' },
    { name: 'reason', label: '修改理由', type: 'textarea', required: true },
  ],
  'delete-session': [{ name: 'reason', label: '删除理由', type: 'textarea', required: true, placeholder: '例如：记录在了错误的案件上' }],
  'undo-last': [{ name: 'reason', label: '撤销理由', type: 'textarea', required: true, placeholder: '例如：误点了“受理”' }],
};

/**
 * Corrections change what is already recorded: their forms start from the current values, and only
 * what was changed is sent (a cleared field as null, which removes it).
 */
export const EDITS_CURRENT: ReadonlySet<CaseAction> = new Set<CaseAction>(['amend-agreement', 'edit-session']);

/** Actions that cannot be taken back: they ask again before they are done. */
export const IRREVERSIBLE: ReadonlySet<CaseAction> = new Set<CaseAction>([
  'decline',
  'fail',
  'withdraw',
  'sign',
  'close',
  'sign-supplement',
]);

/** The natural next step for each status: shown as the primary button. */
export const PRIMARY_ACTION: Partial<Record<string, CaseAction>> = {
  registered: 'accept',
  accepted: 'record-session',
  agreed: 'sign',
};

export type ActionValues = Record<string, unknown>;

export function initialValues(action: CaseAction, today: string, defaults: { operator?: string; court?: string }): ActionValues {
  const values: ActionValues = {};
  for (const field of ACTION_FIELDS[action]) {
    if (field.type === 'date' && field.name === 'date') values.date = today;
    if (field.type === 'terms') values.terms = [''];
  }
  if (action === 'agree') values.form = 'written';
  if (action === 'follow-up') values.method = 'visit';
  if (action === 'record-session' || action === 'follow-up')
    values[action === 'record-session' ? 'recorder' : 'visitor'] = defaults.operator ?? '';
  if (action === 'apply-confirmation') values.court = defaults.court ?? '';
  return values;
}

/** What was typed, as the action's `details`: blank fields left out, terms trimmed, numbers as numbers. */
export function toDetails(action: CaseAction, values: ActionValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of ACTION_FIELDS[action]) {
    const value = values[field.name];
    if (value === undefined || value === null) continue;
    if (field.type === 'terms') {
      out.terms = (value as string[]).map((t) => t.trim()).filter(Boolean);
    } else if (field.type === 'number') {
      const text = String(value).trim();
      if (text) out[field.name] = /^\d+$/.test(text) ? Number(text) : text;
    } else if (field.type === 'checkbox') {
      if (value === true) out[field.name] = true;
    } else if (typeof value === 'string') {
      if (value.trim()) out[field.name] = value.trim();
    }
  }
  return out;
}

/** Local checks before sending: required fields; the core checks the rest. */
export function missingRequired(action: CaseAction, values: ActionValues): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of ACTION_FIELDS[action]) {
    if (!field.required) continue;
    const value = values[field.name];
    const empty = field.type === 'terms' ? !(value as string[] | undefined)?.some((t) => t.trim()) : !String(value ?? '').trim();
    if (empty) problems[field.name] = field.type === 'terms' ? '至少要有一条协议条款' : `请填写${field.label}`;
  }
  return problems;
}

/** Moving a term up or down in the terms editor. */
export function moveTerm(terms: readonly string[], index: number, by: -1 | 1): string[] {
  const to = index + by;
  if (to < 0 || to >= terms.length) return terms.slice();
  const next = terms.slice();
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** The current values a correction's form starts from: the agreement, or one session record. */
export function currentValues(action: CaseAction, c: Case, sessionIndex?: number): ActionValues {
  if (action === 'amend-agreement' && c.agreement) {
    const a = c.agreement;
    return {
      form: a.form,
      terms: [...a.terms],
      performanceMethod: a.performanceMethod ?? '',
      performanceDeadline: a.performanceDeadline,
      copies: a.copies === undefined ? '' : String(a.copies),
    };
  }
  if (action === 'edit-session' && sessionIndex !== undefined) {
    const s = c.sessions[sessionIndex];
    return {
      date: s.date,
      place: s.place ?? '',
      participants: s.participants ?? '',
      content: s.content,
      result: s.result ?? '',
      recorder: s.recorder ?? '',
    };
  }
  return {};
}

/**
 * A correction's details: only the fields changed from `initial`, a cleared one as null (it removes the
 * field), and the reason. The core records each as old → new.
 */
export function changedDetails(action: CaseAction, values: ActionValues, initial: ActionValues): Record<string, unknown> {
  const now = toDetails(action, values);
  const before = toDetails(action, initial);
  const out: Record<string, unknown> = {};
  for (const field of ACTION_FIELDS[action]) {
    const name = field.name;
    if (name === 'reason') continue;
    if (JSON.stringify(now[name]) === JSON.stringify(before[name])) continue;
    out[name] = now[name] === undefined ? null : now[name];
  }
  if (now.reason !== undefined) out.reason = now.reason;
  return out;
}
