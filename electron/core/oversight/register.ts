/**
 * 案件登记台账: the register committees keep on paper, for any filter of the case list. One row per
 * case with the usual columns (序号, 案号, 受理日期, 当事人, 纠纷类型, 简要情况, 调解结果, 协议履行,
 * 调解员, 结案日期); ./register-xlsx.ts and ./register-pdf.ts lay the same rows out.
 */

import { signedSupplements } from '../cases/agreement';
import type { Case } from '../schema/case';
import { CASE_STATUSES, type CaseStatus, DISPUTE_TYPES, PARTY_ROLES, PERFORMANCE_STATES } from '../schema/codes';

export interface RegisterColumn {
  key: keyof RegisterRow;
  label: string;
  /** Relative width (characters at the register's size), for both layouts. */
  width: number;
}

export interface RegisterRow {
  index: number;
  number: string;
  receivedAt: string;
  parties: string;
  disputeType: string;
  brief: string;
  result: string;
  performance: string;
  mediators: string;
  closedAt: string;
}

export const REGISTER_COLUMNS: readonly RegisterColumn[] = [
  { key: 'index', label: '序号', width: 4 },
  { key: 'number', label: '案号', width: 19 },
  { key: 'receivedAt', label: '受理日期', width: 9 },
  { key: 'parties', label: '当事人', width: 17 },
  { key: 'disputeType', label: '纠纷类型', width: 8 },
  { key: 'brief', label: '简要情况', width: 32 },
  { key: 'result', label: '调解结果', width: 12 },
  { key: 'performance', label: '协议履行', width: 10 },
  { key: 'mediators', label: '调解员', width: 8 },
  { key: 'closedAt', label: '结案日期', width: 9 },
];

/** How much of the facts a paper register carries: enough to recognise the dispute. */
const BRIEF_CHARS = 50;

function brief(c: Case): string {
  const facts = c.facts.replace(/\s+/g, ' ').trim();
  if (!facts) return c.summary;
  const chars = [...facts];
  return `${c.summary}：${chars.length > BRIEF_CHARS ? `${chars.slice(0, BRIEF_CHARS).join('')}……` : facts}`;
}

function partiesText(c: Case): string {
  return PARTY_ROLES.entries
    .map(({ code, label }) => {
      const names = c.parties.filter((p) => p.role === code).map((p) => p.name);
      return names.length ? `${label}：${names.join('、')}` : '';
    })
    .filter(Boolean)
    .join('\n');
}

const OUTCOMES: Partial<Record<CaseStatus, string>> = {
  registered: '待受理',
  accepted: '调解中',
  declined: '不予受理',
  failed: '调解不成',
  withdrawn: '撤回',
};

function result(c: Case): string {
  const status = c.status === 'closed' ? (c.statusBeforeClose ?? 'accepted') : c.status;
  if (status !== 'agreed' || !c.agreement) return OUTCOMES[status] ?? CASE_STATUSES.label(status);
  const a = c.agreement;
  const form = a.form === 'oral' ? '口头协议' : a.effectiveDate ? '书面协议' : '书面协议待签署';
  const parts = [`调解成功（${form}）`];
  const signed = signedSupplements(c).length;
  if (signed) parts.push(`补充协议${signed}份`);
  const ruling = c.confirmation?.result;
  if (ruling) parts.push(ruling.result === 'confirmed' ? '司法确认有效' : '司法确认驳回');
  else if (c.confirmation) parts.push('已申请司法确认');
  return parts.join('；');
}

function performance(c: Case): string {
  if (!c.agreement) return '';
  const last = c.followUps.at(-1);
  return last ? `${PERFORMANCE_STATES.label(last.performance)}\n${last.date}回访` : '未回访';
}

export function registerRows(cases: readonly Case[]): RegisterRow[] {
  return cases.map((c, i) => ({
    index: i + 1,
    number: c.number,
    receivedAt: c.receivedAt,
    parties: partiesText(c),
    disputeType: DISPUTE_TYPES.label(c.disputeType),
    brief: brief(c),
    result: result(c),
    performance: performance(c),
    mediators: c.mediators.join('、'),
    closedAt: c.closedAt ?? '',
  }));
}

/** The filters of a register in words, for its heading. */
export function filtersInWords(
  query: { from?: string; to?: string; status?: CaseStatus | CaseStatus[]; type?: string; mediator?: string; station?: string; q?: string },
  today: string,
): string {
  const parts: string[] = [];
  if (query.from || query.to) parts.push(`受理日期：${query.from ?? '最早'}至${query.to ?? today}`);
  const statuses = query.status === undefined ? [] : Array.isArray(query.status) ? query.status : [query.status];
  if (statuses.length) parts.push(`状态：${statuses.map((s) => CASE_STATUSES.label(s)).join('、')}`);
  if (query.type) parts.push(`纠纷类型：${DISPUTE_TYPES.label(query.type as never) ?? query.type}`);
  if (query.mediator) parts.push(`调解员：${query.mediator}`);
  if (query.station) parts.push(`站点：${query.station}`);
  if (query.q) parts.push(`关键词：${query.q}`);
  return parts.join('；');
}

/** What the register's heading says besides the office: the period and the filters chosen. */
export interface RegisterMeta {
  office: string;
  /** The filters in words, e.g. `受理日期：2026-01-01至2026-12-31；状态：调解中`. */
  filters: string;
  today: string;
}

/** The heading line under the title. */
export function registerSubtitle(meta: RegisterMeta, count: number): string {
  return [`填报单位：${meta.office}`, meta.filters, `共${count}件`, `制表日期：${meta.today}`].filter(Boolean).join('　　');
}
