/**
 * The front desk's table in the forms people hand on: XLSX laid out like a statistics form (title,
 * 填报单位, period, a two-level header, 合计, the definitions below), CSV (UTF-8 with BOM, for Excel and
 * WPS), and an aligned text table for the terminal. All show the cells of `buildRequestReport`.
 */

import ExcelJS from 'exceljs';

import { displayWidth } from '../oversight/export';
import { periodLabel } from '../oversight/period';
import {
  cellText,
  isRate,
  REQUEST_REPORT_TITLE,
  REQUEST_STATS_BY_LABELS,
  REQUEST_STATS_COLUMNS,
  type RequestStatsReport,
  type RequestStatsRow,
} from './stats';

const heading = (col: (typeof REQUEST_STATS_COLUMNS)[number]) => `${col.label}（${col.unit}）`;

export function requestReportTable(report: RequestStatsReport, office: string): string {
  const header = [REQUEST_STATS_BY_LABELS[report.by], ...REQUEST_STATS_COLUMNS.map(heading)];
  const body = [...report.rows, report.total].map((r) => [r.label, ...REQUEST_STATS_COLUMNS.map((c) => cellText(r, c.field))]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...body.map((row) => displayWidth(row[i]))));
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat(Math.max(0, widths[i] - displayWidth(text)));
    return i > 0 ? fill + text : text + fill;
  };
  const line = (cells: string[]) => cells.map(pad).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const title = `${office}${REQUEST_REPORT_TITLE}（${periodLabel(report)}，${report.from}至${report.to}，截至${report.asOf}）`;
  return [title, line(header), rule, ...body.slice(0, -1).map(line), rule, line(body[body.length - 1])].join('\n');
}

const csvCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function requestReportCsv(report: RequestStatsReport): string {
  const by = REQUEST_STATS_BY_LABELS[report.by];
  const header = [`${by}代码`, by, ...REQUEST_STATS_COLUMNS.map(heading)];
  const rows = [...report.rows, report.total].map((r) => [
    r.key,
    r.label,
    ...REQUEST_STATS_COLUMNS.map((c) => (r[c.field] === null ? '' : cellText(r, c.field))),
  ]);
  return `\uFEFF${[header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export const REQUEST_REPORT_NOTES = [
  '说明：各栏均统计本期登记的来访（按登记日期），为截至填报日期的办理情况；来访人次按来访人数计；处理方式各栏之和等于登记件数。',
  '按期：各项办理时限（转办、约期答复、承办单位反馈、不满意回复，按工作日计）均按期完成；逾期：有时限超期完成或已超期未完成；未到期：尚有未完成且未到期的时限；当场解答等无时限的登记不计入。',
  '按期率＝按期÷（按期＋逾期）；满意度按最近一次回访计，满意率＝（满意＋基本满意）÷已回访。',
];

export async function requestReportXlsx(report: RequestStatsReport, meta: { office: string; today: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '人民调解工作台';
  const ws = wb.addWorksheet('统计表', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const columns = 1 + REQUEST_STATS_COLUMNS.length;

  ws.mergeCells(1, 1, 1, columns);
  const title = ws.getCell(1, 1);
  title.value = `${REQUEST_REPORT_TITLE}（${periodLabel(report)}）`;
  title.font = { name: '宋体', size: 18, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 36;
  const half = Math.floor(columns / 2);
  ws.mergeCells(2, 1, 2, half);
  ws.getCell(2, 1).value = `填报单位：${meta.office}`;
  ws.mergeCells(2, half + 1, 2, columns);
  ws.getCell(2, half + 1).value = `统计期间：${report.from}至${report.to}　　截至：${report.asOf}　　填报日期：${meta.today}`;
  ws.getCell(2, half + 1).alignment = { horizontal: 'right' };

  // Two header rows: a group heading over each run of columns of the same group.
  ws.getCell(3, 1).value = REQUEST_STATS_BY_LABELS[report.by];
  ws.mergeCells(3, 1, 4, 1);
  REQUEST_STATS_COLUMNS.forEach((col, i) => {
    const at = i + 2;
    if (!col.group) {
      ws.getCell(3, at).value = heading(col);
      ws.mergeCells(3, at, 4, at);
      return;
    }
    ws.getCell(4, at).value = heading(col);
    if (REQUEST_STATS_COLUMNS[i - 1]?.group !== col.group) {
      let last = i;
      while (REQUEST_STATS_COLUMNS[last + 1]?.group === col.group) last++;
      ws.getCell(3, at).value = col.group;
      ws.mergeCells(3, at, 3, last + 2);
    }
  });
  for (const r of [3, 4]) {
    const row = ws.getRow(r);
    row.height = 32;
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c);
      cell.font = { name: '宋体', size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
  }
  const writeRow = (r: RequestStatsRow, bold: boolean) => {
    const row = ws.addRow([r.label, ...REQUEST_STATS_COLUMNS.map((c) => (r[c.field] === null ? '—' : r[c.field]))]);
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cell.border = BORDER;
      cell.font = { name: '宋体', size: 11, bold };
      cell.alignment = { horizontal: c === 1 ? 'left' : 'right', vertical: 'middle' };
      const field = REQUEST_STATS_COLUMNS[c - 2]?.field;
      if (field && isRate(field)) cell.numFmt = '0.0%';
    });
  };
  for (const r of report.rows) writeRow(r, false);
  writeRow(report.total, true);
  for (const text of REQUEST_REPORT_NOTES) {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, columns);
    row.getCell(1).font = { name: '宋体', size: 9 };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = 28;
  }
  ws.getColumn(1).width = 18;
  REQUEST_STATS_COLUMNS.forEach((col, i) => {
    ws.getColumn(i + 2).width = Math.max(9, displayWidth(col.label) + 3);
  });
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 4 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
