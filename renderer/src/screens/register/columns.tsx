/**
 * The register's columns: which there are, which the user shows (column settings, remembered on this
 * PC), and their widths. The virtual table needs fixed widths; they are measured from the text they
 * will hold at the current font size, so that the working columns (案号, 当事人, 状态, 纠纷类型,
 * 登记日期, 调解员) fit 1366 px in either text size, and the first three fit 1024 px. 当事人 takes
 * what is left; past the screen's width the table scrolls sideways, the working columns first.
 */

import { Space, type TableProps, Tag } from 'antd';
import { useState } from 'react';

import type { CaseSummary } from '../../../../electron/core/cases/search';
import { stationLabel } from '../../../../electron/core/oversight/stats';
import { CASE_STATUSES, type CaseStatus, CENTRE_MARKS } from '../../../../electron/core/schema/codes';
import { FONT_FAMILY } from '../../app/theme';
import { CentreMarkTag, formatFen, partiesLine, StatusTag } from '../../components/CaseBits';
import { idColumn } from './filter';

export type ColumnKey =
  'number' | 'parties' | 'status' | 'disputeType' | 'receivedAt' | 'mediators' | 'summary' | 'ids' | 'amountFen' | 'station';

/** In screen order. `fixed`: always shown. */
export const COLUMN_CHOICES: { key: ColumnKey; title: string; fixed?: boolean; shown: boolean }[] = [
  { key: 'number', title: '案号', fixed: true, shown: true },
  { key: 'parties', title: '当事人', fixed: true, shown: true },
  { key: 'status', title: '状态', shown: true },
  { key: 'disputeType', title: '纠纷类型', shown: true },
  { key: 'receivedAt', title: '登记日期', shown: true },
  { key: 'mediators', title: '调解员', shown: true },
  { key: 'summary', title: '案由', shown: false },
  { key: 'ids', title: '证件号码', shown: false },
  { key: 'amountFen', title: '涉及金额', shown: false },
  { key: 'station', title: '站点', shown: true },
];

const CHOICE_KEY = 'mediation-desk.registerColumns.v1';

/** The columns the user chose to show, remembered in this PC's browser storage. */
export function useColumnChoice(): [Set<ColumnKey>, (keys: Set<ColumnKey>) => void] {
  const [shown, setShown] = useState<Set<ColumnKey>>(() => {
    try {
      const stored = JSON.parse(localStorage.getItem(CHOICE_KEY) ?? 'null') as ColumnKey[] | null;
      if (Array.isArray(stored)) return new Set([...stored, ...COLUMN_CHOICES.filter((c) => c.fixed).map((c) => c.key)]);
    } catch {
      // A damaged entry: the defaults.
    }
    return new Set(COLUMN_CHOICES.filter((c) => c.shown).map((c) => c.key));
  });
  return [
    shown,
    (keys) => {
      localStorage.setItem(CHOICE_KEY, JSON.stringify([...keys]));
      setShown(keys);
    },
  ];
}

let canvas: HTMLCanvasElement | undefined;
/** The width of a text at a font size, in CSS pixels. */
function textWidth(text: string, size: number, weight = 'normal'): number {
  canvas ??= document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return text.length * size;
  context.font = `${weight} ${size}px ${FONT_FAMILY}`;
  return Math.ceil(context.measureText(text).width);
}

/** The widest of some texts (a sample of the rows is enough: widths hardly vary past a few hundred). */
function widest(texts: Iterable<string>, size: number, limit = 400): number {
  let max = 0;
  let n = 0;
  for (const text of texts) {
    max = Math.max(max, textWidth(text, size));
    if (++n >= limit) break;
  }
  return max;
}

const statusText = (row: CaseSummary) =>
  [
    CASE_STATUSES.labels[row.status as CaseStatus] ?? row.status,
    row.status === 'agreed' && row.agreement?.form === 'written' && !row.agreement.effectiveDate ? '待签署' : '',
    row.centreMark ? `中心${CENTRE_MARKS.labels[row.centreMark.mark as 'received' | 'returned'] ?? ''}` : '',
  ].filter(Boolean);

/** The station as the centre knows it: its name with its code (`城东司法所（511702-001）`). */
const stationText = (row: CaseSummary) => (row.station ? stationLabel(row.station, row.stationName ?? '') : '');

