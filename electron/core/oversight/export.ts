/**
 * The report in the forms people hand on: an XLSX laid out like a government statistics table,
 * a CSV (UTF-8 with BOM, so that Excel/WPS open it in Chinese), and an aligned text table for the
 * terminal. All three show the same cells as the JSON report.
 */

import ExcelJS from 'exceljs';

import { fenToYuan } from '../money';
import { periodLabel } from './period';
import { STATS_BY_LABELS, STATS_COLUMNS, type StatsBy, type StatsCounts, type StatsReport, type StatsRow } from './stats';

export type MoneyUnit = 'yuan' | 'wan';

export interface ExportMeta {
  /** 填报单位: the office's full name. */
  office: string;
  by: StatsBy;
  /** 填报日期 (YYYY-MM-DD). */
  today: string;
  money?: MoneyUnit;
}

/** Amounts in 元 keep every fen; 万元 is what many higher-level forms ask for (4 decimals = to the yuan). */
function money(fen: number, unit: MoneyUnit): string {
  if (unit === 'yuan') return fenToYuan(fen);
  const yuan = Math.round(fen / 100);
  const whole = Math.trunc(yuan / 10_000);
  return `${whole}.${String(yuan % 10_000).padStart(4, '0')}`;
}

function rate(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}`;
}

function heading(col: (typeof STATS_COLUMNS)[number], unit: MoneyUnit): string {
  const u = col.field === 'amountFen' ? (unit === 'wan' ? '万元' : '元') : col.unit;
  return `${col.label}（${u}）`;
}

function cellText(row: StatsRow, field: keyof StatsCounts, unit: MoneyUnit): string {
  if (field === 'successRate') return rate(row.successRate);
  if (field === 'amountFen') return money(row.amountFen, unit);
  return String(row[field]);
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function padTo(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

export function reportTable(report: StatsReport, meta: ExportMeta): string {
  const unit = meta.money ?? 'yuan';
  const header = [STATS_BY_LABELS[meta.by], ...STATS_COLUMNS.map((c) => heading(c, unit))];
  const body = [...report.rows, report.total].map((r) => [r.label, ...STATS_COLUMNS.map((c) => cellText(r, c.field, unit))]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...body.map((row) => displayWidth(row[i]))));
  const line = (cells: string[]) => cells.map((c, i) => padTo(c, widths[i], i > 0)).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const title = `${meta.office}人民调解工作统计表（${periodLabel(report)}，${report.from}至${report.to}）`;
  return [title, line(header), rule, ...body.slice(0, -1).map(line), rule, line(body[body.length - 1])].join('\n');
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a BOM and CRLF line ends: what Excel and WPS on Windows open correctly. */
export function reportCsv(report: StatsReport, meta: ExportMeta): string {
  const unit = meta.money ?? 'yuan';
  const header = [`${STATS_BY_LABELS[meta.by]}代码`, STATS_BY_LABELS[meta.by], ...STATS_COLUMNS.map((c) => heading(c, unit))];
  const rows = [...report.rows, report.total].map((r) => [
    r.key,
    r.label,
    ...STATS_COLUMNS.map((c) => (c.field === 'successRate' && r.successRate === null ? '' : cellText(r, c.field, unit))),
  ]);
  return `\uFEFF${[header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The XLSX: title, 填报单位 / 统计期间 / 填报日期, a two-level header, rows, 合计, and the definitions below. */
export async function reportXlsx(report: StatsReport, meta: ExportMeta): Promise<Buffer> {
  const unit = meta.money ?? 'yuan';
  const wb = new ExcelJS.Workbook();
  wb.creator = '人民调解工作台';
  const ws = wb.addWorksheet('统计表', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const columnCount = 1 + STATS_COLUMNS.length;
  const lastCol = ws.getColumn(columnCount).letter;

  ws.mergeCells(`A1:${lastCol}1`);
  const title = ws.getCell('A1');
  title.value = `人民调解工作统计表（${periodLabel(report)}）`;
  title.font = { name: '宋体', size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 36;

  const half = Math.floor(columnCount / 2);
  ws.mergeCells(2, 1, 2, half);
  ws.getCell(2, 1).value = `填报单位：${meta.office}`;
  ws.mergeCells(2, half + 1, 2, columnCount);
  ws.getCell(2, half + 1).value = `统计期间：${report.from}至${report.to}　　填报日期：${meta.today}`;
  ws.getCell(2, half + 1).alignment = { horizontal: 'right' };

  // Two header rows: groups over the outcome, agreement-form and confirmation columns.
  const groups: Record<string, string> = {
    resolved: '办结情况',
    failed: '办结情况',
    withdrawn: '办结情况',
    written: '协议形式',
    oral: '协议形式',
    confirmationApplied: '司法确认',
    confirmed: '司法确认',
  };
  const top = ws.getRow(3);
  const sub = ws.getRow(4);
  top.getCell(1).value = STATS_BY_LABELS[meta.by];
  ws.mergeCells(3, 1, 4, 1);
  STATS_COLUMNS.forEach((col, i) => {
    const at = i + 2;
    const group = groups[col.field];
    if (group) {
      top.getCell(at).value = group;
      sub.getCell(at).value = heading(col, unit);
    } else {
      top.getCell(at).value = heading(col, unit);
      ws.mergeCells(3, at, 4, at);
    }
  });
  for (const fields of [
    ['resolved', 'withdrawn'],
    ['written', 'oral'],
    ['confirmationApplied', 'confirmed'],
  ] as const) {
    const first = STATS_COLUMNS.findIndex((c) => c.field === fields[0]) + 2;
    const last = STATS_COLUMNS.findIndex((c) => c.field === fields[1]) + 2;
    ws.mergeCells(3, first, 3, last);
  }
  for (const r of [3, 4]) {
    const row = ws.getRow(r);
    row.height = 30;
    for (let c = 1; c <= columnCount; c++) {
      const cell = row.getCell(c);
      cell.font = { name: '宋体', size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
  }

  const writeRow = (r: StatsRow, bold: boolean) => {
    const values: (string | number | null)[] = [r.label];
    for (const col of STATS_COLUMNS) {
      if (col.field === 'successRate') values.push(r.successRate === null ? null : r.successRate);
      else if (col.field === 'amountFen') values.push(Number(money(r.amountFen, unit)));
      else values.push(r[col.field]);
    }
    const row = ws.addRow(values);
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cell.border = BORDER;
      cell.font = { name: '宋体', size: 11, bold };
      cell.alignment = { horizontal: c === 1 ? 'left' : 'right', vertical: 'middle' };
      const field = STATS_COLUMNS[c - 2]?.field;
      if (field === 'successRate') cell.numFmt = '0.0%';
      if (field === 'amountFen') cell.numFmt = unit === 'wan' ? '#,##0.0000' : '#,##0.00';
    });
    if (r.successRate === null) row.getCell(STATS_COLUMNS.findIndex((c) => c.field === 'successRate') + 2).value = '—';
  };
  for (const r of report.rows) writeRow(r, false);
  writeRow(report.total, true);

  const notes = [
    '说明：受理数按登记日期统计（不予受理的案件不计入）；调解成功、书面/口头协议按协议日期统计；调解不成、撤回按办结日期统计；',
    '申请司法确认、确认有效、协议已履行按该事项的日期统计；调解中为期末尚未办结的案件；涉及金额、人数为本期受理案件的合计；',
    '调解成功率＝调解成功÷（调解成功＋调解不成）。' +
      (meta.by === 'mediator' ? '一案有多名调解员的，分别计入各调解员，合计只计一次。' : ''),
  ];
  for (const text of notes) {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, columnCount);
    row.getCell(1).font = { name: '宋体', size: 9 };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = 24;
  }

  ws.getColumn(1).width = meta.by === 'source' ? 26 : 18;
  STATS_COLUMNS.forEach((col, i) => {
    ws.getColumn(i + 2).width = col.field === 'amountFen' ? 16 : col.field === 'confirmationApplied' || col.field === 'confirmed' ? 13 : 11;
  });
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 4 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
