/** Small shared pieces for showing cases: status tag, centre mark, party names, money. */

import { Tag } from 'antd';

import type { CaseSummary, PartySummary } from '../../../electron/core/cases/search';
import { formatYuan } from '../../../electron/core/money';
import { CASE_STATUSES, type CaseStatus, CENTRE_MARKS } from '../../../electron/core/schema/codes';

const STATUS_COLOURS: Record<CaseStatus, string> = {
  registered: 'gold',
  accepted: 'blue',
  declined: 'default',
  agreed: 'green',
  failed: 'volcano',
  withdrawn: 'default',
  closed: 'purple',
};

export function StatusTag({ status }: { status: string }) {
  const code = status as CaseStatus;
  return <Tag color={STATUS_COLOURS[code] ?? 'default'}>{CASE_STATUSES.labels[code] ?? status}</Tag>;
}

export function CentreMarkTag({ mark }: { mark?: { mark: string; reason?: string } }) {
  if (!mark) return null;
  const label = CENTRE_MARKS.labels[mark.mark as 'received' | 'returned'] ?? mark.mark;
  return (
    <Tag color={mark.mark === 'returned' ? 'red' : 'cyan'} title={mark.reason}>
      中心{label}
    </Tag>
  );
}

/** `张三、李四 诉 王五` style: applicants, then respondents. */
export function partiesLine(parties: readonly PartySummary[]): string {
  const names = (role: string) =>
    parties
      .filter((p) => p.role === role)
      .map((p) => p.name)
      .join('、');
  const applicants = names('applicant');
  const respondents = names('respondent');
  return respondents ? `${applicants} 与 ${respondents}` : applicants;
}

/** Integer fen as `12,300.05 元` (the core's formatting; never floating point). */
export function formatFen(fen: number): string {
  return `${formatYuan(fen)} 元`;
}

export type { CaseSummary };
