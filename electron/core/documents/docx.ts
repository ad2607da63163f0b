/**
 * DOCX renderer (docx). The same blocks as the PDF, laid out for Word and WPS: A4, GB/T 9704 margins,
 * a 22-line document grid (linePitch 579) and body text tracked to 28 characters a line, body 3号
 * 仿宋_GB2312, title 2号 方正小标宋简体, headings 黑体, Latin text and digits in Times New Roman.
 * Office PCs often lack 仿宋_GB2312 or 方正小标宋简体: the font table names 仿宋 and 宋体 as their
 * alternates (w:altName), so Word and WPS substitute a font the PC has instead of a generic one.
 */

import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  HeightRule,
  type ISectionOptions,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

import { type Block, type DocumentModel, termLabel } from './model';

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIPS_PER_MM);
const PAGE = { width: 11906, height: 16838, top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** 225 mm / 22 lines, in twips. */
const LINE = 579;
/** One grid character (156 mm / 28) in twips. */
const CHAR = Math.round(TEXT_WIDTH / 28);

const LATIN = 'Times New Roman';
const FONTS = {
  body: { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '仿宋_GB2312', hint: 'eastAsia' as const },
  title: { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '方正小标宋简体', hint: 'eastAsia' as const },
  heading: { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '黑体', hint: 'eastAsia' as const },
};
const SIZE = { body: 32, title: 44, table: 28, pageNumber: 28 }; // half-points

export interface DocxOptions {
  info?: { title?: string; author?: string; subject?: string; keywords?: string };
  creationDate?: Date;
}

/**
 * Tracking of body text, in twentieths of a point: 28 characters of 16 pt need 448 pt, the text block is
 * 442 pt wide, so each character is set 0.25 pt tighter. (A character grid, w:docGrid linesAndChars,
 * would do the same in Word, but LibreOffice lays such grids out differently; tracking works everywhere.)
 */
const BODY_TRACKING = -5;

/** Text runs for a block's text; `\n` inside becomes a line break. */
function runs(text: string, font = FONTS.body, size = SIZE.body, bold = false): TextRun[] {
  const characterSpacing = size === SIZE.body ? BODY_TRACKING : undefined;
  return text.split('\n').map((part, i) => new TextRun({ text: part, font, size, bold, characterSpacing, break: i > 0 ? 1 : undefined }));
}

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

function paragraph(
  text: string,
  options: {
    indent?: boolean;
    align?: 'left' | 'center' | 'right';
    rightIndent?: number;
    before?: number;
    font?: typeof FONTS.body;
    keepNext?: boolean;
  } = {},
): Paragraph {
  const alignment =
    options.align === 'center' ? AlignmentType.CENTER : options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED;
  return new Paragraph({
    children: runs(text, options.font),
    alignment,
    keepNext: options.keepNext,
    spacing: { ...exact(LINE), before: options.before ?? 0 },
    indent: { firstLine: options.indent ? 2 * CHAR : 0, right: options.rightIndent ?? 0 },
  });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE_BORDER = { style: BorderStyle.SINGLE, size: 6, color: '000000' };

function table(block: Extract<Block, { kind: 'table' }>): Table {
  const all = block.header ? [block.header, ...block.rows] : block.rows;
  const columns = Math.max(...all.map((r) => r.length));
  const weights = Array.from({ length: columns }, (_, i) => block.widths?.[i] ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.round((TEXT_WIDTH * w) / total));
  const narrow = widths.map((w) => w < TEXT_WIDTH * 0.3);
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: widths.map(
        (width, i) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            margins: { top: 80, bottom: 80, left: 100, right: 100 },
            children: [
              new Paragraph({
                children: runs(cells[i] ?? '', header ? FONTS.heading : FONTS.body, SIZE.table),
                alignment: header || narrow[i] ? AlignmentType.CENTER : AlignmentType.LEFT,
                spacing: exact(448),
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: LINE_BORDER,
      bottom: LINE_BORDER,
      left: LINE_BORDER,
      right: LINE_BORDER,
      insideHorizontal: LINE_BORDER,
      insideVertical: LINE_BORDER,
    },
    rows: [...(block.header ? [row(block.header, true)] : []), ...block.rows.map((r) => row(r, false))],
  });
}

/** Signature rows as a borderless two-column table; each row is tall enough to sign and press a fingerprint. */
function signatures(block: Extract<Block, { kind: 'signatures' }>): Table {
  const half = Math.round(TEXT_WIDTH * 0.6);
  const cell = (text: string, width: number, columnSpan?: number) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      columnSpan,
      margins: { top: 0, bottom: 0, left: 0, right: CHAR / 2 },
      children: [new Paragraph({ children: runs(text), alignment: AlignmentType.LEFT, spacing: exact(LINE) })],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, TEXT_WIDTH - half],
    borders: {
      top: NO_BORDER,
      bottom: NO_BORDER,
      left: NO_BORDER,
      right: NO_BORDER,
      insideHorizontal: NO_BORDER,
      insideVertical: NO_BORDER,
    },
    rows: block.rows.map(
      ([left, right]) =>
        new TableRow({
          cantSplit: true,
          height: { value: LINE * 2, rule: HeightRule.ATLEAST },
          children: right ? [cell(left, half), cell(right, TEXT_WIDTH - half)] : [cell(left, TEXT_WIDTH, 2)],
        }),
    ),
  });
}

