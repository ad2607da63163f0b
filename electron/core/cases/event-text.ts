/**
 * The case log in words: every event type's Chinese name and a one-line account of what it concerned
 * (which document and template version, which batch, which receipt …). The one place these words
 * live: 案件详情 → 操作记录 and `case show` both read them. A type written anywhere in the core must
 * have a name here (test/unit/event-text.test.ts looks for unnamed ones).
 */

import { fieldLabel } from '../errors';
import { ACTION_LABELS, type Case, type CaseEvent } from '../schema/case';
import {
  AGREEMENT_FORMS,
  CASE_STATUSES,
  CENTRE_MARKS,
  CONFIRMATION_RESULTS,
  documentTitle,
  FOLLOW_UP_METHODS,
  GUIDANCE_ROUTES,
  PERFORMANCE_STATES,
} from '../schema/codes';
import { maskIdNumber } from '../schema/identity';

/** Event types outside the workflow's actions. */
export const EVENT_LABELS: Record<string, string> = {
  created: '登记',
  edited: '修改基本信息',
  ...ACTION_LABELS,
  'document-generated': '制作文书',
  'dossier-printed': '打印卷宗',
  'paper-signed': '文书已在纸面签署',
  'paper-unsigned': '取消纸面签署标记',
  'centre-receipt': '中心回执',
};

/** The Chinese name of an event type; a type this version does not know (from a newer one) says so. */
export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? '其他记录（新版本软件写入）';
}

