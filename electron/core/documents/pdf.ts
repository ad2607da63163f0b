/**
 * PDF renderer (pdfkit). Layout after GB/T 9704-2012: A4; margins top 37 mm, bottom 35 mm, left 28 mm,
 * right 26 mm (a 156 × 225 mm text block); body 3号 (16 pt) on a grid of 22 lines × 28 characters;
 * title 2号 (22 pt); page numbers “— 1 —” in 4号, 7 mm under the text block, right on odd pages and left
 * on even ones. Lines are broken here (./linebreak.ts) and justified to the block's width, because
 * pdfkit's breaker only knows spaces. Several documents can go into one PDF (the dossier), each starting
 * on a new page.
 */

import PDFDocument from 'pdfkit';

import { isLeadIn, signatureRowLines } from './closing';
import { bundledFontFile, fallbackFont, type FontRun, fontRuns, type LoadedFont, loadFont, missingGlyphWarning } from './fonts';
import { CHARS_PER_LINE, LINES_PER_PAGE, SIGN_GAP_CHARS, SIGN_LEFT_SHARE } from './grid';
import { breakText, stretchableGaps } from './linebreak';
import { type Block, type DocumentModel, termLabel } from './model';

const MM = 72 / 25.4;
export const PAGE = { width: 210 * MM, height: 297 * MM, top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const TEXT_BOTTOM = PAGE.height - PAGE.bottom;
const BODY = 16;
const TITLE = 22;
const TABLE = 14;
/** One grid line: 225 mm / 22. */
const LINE = (TEXT_BOTTOM - PAGE.top) / LINES_PER_PAGE;
/** Space after a table: half a line (the DOCX: an empty paragraph of 290 twips). */
const TABLE_GAP = 14.5;
/** One grid character: 156 mm / 28 (a little under 16 pt, so the glyphs are set 0.2 pt tighter). */
const CHAR = TEXT_WIDTH / CHARS_PER_LINE;
const BODY_TRACKING = CHAR - BODY;
/**
 * Justification adds at most a quarter of a character between two characters. A line that would need
 * more (the line before a long amount or case number, which may not be broken) stays flush left rather
 * than be spaced out; the DOCX sets such paragraphs flush left as well.
 */
const MAX_JUSTIFY_GAP = 0.25;
/** Table text: 14 pt on 22.4 pt lines, 5 pt padding in each cell (the DOCX uses the same). */
const TABLE_PITCH = TABLE * 1.6;
const TABLE_PAD = 5;

export interface PdfOptions {
  resourcesDir: string;
  /** Document information (title, author…); the template and version go in Subject/Keywords. */
  info?: { title?: string; author?: string; subject?: string; keywords?: string };
  /** Page numbers counted over the whole file (dossier) or restarted for each document. Default: per document. */
  pageNumbers?: 'per-document' | 'continuous';
  /** Fixed creation date, so that the same input gives the same file. */
  creationDate?: Date;
}

export interface PdfResult {
  bytes: Buffer;
  pages: number;
  warnings: string[];
}

interface Fonts {
  body: LoadedFont;
  bold: LoadedFont;
}

let fontCache: { dir: string; fonts: Fonts } | undefined;

function fontsFor(resourcesDir: string): Fonts {
  if (fontCache?.dir !== resourcesDir) {
    fontCache = {
      dir: resourcesDir,
      fonts: { body: loadFont(bundledFontFile(resourcesDir, '400Regular')), bold: loadFont(bundledFontFile(resourcesDir, '700Bold')) },
    };
  }
  return fontCache.fonts;
}

class Writer {
  readonly doc: PDFKit.PDFDocument;
  readonly warnings = new Set<string>();
  private readonly registered = new Set<string>();
  private readonly missing = new Set<string>();
  y = PAGE.top;
  /** Index of the first page of each document, for per-document page numbers. */
  readonly documentStarts: number[] = [];
  pageCount = 1;

  constructor(
    readonly fonts: Fonts,
    options: PdfOptions,
  ) {
    this.doc = new PDFDocument({
      size: [PAGE.width, PAGE.height],
      // Start with the body font: the default (Helvetica) would parse its AFM metrics for every document.
      font: fonts.body.font as never,
      margin: 0,
      bufferPages: true,
      autoFirstPage: true,
      // pdfkit cannot write an absent entry: leave out what is not given.
      info: Object.fromEntries(
        Object.entries({
          Title: options.info?.title,
          Author: options.info?.author,
          Subject: options.info?.subject,
          Keywords: options.info?.keywords,
          Creator: '人民调解工作台',
          CreationDate: options.creationDate,
        }).filter(([, v]) => v !== undefined && v !== ''),
      ),
    });
  }

  private use(font: LoadedFont, size: number): void {
    if (!this.registered.has(font.key)) {
      this.doc.registerFont(font.key, font.font as never);
      this.doc.font(font.key);
      // pdfkit finds the body font (opened at construction) equal to the registered one but does not
      // remember it under the key, and would reopen it on every switch: remember it here.
      const internals = this.doc as unknown as { _font: unknown; _fontFamilies: Record<string, unknown> };
      internals._fontFamilies[font.key] ??= internals._font;
      this.registered.add(font.key);
    }
    this.doc.font(font.key).fontSize(size);
  }

  /** Split text into runs by the font that has each character; note characters no font has. */
  runs(text: string, base: LoadedFont): FontRun[] {
    return fontRuns(text, base, (ch, cp) => this.noteMissing(ch, cp));
  }

  private noteMissing(ch: string, cp: number): void {
    if (this.missing.has(ch)) return;
    this.missing.add(ch);
    this.warnings.add(missingGlyphWarning(ch, cp));
  }

  /** Width of one character at `size` with the given tracking, in the font that will draw it. */
  measure(base: LoadedFont, size: number, tracking: number): (ch: string) => number {
    return (ch) => {
      const cp = ch.codePointAt(0)!;
      const font = base.hasGlyph(cp) || cp <= 0x20 ? base : (fallbackFont(cp) ?? base);
      return font.advance(cp) * size + tracking;
    };
  }

  /** Draw one line with its baseline at `baseline`; `spacing` is added after each character but the last. */
  drawLine(text: string, x: number, baseline: number, size: number, base: LoadedFont, spacing: number): void {
    let cursor = x;
    for (const run of this.runs(text, base)) {
      this.use(run.font, size);
      this.doc.text(run.text, cursor, baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: spacing });
      cursor += run.width * size + spacing * run.count;
    }
  }

  lineWidth(text: string, base: LoadedFont, size: number): { width: number; count: number } {
    let width = 0;
    let count = 0;
    for (const run of this.runs(text, base)) {
      width += run.width * size;
      count += run.count;
    }
    return { width, count };
  }

  newPage(): void {
    this.doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    this.pageCount++;
    this.y = PAGE.top;
  }

  ensure(height: number): void {
    if (this.y + height > TEXT_BOTTOM + 0.5 && this.y > PAGE.top + 0.5) this.newPage();
  }

  /** Baseline of a line box starting at `top`, the glyphs centred in the grid line. */
  static baseline(top: number, pitch: number, size: number): number {
    return top + pitch / 2 + size * 0.36;
  }

  /**
   * A paragraph-like block: broken into lines, justified (all but each piece's last line), aligned.
   * `left`/`width` give the column; `indent` the first line's extra indent.
   */
  textBlock(
    text: string,
    o: {
      size?: number;
      font?: LoadedFont;
      pitch?: number;
      indent?: number;
      align?: 'left' | 'center' | 'right';
      rightIndent?: number;
      left?: number;
      width?: number;
      /** Stretch all but the last line to the full width (body text); off for signature lines. */
      justify?: boolean;
    },
  ): void {
    const size = o.size ?? BODY;
    const font = o.font ?? this.fonts.body;
    const pitch = o.pitch ?? LINE;
    const tracking = size === BODY ? BODY_TRACKING : 0;
    const left = o.left ?? PAGE.left;
    const width = (o.width ?? TEXT_WIDTH) - (o.rightIndent ?? 0);
    const align = o.align ?? 'left';
    const lines = breakText(text, { width, firstIndent: o.indent ?? 0, measure: this.measure(font, size, tracking) });
    lines.forEach(({ line, last }, i) => {
      this.ensure(pitch);
      const indent = i === 0 ? (o.indent ?? 0) : 0;
      const { width: natural, count } = this.lineWidth(line, font, size);
      const available = width - indent;
      const baseline = Writer.baseline(this.y, pitch, size);
      const gaps = stretchableGaps(line);
      const stretchable = gaps.stretch.filter(Boolean).length;
      const extra = stretchable > 0 ? (available - natural - tracking * (count - 1)) / stretchable : Infinity;
      if (align === 'left' && o.justify !== false && !last && extra <= MAX_JUSTIFY_GAP * size) {
        this.drawJustified(gaps, left + indent, baseline, size, font, tracking, extra);
      } else {
        const drawn = natural + tracking * Math.max(0, count - 1);
        let x = left + indent;
        if (align === 'center') x = left + (available - drawn) / 2;
        if (align === 'right') x = left + available - drawn;
        this.drawLine(line, x, baseline, size, font, tracking);
      }
      this.y += pitch;
    });
  }

  /**
   * A justified line: `extra` goes into the gaps where the line could break; a number, an ID or a joined
   * span (case number, amount, date) keeps its characters at their normal spacing. Runs of loose
   * characters are drawn in one call with the wider spacing, each glued run in a call of its own.
   */
  private drawJustified(
    { chars, stretch }: { chars: string[]; stretch: boolean[] },
    x: number,
    baseline: number,
    size: number,
    font: LoadedFont,
    tracking: number,
    extra: number,
  ): void {
    let cursor = x;
    let loose = '';
    const flushLoose = () => {
      if (!loose) return;
      this.drawLine(loose, cursor, baseline, size, font, tracking + extra);
      const { width, count } = this.lineWidth(loose, font, size);
      cursor += width + (tracking + extra) * count;
      loose = '';
    };
    let start = 0;
    for (let i = 0; i < chars.length; i++) {
      if (i < chars.length - 1 && !stretch[i]) continue;
      const segment = chars.slice(start, i + 1).join('');
      if (i === start) loose += segment;
      else {
        flushLoose();
        this.drawLine(segment, cursor, baseline, size, font, tracking);
        const { width, count } = this.lineWidth(segment, font, size);
        cursor += width + tracking * count + extra;
      }
      start = i + 1;
    }
    flushLoose();
  }

  table(block: Extract<Block, { kind: 'table' }>): void {
    const all = block.header ? [block.header, ...block.rows] : block.rows;
    const columns = Math.max(...all.map((r) => r.length));
    const weights = Array.from({ length: columns }, (_, i) => block.widths?.[i] ?? 1);
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => (TEXT_WIDTH * w) / total);
    const pad = TABLE_PAD;
    const pitch = TABLE_PITCH;
    const measure = this.measure(this.fonts.body, TABLE, 0);
    const layoutRow = (row: string[]) => {
      const cells = widths.map((w, i) => breakText(row[i] ?? '', { width: w - 2 * pad, measure }));
      return { cells, height: Math.max(...cells.map((c) => c.length)) * pitch + 2 * pad };
    };
    const drawRow = (row: ReturnType<typeof layoutRow>, isHeader: boolean) => {
      const top = this.y;
      let x = PAGE.left;
      this.doc.lineWidth(0.75).strokeColor('#000000');
      row.cells.forEach((lines, i) => {
        this.doc.rect(x, top, widths[i], row.height).stroke();
        const font = isHeader ? this.fonts.bold : this.fonts.body;
        // Narrow columns (labels, 序号, 页号) and headers are centred like a printed form; text columns run ragged-left.
        const centred = isHeader || widths[i] < TEXT_WIDTH * 0.3;
        const block = lines.length * pitch;
        lines.forEach(({ line }, j) => {
          const { width } = this.lineWidth(line, font, TABLE);
          let cx = x + pad;
          const spacing = 0;
          if (centred) cx = x + (widths[i] - width) / 2;
          const lineTop = top + (row.height - block) / 2 + j * pitch;
          this.drawLine(line, cx, Writer.baseline(lineTop, pitch, TABLE), TABLE, font, spacing);
        });
        x += widths[i];
      });
      this.y = top + row.height;
    };
    const header = block.header ? layoutRow(block.header) : undefined;
    this.ensure((header?.height ?? 0) + pitch + 2 * pad);
    if (header) drawRow(header, true);
    for (const row of block.rows) {
      const laid = layoutRow(row);
      if (this.y + laid.height > TEXT_BOTTOM + 0.5) {
        this.newPage();
        if (header) drawRow(header, true);
      }
      drawRow(laid, false);
    }
    this.y += TABLE_GAP;
  }

  private tableHeight(block: Extract<Block, { kind: 'table' }>): number {
    const all = block.header ? [block.header, ...block.rows] : block.rows;
    const columns = Math.max(...all.map((r) => r.length));
    const weights = Array.from({ length: columns }, (_, i) => block.widths?.[i] ?? 1);
    const total = weights.reduce((a, b) => a + b, 0);
    const measure = this.measure(this.fonts.body, TABLE, 0);
    const rowHeight = (row: string[]) =>
      Math.max(...weights.map((w, i) => breakText(row[i] ?? '', { width: (TEXT_WIDTH * w) / total - 2 * TABLE_PAD, measure }).length)) *
        TABLE_PITCH +
      2 * TABLE_PAD;
    return all.reduce((sum, row) => sum + rowHeight(row), 0) + TABLE_GAP;
  }

  /** Signature columns: the parties' side is wider (a name and 签名或按指印), the mediators' narrower. */
  private static readonly SIGN_LEFT = TEXT_WIDTH * SIGN_LEFT_SHARE;

  /** The left cell's width: the whole line when the row has no right cell. */
  private static signLeftWidth(right: string): number {
    return right ? Writer.SIGN_LEFT - CHAR * SIGN_GAP_CHARS : TEXT_WIDTH;
  }

  /** Lines of a signature row (text and room to sign), measured with the PDF's font. */
  private signatureRowLines(row: [string, string]): number {
    const measure = this.measure(this.fonts.body, BODY, BODY_TRACKING);
    return signatureRowLines(row, (text, widthInChars) => breakText(text, { width: widthInChars * CHAR, measure }).length);
  }

  /** Each row: left and right cells, then room below to sign and press a fingerprint. */
  signatures(block: Extract<Block, { kind: 'signatures' }>): void {
    for (const row of block.rows) {
      const [left, right] = row;
      const height = this.signatureRowLines(row) * LINE;
      this.ensure(height);
      const top = this.y;
      this.textBlock(left, { left: PAGE.left, width: Writer.signLeftWidth(right), justify: false });
      if (right) {
        this.y = top;
        this.textBlock(right, { left: PAGE.left + Writer.SIGN_LEFT, width: TEXT_WIDTH - Writer.SIGN_LEFT, justify: false });
      }
      this.y = top + height;
    }
  }

  private textLines(text: string, indent = 0, width = TEXT_WIDTH): number {
    return breakText(text, { width, firstIndent: indent, measure: this.measure(this.fonts.body, BODY, BODY_TRACKING) }).length;
  }

  /** The height a block takes on the page, as `block()` will draw it (for keeping blocks together). */
  blockHeight(block: Block): number {
    switch (block.kind) {
      case 'title':
        return 2 * LINE;
      case 'heading':
      case 'number':
      case 'party':
        return this.textLines(block.text) * LINE;
      case 'paragraph':
        return this.textLines(block.text, block.indent ? 2 * CHAR : 0) * LINE;
      case 'terms':
        return block.items.reduce((sum, item, n) => sum + this.textLines(termLabel(n) + item, 2 * CHAR) * LINE, 0);
      case 'table':
        return this.tableHeight(block);
      case 'signatures':
        return block.rows.reduce((sum, row) => sum + this.signatureRowLines(row) * LINE, 0);
      case 'seal':
      case 'date':
        return this.textLines(block.text, 0, TEXT_WIDTH - 4 * CHAR) * LINE;
      case 'space':
        return LINE;
      case 'pageBreak':
        return 0;
      case 'keep':
        return block.blocks.reduce((sum, b) => sum + this.blockHeight(b), 0);
    }
  }

  render(model: DocumentModel, first: boolean): void {
    if (!first) this.newPage();
    this.documentStarts.push(this.pageCount - 1);
    for (const block of model.blocks) this.block(block);
  }

  block(block: Block): void {
    switch (block.kind) {
      case 'title':
        this.textBlock(block.text, { size: TITLE, font: this.fonts.bold, pitch: LINE * 1.5, align: 'center' });
        this.y += LINE * 0.5;
        break;
      case 'heading':
        // A heading is never the last line of a page.
        this.ensure(2 * LINE);
        this.textBlock(block.text, { font: this.fonts.bold });
        break;
      case 'number':
        this.textBlock(block.text, { align: 'right' });
        break;
      case 'paragraph':
        // A lead-in (此致) is never the last line of a page.
        if (isLeadIn(block)) this.ensure(2 * LINE);
        this.textBlock(block.text, { indent: block.indent ? 2 * CHAR : 0, align: block.align });
        break;
      case 'party':
        this.textBlock(block.text, {});
        break;
      case 'terms':
        block.items.forEach((item, n) => this.textBlock(termLabel(n) + item, { indent: 2 * CHAR }));
        break;
      case 'table':
        this.table(block);
        break;
      case 'signatures':
        this.signatures(block);
        break;
      case 'seal':
        this.textBlock(block.text, { align: 'right', rightIndent: 4 * CHAR });
        break;
      case 'date':
        this.textBlock(block.text, { align: 'right', rightIndent: 4 * CHAR });
        break;
      case 'space':
        this.y += LINE;
        break;
      case 'pageBreak':
        if (this.y > PAGE.top + 0.5) this.newPage();
        break;
      case 'keep': {
        // One page for the whole closing; a part longer than a page (planned not to be) flows on.
        const height = this.blockHeight(block);
        if (height <= TEXT_BOTTOM - PAGE.top + 0.5) this.ensure(height);
        for (const inner of block.blocks) this.block(inner);
        break;
      }
    }
  }

  pageNumbers(mode: 'per-document' | 'continuous'): void {
    const size = 14;
    for (let page = 0; page < this.pageCount; page++) {
      this.doc.switchToPage(page);
      let start = 0;
      if (mode === 'per-document') for (const s of this.documentStarts) if (s <= page) start = s;
      const n = page - start + 1;
      const text = `— ${n} —`;
      const { width, count } = this.lineWidth(text, this.fonts.body, size);
      const drawn = width + 0 * count;
      const x = n % 2 === 1 ? PAGE.width - PAGE.right - size - drawn : PAGE.left + size;
      this.drawLine(text, x, TEXT_BOTTOM + 7 * MM + size, size, this.fonts.body, 0);
    }
  }
}

/** Render one or several documents into one PDF. */
export function renderPdf(models: DocumentModel[], options: PdfOptions): Promise<PdfResult> {
  const writer = new Writer(fontsFor(options.resourcesDir), options);
  models.forEach((model, i) => writer.render(model, i === 0));
  writer.pageNumbers(options.pageNumbers ?? 'per-document');
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    writer.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    writer.doc.on('error', reject);
    writer.doc.on('end', () => resolve({ bytes: Buffer.concat(chunks), pages: writer.pageCount, warnings: [...writer.warnings] }));
    writer.doc.end();
  });
}

/** Load the fonts now (the desktop app does this at start so that the first document is quick). */
export function warmUpPdfFonts(resourcesDir: string): void {
  const fonts = fontsFor(resourcesDir);
  fonts.body.hasGlyph(0x4e00);
  fonts.bold.hasGlyph(0x4e00);
}
