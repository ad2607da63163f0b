/**
 * The forms of the front desk's request actions: which fields each asks for (mirroring
 * REQUEST_ACTION_SCHEMAS in the core, which stays the judge) and the conversion of what was typed into
 * the action's `details`. The field shapes are the case actions' (one FieldInput draws both).
 */

import { DISPUTE_TYPES, NOTIFY_METHODS, SATISFACTION } from '../../../../electron/core/schema/codes';
import type { RequestAction } from '../../../../electron/core/schema/request';
import type { ActionField, ActionValues } from '../case/actions';

const date: ActionField = { name: 'date', label: '日期', type: 'date' };

/** The fields of `action`; 转办 chooses among the office's back offices (设置 → 统一受理). */
export function requestActionFields(action: RequestAction, offices: readonly string[]): readonly ActionField[] {
  switch (action) {
    case 'answer':
      return [
        { ...date, label: '答复日期' },
        { name: 'answer', label: '答复内容', type: 'textarea', required: true },
      ];
    case 'route':
      return [
        { ...date, label: '转办日期' },
        { name: 'office', label: '承办单位', type: 'select', required: true, options: offices.map((o) => ({ code: o, label: o })) },
      ];
    case 'extend':
      return [
        { ...date, label: '延期日期' },
        { name: 'until', label: '延至', type: 'date', required: true },
        { name: 'reason', label: '延期理由', type: 'textarea', required: true },
      ];
    case 'feedback':
      return [
        { ...date, label: '反馈日期' },
        { name: 'by', label: '反馈人（承办单位经办人）', type: 'text' },
        { name: 'result', label: '办理结果', type: 'textarea', required: true },
      ];
    case 'notify':
      return [
        { ...date, label: '告知日期' },
        { name: 'method', label: '告知方式', type: 'select', required: true, options: NOTIFY_METHODS.entries },
        { name: 'notes', label: '备注', type: 'text' },
      ];
    case 'follow-up':
      return [
        { ...date, label: '回访日期' },
        { name: 'satisfaction', label: '满意度', type: 'select', required: true, options: SATISFACTION.entries },
        { name: 'notes', label: '回访情况', type: 'textarea' },
      ];
    case 'call-back':
      return [
        { ...date, label: '回复日期' },
        { name: 'notes', label: '回复不满意的情况', type: 'textarea', required: true },
      ];
    case 'to-mediation':
      return [
        { ...date, label: '转调解日期' },
        { name: 'disputeType', label: '纠纷类型', type: 'select', options: DISPUTE_TYPES.entries },
        { name: 'respondentName', label: '被申请人姓名', type: 'text', required: true },
        { name: 'respondentPhone', label: '被申请人电话', type: 'text' },
        { name: 'respondentIdNumber', label: '被申请人身份证号', type: 'text' },
      ];
    case 'close':
      return [{ ...date, label: '办结日期' }];
  }
}

/** Values first shown: 电话告知 as the usual way to tell a visitor. */
export function initialValues(action: RequestAction): ActionValues {
  return action === 'notify' ? { method: 'phone' } : {};
}

const trimmed = (value: unknown): string | undefined => {
  const text = typeof value === 'string' ? value.trim() : '';
  return text || undefined;
};

/** What was typed as the action's `details`; the one respondent of 转人民调解 becomes the list the core takes. */
export function requestActionDetails(action: RequestAction, values: ActionValues): Record<string, unknown> {
  if (action === 'to-mediation') {
    const respondent = {
      name: trimmed(values.respondentName),
      phone: trimmed(values.respondentPhone),
      idNumber: trimmed(values.respondentIdNumber),
    };
    return dropEmpty({
      date: trimmed(values.date),
      disputeType: trimmed(values.disputeType),
      respondents: [dropEmpty(respondent)],
    });
  }
  const out: Record<string, unknown> = {};
  for (const field of requestActionFields(action, [])) out[field.name] = trimmed(values[field.name]);
  return dropEmpty(out);
}

function dropEmpty<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Local checks before sending: required fields; the core checks the rest. */
export function missingRequestFields(action: RequestAction, values: ActionValues, offices: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of requestActionFields(action, offices)) {
    if (field.required && !trimmed(values[field.name])) problems[field.name] = `请填写${field.label}`;
  }
  return problems;
}

/** A core error's field (`details.respondents[0].idNumber`) as the form field it belongs to. */
export function formFieldOf(field: string): string {
  const name = field.replace(/^details\./, '');
  const respondent = /^respondents(?:\[0\])?\.?(\w*)/.exec(name);
  if (respondent) return `respondent${(respondent[1] || 'name').replace(/^./, (c) => c.toUpperCase())}`;
  return name;
}
