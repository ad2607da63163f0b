/**
 * `cases.csv`: the centre's working copy of a batch, one row per case, for Excel and WPS.
 *
 * Choices, and why:
 * - UTF-8 with a byte-order mark: without it Excel on a Chinese Windows reads the file as GBK and every
 *   name turns to mojibake. CRLF line ends and RFC 4180 quoting (commas, quotes, line breaks in facts).
 * - Full data, nothing masked: the same batch already carries every case in full in `cases.json`, and
 *   the centre needs ID numbers and phones to check its register; masking only the CSV would protect
 *   nothing. Confidentiality on the way comes from sealing the batch (`--seal-to`).
 * - Parties are written as text cells (`张三（男，居民身份证 1101…，电话 138…）`), never as bare number
 *   cells: Excel would turn an 18-digit ID number into 1.10101E+17 and drop its last digits, and strip the
 *   leading 0 of a landline number.
 * - Cells that start like a formula (= + - @, tab, CR) get a leading apostrophe, so a party named
 *   `=HYPERLINK(…)` stays text (CSV injection).
 * - Codes are written as their Chinese labels from ./schema/codes.
 */

import { fenToYuan } from '../money';
import type { Case, Party } from '../schema/case';
import {
  AGREEMENT_FORMS,
  BUSINESS_TYPES,
  CASE_SOURCES,
  CASE_STATUSES,
  CENTRE_MARKS,
  CONFIRMATION_RESULTS,
  DISPUTE_TYPES,
  FOLLOW_UP_METHODS,
  GENDERS,
  GUIDANCE_ROUTES,
  ID_TYPES,
  NOTIFY_METHODS,
  PERFORMANCE_STATES,
  REQUEST_CHANNELS,
  REQUEST_HANDLINGS,
  REQUEST_STATES,
  SATISFACTION,
} from '../schema/codes';
import type { Request } from '../schema/request';
import { utf8 } from './format';

const OUTCOME_LABELS = { declined: '不予受理', failed: '调解不成/终止调解', withdrawn: '撤回' } as const;

export function describeParty(p: Party): string {
  const facts: string[] = [];
  if (p.kind === 'person') {
    if (p.gender) facts.push(GENDERS.label(p.gender));
    if (p.ethnicity) facts.push(p.ethnicity);
    if (p.birthDate) facts.push(`${p.birthDate}出生`);
    if (p.idNumber) facts.push(`${ID_TYPES.label(p.idType)} ${p.idNumber}`);
    if (p.occupation) facts.push(p.occupation);
  } else {
    if (p.creditCode) facts.push(`统一社会信用代码 ${p.creditCode}`);
    if (p.representative) facts.push(`${p.representativeTitle || '法定代表人'} ${p.representative}`);
  }
  if (p.phone) facts.push(`电话 ${p.phone}`);
  if (p.address) facts.push(`住址 ${p.address}`);
  if (p.agent) facts.push(`委托代理人 ${p.agent.name}${p.agent.relation ? `（${p.agent.relation}）` : ''}`);
  return facts.length ? `${p.name}（${facts.join('，')}）` : p.name;
}

const partiesWith = (c: Case, role: Party['role']) =>
  c.parties
    .filter((p) => p.role === role)
    .map(describeParty)
    .join('；');

interface Column<T = Case> {
  header: string;
  value(c: T): string | number | undefined;
}

export const CSV_COLUMNS: readonly Column[] = [
  { header: '案号', value: (c) => c.number },
  { header: '登记日期', value: (c) => c.receivedAt },
  { header: '案件来源', value: (c) => CASE_SOURCES.label(c.source) },
  { header: '纠纷类型', value: (c) => DISPUTE_TYPES.label(c.disputeType) },
  { header: '案由', value: (c) => c.summary },
  { header: '状态', value: (c) => CASE_STATUSES.label(c.status) },
  { header: '申请人', value: (c) => partiesWith(c, 'applicant') },
  { header: '被申请人', value: (c) => partiesWith(c, 'respondent') },
  { header: '第三人', value: (c) => partiesWith(c, 'third-party') },
  { header: '涉及金额（元）', value: (c) => fenToYuan(c.amountFen) },
  { header: '涉及人数', value: (c) => c.peopleInvolved },
  { header: '人民调解员', value: (c) => c.mediators.join('、') },
  { header: '纠纷简要情况', value: (c) => c.facts },
  { header: '当事人请求', value: (c) => c.claims },
  { header: '调解次数', value: (c) => c.sessions.length },
  { header: '协议形式', value: (c) => c.agreement && AGREEMENT_FORMS.label(c.agreement.form) },
  { header: '协议日期', value: (c) => c.agreement?.date },
  { header: '协议生效日期', value: (c) => c.agreement?.effectiveDate },
  { header: '协议内容', value: (c) => c.agreement?.terms.map((t, i) => `${i + 1}. ${t}`).join('\n') },
  { header: '履行期限', value: (c) => c.agreement?.performanceDeadline },
  {
    header: '补充协议',
    value: (c) =>
      c.supplements
        ?.map(
          (s, i) =>
            `第${i + 1}份（${s.date}，${s.effectiveDate ? `${s.effectiveDate}生效` : '尚未签署'}${s.performanceDeadline ? `，履行期限${s.performanceDeadline}` : ''}）：${s.terms.join('；')}`,
        )
        .join('\n'),
  },
  {
    header: '办结情况',
    value: (c) =>
      c.outcome &&
      `${OUTCOME_LABELS[c.outcome.kind]}（${c.outcome.date}）${c.outcome.reason ? `：${c.outcome.reason}` : ''}${c.outcome.guidance ? `；引导${GUIDANCE_ROUTES.label(c.outcome.guidance)}` : ''}`,
  },
  {
    header: '司法确认',
    value: (c) =>
      c.confirmation &&
      `${c.confirmation.appliedAt}向${c.confirmation.court}申请${c.confirmation.result ? `；${c.confirmation.result.date} ${CONFIRMATION_RESULTS.label(c.confirmation.result.result)}${c.confirmation.result.rulingNumber ? ` ${c.confirmation.result.rulingNumber}` : ''}` : ''}`,
  },
  {
    header: '回访',
    value: (c) =>
      c.followUps.map((f) => `${f.date} ${FOLLOW_UP_METHODS.label(f.method)}：${PERFORMANCE_STATES.label(f.performance)}`).join('\n'),
  },
  { header: '结案日期', value: (c) => c.closedAt },
  {
    header: '中心意见',
    value: (c) => c.centreMark && `${CENTRE_MARKS.label(c.centreMark.mark)}${c.centreMark.reason ? `：${c.centreMark.reason}` : ''}`,
  },
  { header: '版本号', value: (c) => c.revision },
  { header: '最后修改时间', value: (c) => c.updatedAt },
  { header: '案件ID', value: (c) => c.id },
];