export function registerColumns(
  shown: Set<ColumnKey>,
  rows: readonly CaseSummary[],
  options: { largeText: boolean; available: number; hasStations: boolean },
): { columns: NonNullable<TableProps<CaseSummary>['columns']>; width: number } {
  const size = options.largeText ? 20 : 16;
  const small = options.largeText ? 17 : 14;
  // Cell padding (both sides) of the table size used in each mode, and a sorter's arrows.
  const pad = options.largeText ? 34 : 18;
  const sorter = 26;
  const head = (title: string, sortable = false) => textWidth(title, size, '600') + pad + (sortable ? sorter : 0);
  const sample = rows.slice(0, 400);
  const fit = (title: string, texts: Iterable<string>, sortable: boolean, max = 400) =>
    Math.min(max, Math.max(head(title, sortable), widest(texts, size) + pad));
  // A tag: its text in the small size plus its own padding and border, and the gap between tags.
  const tags = (labels: string[]) => labels.reduce((sum, label) => sum + textWidth(label, small) + 18, 0) + (labels.length - 1) * 4;

  const all: Record<ColumnKey, NonNullable<TableProps<CaseSummary>['columns']>[number] & { width: number }> = {
    number: {
      title: '案号',
      dataIndex: 'number',
      key: 'number',
      width: fit(
        '案号',
        sample.map((r) => r.number),
        true,
      ),
      sorter: true,
      render: (v: string) => <a>{v}</a>,
    },
    parties: {
      title: '当事人',
      key: 'parties',
      width: Math.max(head('当事人'), textWidth('欧阳建华 与 司马光明', size) + pad),
      ellipsis: true,
      render: (_, row) => partiesLine(row.parties),
    },
    status: {
      title: '状态',
      key: 'status',
      width: Math.max(head('状态', true), Math.max(0, ...sample.map((r) => tags(statusText(r)))) + pad),
      sorter: true,
      render: (_, row) => (
        <Space size={4} wrap={false}>
          <StatusTag status={row.status} />
          {row.status === 'agreed' && row.agreement?.form === 'written' && !row.agreement.effectiveDate ? (
            <Tag color="orange">待签署</Tag>
          ) : null}
          <CentreMarkTag mark={row.centreMark} />
        </Space>
      ),
    },
    disputeType: {
      title: '纠纷类型',
      dataIndex: 'disputeTypeLabel',
      key: 'disputeType',
      width: fit(
        '纠纷类型',
        sample.map((r) => r.disputeTypeLabel),
        true,
      ),
      sorter: true,
    },
    receivedAt: {
      title: '登记日期',
      dataIndex: 'receivedAt',
      key: 'receivedAt',
      width: fit('登记日期', ['2026-12-31'], true),
      sorter: true,
    },
    mediators: {
      title: '调解员',
      key: 'mediators',
      width: fit(
        '调解员',
        sample.map((r) => r.mediators.join('、')),
        false,
        textWidth('王调解、李明华', size) + pad,
      ),
      ellipsis: true,
      render: (_, row) => row.mediators.join('、'),
    },
    summary: {
      title: '案由',
      dataIndex: 'summary',
      key: 'summary',
      width: textWidth('宅基地界址相邻关系纠纷', size) + pad,
      ellipsis: true,
    },
    ids: {
      title: '证件号码',
      key: 'ids',
      width: textWidth('110105********002X', size) + pad + 8,
      ellipsis: true,
      render: (_, row) => <span className="mono">{idColumn(row)}</span>,
    },
    amountFen: {
      title: '涉及金额',
      dataIndex: 'amountFen',
      key: 'amountFen',
      width: Math.max(head('涉及金额', true), textWidth('1,234,567.00 元', size) + pad),
      align: 'right',
      sorter: true,
      render: (v: number) => (v ? formatFen(v) : ''),
    },
    station: {
      title: '站点',
      key: 'station',
      width: fit('站点', sample.map(stationText), false, 260),
      ellipsis: true,
      render: (_, row) => stationText(row),
    },
  };
  const keys = COLUMN_CHOICES.map((c) => c.key).filter((k) => shown.has(k) && (k !== 'station' || options.hasStations));
  const columns = keys.map((k) => all[k]);
  const used = columns.reduce((sum, c) => sum + c.width, 0);
  // 当事人 takes the room that is left (the scroll bar of the virtual body takes about 10 px). When
  // there is too little (大字 at 1366), the columns that end in an ellipsis give way first, down to a
  // short name each, so that the working columns stay on screen.
  const spare = options.available - used - 12;
  if (spare > 0) all.parties.width += spare;
  else {
    let deficit = -spare;
    const giving: [ColumnKey, number][] = [
      ['parties', Math.max(head('当事人'), textWidth('欧阳建华 与 李四', size) + pad)],
      ['mediators', Math.max(head('调解员'), textWidth('王调解…', size) + pad)],
    ];
    for (const [key, least] of giving) {
      if (!keys.includes(key)) continue;
      const cut = Math.min(deficit, Math.max(0, all[key].width - least));
      all[key].width -= cut;
      deficit -= cut;
    }
  }
  return { columns, width: columns.reduce((sum, c) => sum + c.width, 0) };
}