/** What the describer may look up beyond the event itself (all optional: the text degrades gracefully). */
export interface EventContext {
  /** The case the event belongs to (session numbers, statuses). */
  case?: Pick<Case, 'sessions'>;
  /** A batch's name as the office knows it, e.g. `第3批（511702-001_…_003.zip）`. */
  batchName?(batchId: string): string | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const label = <C extends string>(table: { labels: Record<C, string> }, v: unknown): string | undefined =>
  typeof v === 'string' ? ((table.labels as Record<string, string>)[v] ?? v) : undefined;

/** A short, readable form of a long identifier (template versions, batch and receipt ids). */
export const shortId = (id: string): string => id.replace(/-/g, '').slice(0, 8).toUpperCase();

function sessionText(sessionId: unknown, context: EventContext): string | undefined {
  if (sessionId === undefined) return undefined;
  const index = context.case?.sessions.findIndex((s) => s.id === sessionId) ?? -1;
  return index >= 0 ? `第${index + 1}次调解` : typeof sessionId === 'number' ? `第${sessionId}次调解` : undefined;
}

function parts(...items: (string | undefined | false)[]): string {
  return items.filter((x): x is string => Boolean(x)).join('，');
}

/** One line saying what the event concerned; '' when there is nothing beyond its name. */
export function describeEvent(event: Pick<CaseEvent, 'type' | 'details'>, context: EventContext = {}): string {
  const d = event.details;
  const date = str(d.date);
  const reason = str(d.reason) && `理由：${str(d.reason)}`;
  switch (event.type) {
    case 'created':
      return parts(str(d.number) && `案号 ${str(d.number)}`, typeof d.parties === 'number' && `当事人${d.parties}人`);
    case 'edited':
      return parts(
        // With the old and new values recorded (describeChanges), the list of fields would say it twice.
        Array.isArray(d.fields) &&
          !d.changes &&
          `修改了：${(d.fields as string[]).map((f) => fieldLabel(f === 'amountFen' ? 'amount' : f)).join('、')}`,
        reason,
      );
    case 'amend-agreement':
      return parts(reason);
    case 'supplement':
      return parts(
        typeof d.number === 'number' && `第${d.number}份补充协议`,
        date && `日期 ${date}`,
        Array.isArray(d.terms) && `${d.terms.length}条条款`,
        str(d.performanceDeadline) && `履行期限 ${str(d.performanceDeadline)}`,
      );
    case 'sign-supplement':
      return parts(typeof d.number === 'number' && `第${d.number}份补充协议`, date && `签署生效日期 ${date}`);
    case 'edit-session':
    case 'delete-session':
      return parts(typeof d.session === 'number' && `第${d.session}次调解`, reason);
    case 'undo-last': {
      const undone = d.undone as { type?: unknown; date?: unknown } | undefined;
      return parts(
        typeof undone?.type === 'string' && `撤销了“${eventLabel(undone.type)}”${str(undone.date) ? `（${str(undone.date)}）` : ''}`,
        label(CASE_STATUSES, (d.status as { to?: unknown } | undefined)?.to) &&
          `回到“${label(CASE_STATUSES, (d.status as { to?: unknown }).to)}”`,
        reason,
      );
    }
    case 'accept':
      return parts(date && `受理日期 ${date}`);
    case 'decline':
    case 'withdraw':
      return parts(date, reason);
    case 'record-session':
      return parts(date && `调解日期 ${date}`, str(d.place) && `地点：${str(d.place)}`, str(d.result) && `结果：${str(d.result)}`);
    case 'agree':
      return parts(
        date && `协议日期 ${date}`,
        label(AGREEMENT_FORMS, d.form) && `${label(AGREEMENT_FORMS, d.form)}协议`,
        Array.isArray(d.terms) && `${d.terms.length}条条款`,
        str(d.performanceDeadline) && `履行期限 ${str(d.performanceDeadline)}`,
      );
    case 'sign':
      return parts(date && `签署生效日期 ${date}`);
    case 'fail':
      return parts(date, reason, label(GUIDANCE_ROUTES, d.guidance) && `引导：${label(GUIDANCE_ROUTES, d.guidance)}`);
    case 'apply-confirmation':
      return parts(date && `申请日期 ${date}`, str(d.court) && `向${str(d.court)}申请`);
    case 'confirmation-result':
      return parts(date, label(CONFIRMATION_RESULTS, d.result), str(d.rulingNumber) && `裁定书 ${str(d.rulingNumber)}`, reason);
    case 'follow-up':
      return parts(
        date,
        label(FOLLOW_UP_METHODS, d.method),
        label(PERFORMANCE_STATES, d.performance) && `履行情况：${label(PERFORMANCE_STATES, d.performance)}`,
      );
    case 'close':
      return parts(
        date && `结案日期 ${date}`,
        Array.isArray(d.dossierGap) && d.dossierGap.length > 0 && `卷宗缺少：${(d.dossierGap as string[]).join('、')}（经确认仍结案）`,
      );
    case 'reopen':
      return parts(reason, label(CASE_STATUSES, d.status) && `回到“${label(CASE_STATUSES, d.status)}”`);
    case 'document-generated':
      return parts(
        `《${str(d.title) ?? documentTitle(String(d.template ?? ''))}》`,
        sessionText(d.sessionId, context),
        str(d.format) && String(d.format).toUpperCase(),
        str(d.version) && `模板版本 ${shortId(String(d.version))}`,
        str(d.file) && `文件 ${str(d.file)}`,
      );
    case 'dossier-printed':
      return parts(
        typeof d.pages === 'number' && `共${d.pages}页`,
        Array.isArray(d.documents) && d.documents.length > 0 && `含：${(d.documents as string[]).join('、')}`,
      );
    case 'paper-signed':
    case 'paper-unsigned':
      return `《${documentTitle(String(d.template ?? ''))}》`;
    case 'centre-receipt': {
      const batch = str(d.batchId);
      return parts(
        label(CENTRE_MARKS, d.mark),
        str(d.reason) && `退回理由：${str(d.reason)}`,
        batch && `批次 ${context.batchName?.(batch) ?? shortId(batch)}`,
        typeof d.revision === 'number' && `案件第${d.revision}版`,
        str(d.receiptId) && `回执 ${shortId(String(d.receiptId))}`,
      );
    }
    default:
      return parts(date, reason);
  }
}

const LONG_VALUE = 30;

function shownValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (/idNumber|creditCode/.test(field) && typeof value === 'string') return maskIdNumber(value);
  if (Array.isArray(value)) return value.map((v) => shownValue(field, v)).join('；');
  if (typeof value === 'object') return '（整项）';
  const text = String(value);
  return text.length > LONG_VALUE ? `${text.slice(0, LONG_VALUE)}……` : text;
}

/**
 * A correction's record (`changes: {field: {from, to}}` in the event) in words, one line a field:
 * `被申请人…·证件号码：5107**********0017 → 5107**********0021`. ID numbers stay masked on screen,
 * long texts are shortened; the log itself keeps every value in full.
 */
export function describeChanges(changes: unknown): string[] {
  if (!changes || typeof changes !== 'object') return [];
  return Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>).map(
    ([field, change]) =>
      `${fieldLabel(field === 'amountFen' ? 'amount' : field)}：${shownValue(field, change?.from)} → ${shownValue(field, change?.to)}`,
  );
}

/** The day the case was accepted (受理): the latest `accept` event's date; undefined while only registered. */
export function acceptanceDate(c: Pick<Case, 'events'>): string | undefined {
  for (let i = c.events.length - 1; i >= 0; i--) {
    const e = c.events[i];
    if (e.type === 'accept' && typeof e.details.date === 'string') return e.details.date;
  }
  return undefined;
}
