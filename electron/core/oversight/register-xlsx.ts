/** 案件登记台账 as XLSX: landscape A4, the header repeated on every printed page, text cells throughout. */

import ExcelJS from 'exceljs';

import { REGISTER_COLUMNS, type RegisterMeta, type RegisterRow, registerSubtitle } from './register';

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function registerXlsx(rows: readonly RegisterRow[], meta: RegisterMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '人民调解工作台';
  const ws = wb.addWorksheet('案件登记台账', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  const count = REGISTER_COLUMNS.length;

  ws.mergeCells(1, 1, 1, count);
  const title = ws.getCell(1, 1);
  title.value = `${meta.office}人民调解案件登记台账`;
  title.font = { name: '宋体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, count);
  ws.getCell(2, 1).value = registerSubtitle(meta, rows.length);
  ws.getCell(2, 1).font = { name: '宋体', size: 10 };

  const header = ws.getRow(3);
  REGISTER_COLUMNS.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.label;
    cell.font = { name: '宋体', size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    ws.getColumn(i + 1).width = col.width * 1.9 + 1;
  });
  header.height = 22;

  for (const r of rows) {
    // Every value as text (a 案号 or a date must not become a number or a date serial).
    const row = ws.addRow(REGISTER_COLUMNS.map((col) => (col.key === 'index' ? r.index : String(r[col.key]))));
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cell.border = BORDER;
      cell.font = { name: '宋体', size: 10 };
      const narrow = REGISTER_COLUMNS[c - 1].width <= 10;
      cell.alignment = { horizontal: narrow ? 'center' : 'left', vertical: 'middle', wrapText: true };
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