function blockContent(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title':
      return [
        new Paragraph({
          children: runs(block.text, FONTS.title, SIZE.title),
          alignment: AlignmentType.CENTER,
          spacing: { line: Math.round(LINE * 1.5), lineRule: LineRuleType.EXACT, before: 0, after: Math.round(LINE * 0.5) },
        }),
      ];
    case 'heading':
      return [paragraph(block.text, { font: FONTS.heading, keepNext: true })];
    case 'number':
      return [paragraph(block.text, { align: 'right' })];
    case 'paragraph':
      return [paragraph(block.text, { indent: block.indent, align: block.align })];
    case 'party':
      return [paragraph(block.text)];
    case 'terms':
      return block.items.map((item, i) => paragraph(termLabel(i) + item, { indent: true }));
    case 'table':
      return [table(block), new Paragraph({ children: [], spacing: exact(LINE / 2) })];
    case 'signatures':
      return [signatures(block)];
    case 'seal':
      return [paragraph(block.text, { align: 'right', rightIndent: 4 * CHAR })];
    case 'date':
      return [paragraph(block.text, { align: 'right', rightIndent: 4 * CHAR })];
    case 'space':
      return [new Paragraph({ children: [], spacing: exact(LINE) })];
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()], spacing: exact(LINE) })];
  }
}

function pageNumberFooter(align: 'left' | 'right'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { ascii: LATIN, hAnsi: LATIN, eastAsia: '宋体' },
            size: SIZE.pageNumber,
          }),
        ],
      }),
    ],
  });
}

function section(model: DocumentModel): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mm(15), footer: mm(28) - 280 },
        pageNumbers: { start: 1 },
      },
      grid: { type: DocumentGridType.LINES, linePitch: LINE },
    },
    footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
    children: model.blocks.flatMap(blockContent),
  };
}

/**
 * The font table: the fonts the document names, each with the font Word/WPS should use when it is
 * missing (w:altName) and the GB2312 character set, so a PC without 仿宋_GB2312 shows 仿宋.
 */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:panose1 w:val="02000000000000000000"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
</w:fonts>`;

export interface DocxResult {
  bytes: Buffer;
  warnings: string[];
}

/** Render one or several documents into one DOCX (one section each, page numbers restarting). */
export async function renderDocx(models: DocumentModel[], options: DocxOptions = {}): Promise<DocxResult> {
  const doc = new Document({
    creator: options.info?.author || '人民调解工作台',
    title: options.info?.title,
    subject: options.info?.subject,
    keywords: options.info?.keywords,
    description: options.info?.keywords,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: FONTS.body, size: SIZE.body },
          paragraph: { spacing: exact(LINE) },
        },
      },
    },
    sections: models.map(section),
  });
  const bytes = await Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
  return { bytes, warnings: [] };
}