/** One RFC 4180 field: quoted when it holds a comma, quote or line break; formula-like starts defused. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CSV_BOM = '\uFEFF';

/** A whole CSV file, as bytes. */
function csvFile<T>(columns: readonly Column<T>[], rows: readonly T[]): Buffer {
  const lines = [columns.map((col) => csvField(col.header)).join(',')];
  for (const row of rows) lines.push(columns.map((col) => csvField(col.value(row))).join(','));
  return utf8(CSV_BOM + lines.join('\r\n') + '\r\n');
}

export function casesCsv(cases: readonly Case[]): Buffer {
  return csvFile(CSV_COLUMNS, cases);
}

/** `requests.csv`: one row per front-desk request, the same choices as for cases (text cells, no masking). */
export const REQUEST_CSV_COLUMNS: readonly Column<Request>[] = [
  { header: '登记编号', value: (r) => r.number },
  { header: '登记时间', value: (r) => r.receivedAt.replace('T', ' ') },
  { header: '来访渠道', value: (r) => REQUEST_CHANNELS.label(r.channel) },
  { header: '业务类型', value: (r) => BUSINESS_TYPES.label(r.businessType) },
  {
    header: '来访人',
    value: (r) => {
      const v = r.visitor;
      const facts = [
        v.idDeclined ? '拒绝提供证件号码' : v.idNumber ? `${ID_TYPES.label(v.idType ?? 'resident-id')} ${v.idNumber}` : '',
        v.phone ? `电话 ${v.phone}` : '',
        v.address ? `住址 ${v.address}` : '',
        v.groupSize > 1 ? `共${v.groupSize}人` : '',
      ].filter(Boolean);
      return facts.length ? `${v.name}（${facts.join('，')}）` : v.name;
    },
  },
  { header: '来访事项', value: (r) => r.matter },
  { header: '纠纷类型', value: (r) => r.category && DISPUTE_TYPES.label(r.category) },
  { header: '首问负责人', value: (r) => r.firstResponder },
  { header: '处理方式', value: (r) => REQUEST_HANDLINGS.label(r.handling) },
  { header: '答复', value: (r) => r.answer && `${r.answer.date}：${r.answer.text}` },
  {
    header: '转办',
    value: (r) =>
      r.routing &&
      `${r.routing.date}转${r.routing.office}，应于${r.routing.extendedTo ?? r.routing.feedbackDue}前反馈${r.routing.extendedTo ? `（延期：${r.routing.extendReason}）` : ''}`,
  },
  { header: '转人民调解', value: (r) => r.mediationCase && `${r.mediationCase.date} ${r.mediationCase.number}` },
  { header: '办理结果', value: (r) => r.feedback && `${r.feedback.date} ${r.feedback.by}：${r.feedback.result}` },
  { header: '告知来访人', value: (r) => r.notified && `${r.notified.date} ${NOTIFY_METHODS.label(r.notified.method)}` },
  {
    header: '回访',
    value: (r) =>
      r.followUps
        .map(
          (f) =>
            `${f.date} ${SATISFACTION.label(f.satisfaction)}${f.callback ? (f.callback.date ? `；${f.callback.date}已回复` : `；应于${f.callback.due}前回复`) : ''}`,
        )
        .join('\n'),
  },
  { header: '状态', value: (r) => REQUEST_STATES.label(r.state) },
  { header: '办结日期', value: (r) => r.closedAt },
  { header: '版本号', value: (r) => r.revision },
  { header: '最后修改时间', value: (r) => r.updatedAt },
  { header: '登记ID', value: (r) => r.id },
];

export function requestsCsv(requests: readonly Request[]): Buffer {
  return csvFile(REQUEST_CSV_COLUMNS, requests);
}
