/**
 * 案件登记台账 as a printable PDF: A4 landscape (ten columns do not fit a portrait page at a readable
 * size), the title and heading on the first page, the column header repeated on every page, rows never
 * split across pages, and “第 1 页 共 3 页” under each. The fonts and the Chinese line breaking are the
 * documents module's (same fonts, fallback for rare characters, the same 禁则).
 */

import PDFDocument from 'pdfkit';

import { bundledFontFile, fallbackFont, fontRuns, type LoadedFont, loadFont, missingGlyphWarning } from '../documents/fonts';
import { breakText } from '../documents/linebreak';
import { REGISTER_COLUMNS, type RegisterMeta, type RegisterRow, registerSubtitle } from './register';

const MM = 72 / 25.4;
const PAGE = { width: 297 * MM, height: 210 * MM, top: 14 * MM, bottom: 16 * MM, left: 12 * MM, right: 12 * MM };
const WIDTH = PAGE.width - PAGE.left - PAGE.right;
const SIZE = 9;
const PITCH = SIZE * 1.45;
const PAD = 3;

export interface RegisterPdf {
  bytes: Buffer;
  pages: number;
  warnings: string[];
}

export function registerPdf(
  rows: readonly RegisterRow[],
  meta: RegisterMeta,
  options: { resourcesDir: string; creationDate?: Date },
): Promise<RegisterPdf> {
  const body = loadFont(bundledFontFile(options.resourcesDir, '400Regular'));
  const bold = loadFont(bundledFontFile(options.resourcesDir, '700Bold'));
  const warnings = new Set<string>();
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    font: body.font as never,
    margin: 0,
    bufferPages: true,
    info: {
      Title: `${meta.office}人民调解案件登记台账`,
      Author: meta.office,
      Creator: '人民调解工作台',
      ...(options.creationDate ? { CreationDate: options.creationDate } : {}),
    },
  });
  const registered = new Set<string>();
  const draw = (text: string, x: number, baseline: number, size: number, base: LoadedFont) => {
    let cursor = x;
    for (const run of fontRuns(text, base, (ch, cp) => warnings.add(missingGlyphWarning(ch, cp)))) {
      if (!registered.has(run.font.key)) {
        doc.registerFont(run.font.key, run.font.font as never);
        registered.add(run.font.key);
      }
      doc.font(run.font.key).fontSize(size);
      doc.text(run.text, cursor, baseline, { lineBreak: false, baseline: 'alphabetic' });
      cursor += run.width * size;
    }
  };
  const measure = (base: LoadedFont, size: number) => (ch: string) => {
    const cp = ch.codePointAt(0)!;
    const font = cp <= 0x20 || base.hasGlyph(cp) ? base : (fallbackFont(cp) ?? base);
    return font.advance(cp) * size;
  };
  const widthOf = (text: string, base: LoadedFont, size: number) => [...text].reduce((w, ch) => w + measure(base, size)(ch), 0);

  const total = REGISTER_COLUMNS.reduce((sum, col) => sum + col.width, 0);
  const widths = REGISTER_COLUMNS.map((col) => (WIDTH * col.width) / total);
  const cellLines = (values: string[], font: LoadedFont) =>
    values.map((value, i) => breakText(value, { width: widths[i] - 2 * PAD, measure: measure(font, SIZE) }).map((l) => l.line));

  let y = PAGE.top;
  let pages = 1;
  const drawRow = (values: string[], font: LoadedFont, header: boolean) => {
    const lines = cellLines(values, font);
    const height = Math.max(...lines.map((l) => l.length)) * PITCH + 2 * PAD;
    let x = PAGE.left;
    doc.lineWidth(0.5).strokeColor('#000000');
    if (header) doc.rect(PAGE.left, y, WIDTH, height).fillColor('#eeeeee').fill().fillColor('#000000');
    lines.forEach((cell, i) => {
      doc.rect(x, y, widths[i], height).stroke();
      const centred = header || REGISTER_COLUMNS[i].width <= 10;
      const top = y + (height - cell.length * PITCH) / 2;
      cell.forEach((line, j) => {
        const lineX = centred ? x + (widths[i] - widthOf(line, font, SIZE)) / 2 : x + PAD;
        draw(line, lineX, top + j * PITCH + PITCH / 2 + SIZE * 0.36, SIZE, font);
      });
      x += widths[i];
    });
    y += height;
  };
  const headerValues = REGISTER_COLUMNS.map((col) => col.label);
  const headerHeight = Math.max(...cellLines(headerValues, bold).map((l) => l.length)) * PITCH + 2 * PAD;

  // Title and heading, first page only.
  const title = `${meta.office}人民调解案件登记台账`;
  draw(title, PAGE.left + (WIDTH - widthOf(title, bold, 16)) / 2, y + 16, 16, bold);
  y += 16 * 1.9;
  for (const line of breakText(registerSubtitle(meta, rows.length), { width: WIDTH, measure: measure(body, SIZE) })) {
    draw(line.line, PAGE.left, y + SIZE, SIZE, body);
    y += PITCH;
  }
  y += 4;
  drawRow(headerValues, bold, true);
  for (const row of rows) {
    const values = REGISTER_COLUMNS.map((col) => String(row[col.key]));
    const height = Math.max(...cellLines(values, body).map((l) => l.length)) * PITCH + 2 * PAD;
    if (y + height > PAGE.height - PAGE.bottom && y > PAGE.top + headerHeight + 0.5) {
      doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
      pages++;
      y = PAGE.top;
      drawRow(headerValues, bold, true);
    }
    drawRow(values, body, false);
  }
  if (rows.length === 0) draw('（没有符合条件的案件）', PAGE.left + PAD, y + PITCH, SIZE, body);

  for (let page = 0; page < pages; page++) {
    doc.switchToPage(page);
    const text = `第 ${page + 1} 页  共 ${pages} 页`;
    draw(text, PAGE.left + (WIDTH - widthOf(text, body, SIZE)) / 2, PAGE.height - PAGE.bottom / 2, SIZE, body);
  }
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => resolve({ bytes: Buffer.concat(chunks), pages, warnings: [...warnings] }));
    doc.end();
  });
}
